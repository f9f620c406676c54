# Networking through lwIP (lib/lwip): BSD sockets as a POSIX program sees
# them (tests/apps/sockettest, the same source natively and in images over
# lwIP's loopback, with musl and with newlib), the C libraries' resolvers
# (tests/apps/resolvtest; newlib's is lib/resolv), the netdev.ip boot
# parameter, and apps/httpreply and
# apps/echo under load and bad clients: on linuxu through a tap inside a
# network namespace the check creates and removes, on kvm through QEMU's
# user network with hostfwd on 127.0.0.1 (pc and microvm). Traffic goes
# nowhere else. Every step is bounded in time.
NO=$KM_TMP/net
mkdir -p "$NO"
NET_WRK_SECONDS=${KM_NET_WRK_SECONDS:-30}

# net_build NAME APP DEFCONFIG-LINES: builds APP into $NO/NAME.
net_build() {
	local o=$NO/$1
	printf '%b' "$3" > "$o.defconfig" &&
	km_build_app "$2" "$o" defconfig DEFCONFIG="$o.defconfig" > /dev/null &&
	km_build_app "$2" "$o" > "$o.build" 2>&1 || { cat "$o.build"; return 1; }
}
net_image() { km_build_app "$2" "$NO/$1" print-images | grep "^$NO/$1/"; }

# --- sockets over the loopback: the same program natively and in images --
ST=$KM_ROOT/tests/apps/sockettest

t_native() {
	cc -O2 -pthread -D_GNU_SOURCE -o "$NO/sockettest-native" "$ST/main.c" &&
	timeout 60 "$NO/sockettest-native" > "$NO/native.out" 2>&1
	local rc=$?
	cat "$NO/native.out"
	[ $rc = 0 ] && expect_output "$NO/native.out" '^0 failures$'
}
check "sockettest: the POSIX program passes natively (the reference)" t_native

t_sockets() { # t_sockets PLAT PLAT_SYMBOL LIBC [DEFCONFIG-LINES]
	local rc n=st-$1-$3
	net_build "$n" "$ST" "CONFIG_PLAT_$2=y\n${4:-}CONFIG_LIB$3=y\nCONFIG_LIBLWIP=y\n" || return 1
	km_run_image "$NO/$n.out" "$(net_image "$n" "$ST")"; rc=$?
	cat "$NO/$n.out"
	[ $rc = 0 ] && expect_output "$NO/$n.out" '^0 failures$' || return 1
	# Every check the reference made, in the same order.
	diff <(grep -E '^(ok|FAIL) ' "$NO/native.out") <(grep -E '^(ok|FAIL) ' "$NO/$n.out")
}
for libc in MUSL NEWLIB; do
	check "sockettest over lwIP's loopback with $libc: linuxu, same results as Linux" t_sockets linuxu LINUXU $libc
	if km_have_qemu; then
		check "sockettest over lwIP's loopback with $libc: kvm" t_sockets kvm KVM $libc '# CONFIG_PLAT_LINUXU is not set\n'
	else
		skip "sockettest with $libc: kvm" "no qemu-system-x86_64"
	fi
done

t_bad_ip() {
	local img bad rc
	img=$(net_image st-linuxu-MUSL "$ST") || return 1
	for bad in 10.0.2.15 10.0.2/24:10.0.2.1 10.0.2.15/33:10.0.2.1 \
		300.0.0.1/24:10.0.0.1 10.0.2.15/24:gw 10.0.2.15/24:10.0.2.1:8.8.8 10.0.2.15/24:10.0.3.1 \
		10.0.2.15/24:10.0.2.1:8.8.8.8:8.8.4.4:bad_host 10.0.2.15/24:::::a..b 10.0.2.15/24::::::x; do
		timeout 10 "$img" "netdev.ip=$bad" > "$NO/bad-ip.out" 2>&1; rc=$?
		cat "$NO/bad-ip.out"
		[ $rc = 64 ] || { echo "netdev.ip=$bad: exit status $rc, expected 64"; return 1; }
		[ "$(wc -l < "$NO/bad-ip.out")" = 1 ] &&
		expect_output "$NO/bad-ip.out" "netdev\\.ip: (invalid|out-of-range) value '$bad' \\(expected <addr>/<prefix>\\[:<gw>\\[:<dns0>" || return 1
	done
}
check "netdev.ip: a bad value is one line naming the form, status 64" t_bad_ip

# --- httpreply and echo: load and bad clients -----------------------------
HR=$KM_ROOT/apps/httpreply
EC=$KM_ROOT/apps/echo
cc -O2 -Wall -o "$NO/netpoke" "$KM_ROOT/tests/tools/netpoke.c" || echo "cannot build netpoke"
# QEMU's hostfwd listens with a backlog of 1 (libslirp 4.7): the host
# kernel then completes wrk's 50 simultaneous handshakes two at a time, on
# its SYN-ACK retransmissions (1, 2, 4, 8 s), and wrk counts those waits as
# late answers although the guest answered every request it got within
# milliseconds (seen in a filter-dump capture). QEMU runs with this shim,
# which raises the backlog; t_kvm_http checks that it took effect.
cc -O2 -Wall -shared -fPIC -o "$NO/listen-backlog.so" "$KM_ROOT/tests/tools/listen-backlog.c" ||
	echo "cannot build listen-backlog.so"

# net_x CMD...: runs CMD where the server is reachable (inside the test's
# namespace on linuxu; on the host for kvm's hostfwd).
net_x() { if [ -n "${net_ns:-}" ]; then ip netns exec "$net_ns" "$@"; else "$@"; fi; }

# net_start OUT CMD...: the server in the background; waits (60 s at most)
# for its "listening" line.
net_start() {
	local out=$1 i
	shift
	net_out=$out
	"$@" > "$out" 2>&1 &
	net_pid=$!
	for i in $(seq 600); do
		grep -q 'listening on port\|on port [0-9]' "$out" 2> /dev/null && return 0
		kill -0 $net_pid 2> /dev/null || break
		sleep 0.1
	done
	echo "the server did not start:"
	tr -d '\r' < "$out"
	return 1
}
# net_report: after a failed step, whether the server still runs (its
# process tree and their states: timeout, ip netns exec, the image or
# QEMU) and the end of its output.
net_tree() { local p; for p in $(pgrep -P "$1"); do echo "$p"; net_tree "$p"; done; }
net_report() {
	if [ -n "${net_pid:-}" ] && kill -0 "$net_pid" 2> /dev/null; then
		echo "the server still runs:"
		ps -o pid=,stat=,etime=,time=,rss=,args= -p "$(net_tree "$net_pid" | tr '\n' ,)$net_pid"
	else
		echo "the server is gone"
	fi
	echo "its output (last 60 lines):"
	tr -d '\r' < "$net_out" | tail -n 60 | sed 's/^/  | /'
	net_x ss -tan 2> /dev/null |
		awk 'NR > 1 { n[$1]++ } END { for (s in n) printf "%s %d  ", s, n[s]; print "(client side)" }'
}
net_stop() { [ -n "${net_pid:-}" ] && kill "$net_pid" 2> /dev/null; wait 2> /dev/null; net_pid=; }

# http_code URL: the status of one GET (000 when none came in 10 s).
http_code() { net_x curl -s -m 10 -o /dev/null -w '%{http_code}' "$1"; }
# heap_of BASE: "<live allocations> <bytes they asked for> <usable bytes>"
# from httpreply's /stats.
heap_of() { net_x curl -s -m 10 "$1/stats" | sed -n 's/^heap_[a-z_]* //p' | tr '\n' ' '; }
# heap_settled BASE: heap_of once two readings 0.5 s apart have the same
# allocations and requested bytes (30 s at most; nothing when the server does not
# answer): connections the bad clients left (QEMU's user network hands them
# to the guest seconds after the client is gone) are torn down first.
heap_settled() {
	local prev cur end=$((SECONDS + 30))
	prev=$(heap_of "$1")
	while [ -n "$prev" ] && [ $SECONDS -lt $end ]; do
		sleep 0.5
		cur=$(heap_of "$1")
		[ -n "$cur" ] && [ "$(echo "$cur" | cut -d' ' -f1,2)" != "$(echo "$prev" | cut -d' ' -f1,2)" ] || break
		prev=$cur
	done
	echo "${cur:-$prev}"
}

# t_http HOST PORT [DROPS]: the whole load and bad-client sequence against a
# server; DROPS connections opened and dropped (default 1,000).
t_http() {
	local host=$1 port=$2 drops=${3:-1000} base=http://$1:$2 args i codes before after wrk_out
	[ "$(http_code "$base/")" = 200 ] || { echo "first GET failed"; return 1; }
	# 1,000 requests on keep-alive connections, all 200.
	args=()
	for i in $(seq 1000); do args+=(-o /dev/null "$base/"); done
	codes=$(net_x curl -s -m 240 -w '%{http_code}\n' "${args[@]}" | sort | uniq -c)
	echo "curl: $codes"
	[ "$(echo $codes)" = "1000 200" ] || return 1
	# Bad clients: nothing sent, 1 MiB of header, connections dropped.
	exec 7> >(net_x "$NO/netpoke" idle "$host" "$port" 20 > "$NO/idle.out"; true)
	sleep 1
	[ "$(http_code "$base/")" = 200 ] || { echo "no answer while 20 clients sit idle"; return 1; }
	net_x "$NO/netpoke" bighead "$host" "$port" 1048576 | tee "$NO/bighead.out"
	expect_output "$NO/bighead.out" '^(HTTP/1.1 431 |closed$)' || return 1
	net_x "$NO/netpoke" churn "$host" "$port" "$drops" || return 1
	exec 7>&-
	[ "$(http_code "$base/")" = 200 ] || { echo "no answer after the bad clients"; return 1; }
	# wrk: no socket errors, no non-2xx, the heap as before: the same number
	# of live allocations asking for the same bytes (lib/alloc's
	# stats.requested; the usable bytes MAY differ by how the allocator
	# split its free blocks, so they are only shown).
	before=$(heap_settled "$base")
	wrk_out=$NO/wrk.$$.out
	# wrk's own limit for one answer is 2 s; QEMU's user network under TCG
	# delays a handful of the first answers past it (wrk then counts them
	# as socket errors), so 10 s: an answer later than that still fails.
	net_x timeout $((NET_WRK_SECONDS + 30)) wrk -t2 -c50 -d"${NET_WRK_SECONDS}s" --timeout 10s "$base/" > "$wrk_out" 2>&1
	cat "$wrk_out"
	grep -q 'Requests/sec' "$wrk_out" && ! grep -q 'Socket errors\|Non-2xx' "$wrk_out" || return 1
	[ "$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$wrk_out")" -gt 0 ] || return 1
	after=$(heap_settled "$base") # the last connections close
	echo "heap (allocations, bytes asked for, usable bytes): $before before wrk, $after after"
	[ -n "$before" ] && [ "$(echo "$before" | cut -d' ' -f1,2)" = "$(echo "$after" | cut -d' ' -f1,2)" ] || return 1
	[ "$(http_code "$base/")" = 200 ]
}

# --- linuxu: taps in a network namespace -----------------------------------
# net_netns CMD...: runs CMD with $net_ns, a fresh namespace holding tap0
# (10.77.0.1/24) and tap1 (10.78.0.1/24), both up; gone on any exit.
net_netns() {
	net_ns=kmnet$$.$RANDOM
	trap 'net_stop; ip netns del "$net_ns" 2> /dev/null' EXIT
	ip netns add "$net_ns" &&
	ip -n "$net_ns" tuntap add dev tap0 mode tap && ip -n "$net_ns" tuntap add dev tap1 mode tap &&
	ip -n "$net_ns" addr add 10.77.0.1/24 dev tap0 && ip -n "$net_ns" link set tap0 up &&
	ip -n "$net_ns" addr add 10.78.0.1/24 dev tap1 && ip -n "$net_ns" link set tap1 up || return 1
	"$@"
}

t_tap_http() {
	net_start "$NO/hr-linuxu.out" timeout -k 5 $((NET_WRK_SECONDS + 200)) ip netns exec "$net_ns" \
		"$(net_image hr-linuxu "$HR")" linuxu.tap=tap0 netdev.ip=10.77.0.2/24:10.77.0.1 &&
	{ t_http 10.77.0.2 8080 || { net_report; return 1; }; }
}

t_tap_echo() {
	net_start "$NO/echo-linuxu.out" timeout -k 5 120 ip netns exec "$net_ns" \
		"$(net_image echo-linuxu "$EC")" linuxu.tap=tap1 netdev.ip=10.78.0.2/24:10.78.0.1 -- -p 7 &&
	net_x "$NO/netpoke" udp 10.78.0.2 7 && net_x "$NO/netpoke" tcpecho 10.78.0.2 7 1000000
}

# The same servers built with newlib (its socket calls, lib/newlib/posix_net.c):
# a short check, the load above is the libc-independent stack's.
t_tap_newlib() {
	local args=() codes
	net_start "$NO/hr-linuxu-newlib.out" timeout -k 5 120 ip netns exec "$net_ns" \
		"$(net_image hr-linuxu-newlib "$HR")" linuxu.tap=tap0 netdev.ip=10.77.0.2/24:10.77.0.1 || return 1
	for _ in $(seq 100); do args+=(-o /dev/null "http://10.77.0.2:8080/"); done
	codes=$(net_x curl -s -m 60 -w '%{http_code}\n' "${args[@]}" | sort | uniq -c)
	echo "curl: $codes"
	[ "$(echo $codes)" = "100 200" ] || return 1
	net_stop
	net_start "$NO/echo-linuxu-newlib.out" timeout -k 5 60 ip netns exec "$net_ns" \
		"$(net_image echo-linuxu-newlib "$EC")" linuxu.tap=tap1 netdev.ip=10.78.0.2/24:10.78.0.1 -- -p 7 &&
	net_x "$NO/netpoke" udp 10.78.0.2 7 && net_x "$NO/netpoke" tcpecho 10.78.0.2 7 100000
}

if [ "$(id -u)" != 0 ] || ! command -v ip > /dev/null || [ ! -c /dev/net/tun ]; then
	skip "linuxu tap tests" "needs root, ip(8) and /dev/net/tun for a network namespace"
elif ! command -v curl > /dev/null || ! command -v wrk > /dev/null; then
	skip "linuxu tap tests" "needs curl and wrk"
else
	check "httpreply builds for linuxu" net_build hr-linuxu "$HR" 'CONFIG_PLAT_LINUXU=y\nCONFIG_LIBMUSL=y\nCONFIG_LIBLWIP=y\nCONFIG_LIBSCHED_PREEMPT=y\n'
	check "echo builds for linuxu" net_build echo-linuxu "$EC" 'CONFIG_PLAT_LINUXU=y\nCONFIG_LIBMUSL=y\nCONFIG_LIBLWIP=y\nCONFIG_LIBSCHED_PREEMPT=y\n'
	check "linuxu tap: 1,000 curl, bad clients, wrk ${NET_WRK_SECONDS}s x 50: all 200, same heap" net_netns t_tap_http
	check "linuxu tap: UDP and TCP echo" net_netns t_tap_echo
	check "httpreply builds for linuxu with newlib" net_build hr-linuxu-newlib "$HR" 'CONFIG_PLAT_LINUXU=y\nCONFIG_LIBNEWLIB=y\nCONFIG_LIBLWIP=y\nCONFIG_LIBSCHED_PREEMPT=y\n'
	check "echo builds for linuxu with newlib" net_build echo-linuxu-newlib "$EC" 'CONFIG_PLAT_LINUXU=y\nCONFIG_LIBNEWLIB=y\nCONFIG_LIBLWIP=y\nCONFIG_LIBSCHED_PREEMPT=y\n'
	check "linuxu tap, newlib: httpreply answers 100 curl requests with 200; UDP and TCP echo" net_netns t_tap_newlib
fi

# --- the C library's resolver over lwIP: /etc/resolv.conf from netdev.ip --
# A DNS server (tests/tools/dns-one.c) on the namespace's side of tap0
# answers one name; the image (with a VFS) must find it named in the
# /etc/resolv.conf lib/lwip wrote, and musl's getaddrinfo must ask it.
# t_tap_resolv IMAGE-NAME NOT-FOUND-MESSAGE: the C library's own text for
# EAI_NONAME (musl's and newlib's lib/resolv's differ, as they may).
t_tap_resolv() {
	local dns_pid rc out=$NO/$1.out
	net_x timeout 40 "$NO/dns-one" 10.77.0.1 kumiki.test 10.1.2.3 30 > "$NO/dns.out" 2>&1 &
	dns_pid=$!
	for _ in $(seq 50); do grep -q listening "$NO/dns.out" && break; sleep 0.1; done
	# Unikraft's six fields: a second DNS server (nothing answers there),
	# the hostname (uname's) and the domain (resolv.conf's search).
	net_x timeout 30 "$(net_image "$1" "$KM_ROOT/tests/apps/resolvtest")" linuxu.tap=tap0 \
		netdev.ip=10.77.0.2/24:10.77.0.1:10.77.0.1:10.77.0.9:web-1:kumiki.example -- kumiki.test nosuch.test > "$out" 2>&1
	rc=$?
	kill "$dns_pid" 2> /dev/null
	wait "$dns_pid" 2> /dev/null
	cat "$out" "$NO/dns.out"
	# Status 1: one name (nosuch.test) not resolved, as the server said.
	[ $rc = 1 ] &&
	expect_output "$out" '^resolv.conf: nameserver 10\.77\.0\.1$' &&
	expect_output "$out" '^resolv.conf: nameserver 10\.77\.0\.9$' &&
	expect_output "$out" '^resolv.conf: search kumiki\.example$' &&
	expect_output "$out" '^nodename: web-1$' &&
	expect_output "$out" '^kumiki\.test -> 10\.1\.2\.3$' &&
	expect_output "$out" "^nosuch\\.test: $2\$" &&
	expect_output "$NO/dns.out" '^query kumiki\.test 1$' &&
	expect_output "$NO/dns.out" '^query nosuch\.test 1$'
}

# Nothing listens on the namespace's port 53: lib/resolv tries the one
# server twice (resolv.conf's default attempts) for 5 s each, then gives up.
t_tap_resolv_silent() {
	local rc t0 dt out=$NO/resolv-silent.out
	t0=$(date +%s)
	net_x timeout 40 "$(net_image resolv-linuxu-newlib "$KM_ROOT/tests/apps/resolvtest")" linuxu.tap=tap0 \
		netdev.ip=10.77.0.2/24:10.77.0.1:10.77.0.1 -- kumiki.test > "$out" 2>&1
	rc=$?
	dt=$(($(date +%s) - t0))
	cat "$out"
	echo "gave up after ${dt}s"
	[ $rc = 1 ] && expect_output "$out" '^kumiki\.test: Temporary failure in name resolution$' &&
	[ $dt -ge 9 ] && [ $dt -le 25 ]
}

# The resolver's API on numeric input (getaddrinfo flags and errors,
# getnameinfo, inet_pton/ntop/aton/addr/ntoa, gethostbyname): natively
# first, then each image must make the same checks with the same results.
t_resolv_api_native() {
	cc -O2 -Wall -o "$NO/resolvtest-native" "$KM_ROOT/tests/apps/resolvtest/main.c" &&
	timeout 20 "$NO/resolvtest-native" -api > "$NO/resolv-api-native.out" 2>&1
	local rc=$?
	cat "$NO/resolv-api-native.out"
	[ $rc = 0 ] && expect_output "$NO/resolv-api-native.out" '^0 failures$'
}
t_resolv_api() {
	local rc
	km_run_image "$NO/$1-api.out" "$(net_image "$1" "$KM_ROOT/tests/apps/resolvtest")" -- -api
	rc=$?
	cat "$NO/$1-api.out"
	[ $rc = 0 ] && expect_output "$NO/$1-api.out" '^0 failures$' &&
	diff <(grep -E '^(ok|FAIL) ' "$NO/resolv-api-native.out") <(grep -E '^(ok|FAIL) ' "$NO/$1-api.out")
}

if [ "$(id -u)" != 0 ] || ! command -v ip > /dev/null || [ ! -c /dev/net/tun ]; then
	skip "linuxu resolver test" "needs root, ip(8) and /dev/net/tun for a network namespace"
else
	cc -O2 -Wall -o "$NO/dns-one" "$KM_ROOT/tests/tools/dns-one.c" || echo "cannot build dns-one"
	check "resolvtest builds for linuxu with a VFS" net_build resolv-linuxu "$KM_ROOT/tests/apps/resolvtest" 'CONFIG_PLAT_LINUXU=y\nCONFIG_LIBMUSL=y\nCONFIG_LIBLWIP=y\nCONFIG_LIBVFS=y\n'
	check "linuxu tap: /etc/resolv.conf from netdev.ip, getaddrinfo asks that server" net_netns t_tap_resolv resolv-linuxu 'Name does not resolve'
	check "resolvtest builds for linuxu with newlib (lib/resolv)" net_build resolv-linuxu-newlib "$KM_ROOT/tests/apps/resolvtest" 'CONFIG_PLAT_LINUXU=y\nCONFIG_LIBNEWLIB=y\nCONFIG_LIBLWIP=y\nCONFIG_LIBVFS=y\n'
	check "linuxu tap, newlib: lib/resolv's getaddrinfo asks the server of /etc/resolv.conf" net_netns t_tap_resolv resolv-linuxu-newlib 'Name or service not known'
	check "linuxu tap, newlib: no DNS server answers: EAI_AGAIN after the bounded retries" net_netns t_tap_resolv_silent
	check "resolvtest -api natively (the reference)" t_resolv_api_native
	check "resolvtest -api with musl: the same results as Linux" t_resolv_api resolv-linuxu
	check "resolvtest -api with newlib (lib/resolv, lib/newlib/inet.c): the same results as Linux" t_resolv_api resolv-linuxu-newlib
fi

# --- kvm: virtio-net on QEMU's user network, hostfwd on 127.0.0.1 --------
# net_free_port: a TCP port nothing on 127.0.0.1 listens on.
net_free_port() {
	local p
	for _ in $(seq 50); do
		p=$((20000 + RANDOM % 30000))
		ss -ltn 2> /dev/null | grep -q ":$p " || { echo $p; return 0; }
	done
	return 1
}

t_kvm_http() { # t_kvm_http MACHINE
	local port backlog
	port=$(net_free_port) || return 1
	net_ns=
	trap net_stop EXIT
	LD_PRELOAD=$NO/listen-backlog.so QEMU_MACHINE=$1 NET=user HOSTFWD="tcp:127.0.0.1:$port-:8080" \
		net_start "$NO/hr-kvm-$1.out" timeout -k 5 $((NET_WRK_SECONDS + 400)) \
		"$KM_ROOT/support/scripts/run-kvm" "$(net_image hr-kvm "$HR")" || return 1
	# The listener's queue (ss's Send-Q) must hold wrk's 50 connections.
	backlog=$(ss -ltnH "sport = :$port" | awk '{print $3; exit}')
	[ "${backlog:-0}" -ge 50 ] || {
		echo "QEMU's hostfwd listens on port $port with a backlog of ${backlog:-?} (< 50)"
		return 1
	}
	# Each dropped connection still costs QEMU's user network a handshake
	# and a close with the guest, slow under TCG (1,000 delay the next
	# answer past 5 s): 200 keep the check bounded.
	t_http 127.0.0.1 "$port" 200 || { net_report; return 1; }
}

if ! km_have_qemu; then
	skip "kvm httpreply tests" "no qemu-system-x86_64"
elif ! command -v curl > /dev/null || ! command -v wrk > /dev/null; then
	skip "kvm httpreply tests" "needs curl and wrk"
else
	check "httpreply builds for kvm (virtio-net)" net_build hr-kvm "$HR" 'CONFIG_PLAT_KVM=y\n# CONFIG_PLAT_LINUXU is not set\nCONFIG_LIBMUSL=y\nCONFIG_LIBLWIP=y\nCONFIG_LIBSCHED_PREEMPT=y\nCONFIG_VIRTIO=y\n'
	for m in pc microvm; do
		check "kvm $m, DHCP, hostfwd: 1,000 curl, bad clients, wrk ${NET_WRK_SECONDS}s x 50: all 200, same heap" t_kvm_http $m
	done
fi
