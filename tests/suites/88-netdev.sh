# Network devices (lib/netdev, linuxu's tap, virtio-net) at the frame level:
# lib/netdev's in-image tests (registry, netbufs, queueing, statistics on a
# software device), then tests/apps/nettest asking the network for an ARP
# answer through each real device: on linuxu a tap inside a network
# namespace that the check creates and removes, under QEMU user networking
# on pc and microvm. No IP stack is involved.
NT=$KM_ROOT/tests/apps/nettest
NO=$KM_TMP/netdev

nd_build() { # nd_build NAME DEFCONFIG-FILE-OR-LINES
	local o=$NO/$1
	if [ -f "$NT/defconfigs/$2" ]; then
		km_build_app "$NT" "$o" defconfig DEFCONFIG="defconfigs/$2" > /dev/null
	else
		mkdir -p "$NO" && printf '%b' "$2" > "$o.defconfig" &&
		km_build_app "$NT" "$o" defconfig DEFCONFIG="$o.defconfig" > /dev/null
	fi && km_build_app "$NT" "$o" > "$o.build" 2>&1 || { cat "$o.build"; return 1; }
}

nd_image() { km_build_app "$NT" "$NO/$1" print-images | grep "^$NO/$1/"; }

t_unittests() {
	local rc
	nd_build "ut-$1" "unittests-$1" || return 1
	km_run_image "$NO/ut-$1.tap" "$(nd_image "ut-$1")" test.filter=netdev.; rc=$?
	cat "$NO/ut-$1.tap"
	[ $rc -eq 0 ] && km_expect_tap "$NO/ut-$1.tap" &&
	[ "$(grep -c '^ok .* netdev\.' "$NO/ut-$1.tap")" -ge 15 ]
}
check "netdev in-image tests (registry, netbufs, queues, statistics): linuxu" t_unittests linuxu
if km_have_qemu; then
	check "netdev in-image tests: kvm" t_unittests kvm
else
	skip "netdev in-image tests: kvm" "no qemu-system-x86_64"
fi

# --- linuxu: a tap in a network namespace --------------------------------
check "nettest builds for linuxu (netdev + tap)" nd_build linuxu linuxu-x86_64

# nd_netns CMD...: runs CMD with $ns, a fresh namespace holding tap0
# (10.77.0.1/24, up) and tap1 (down); the namespace goes away on any exit
# of the check's shell (so $ns is global there: the trap runs after this
# function has returned).
nd_netns() {
	ns=$nd_prefix.$RANDOM
	trap 'ip netns del "$ns" 2> /dev/null' EXIT
	ip netns add "$ns" &&
	ip -n "$ns" tuntap add dev tap0 mode tap && ip -n "$ns" tuntap add dev tap1 mode tap &&
	ip -n "$ns" addr add 10.77.0.1/24 dev tap0 && ip -n "$ns" link set tap0 up || return 1
	"$@"
}

nd_run_tap() { # nd_run_tap OUT ARGS...: nettest inside the namespace
	local out=$NO/$1
	shift
	timeout -k 5 60 ip netns exec "$ns" "$(nd_image linuxu)" "$@" > "$out" 2>&1
	local rc=$?
	cat "$out"
	return $rc
}

t_tap_arp() {
	nd_run_tap tap-$1.out linuxu.tap=tap0 -- 10.77.0.1 10.77.0.2 $2 &&
	expect_output "$NO/tap-$1.out" "^nettest: eth0 \\(tap\\): $1 mode" &&
	expect_output "$NO/tap-$1.out" '^nettest: 10\.77\.0\.1 is at ([0-9a-f]{2}:){5}[0-9a-f]{2}$' &&
	expect_output "$NO/tap-$1.out" 'tx [1-9][0-9]* packets [1-9][0-9]* bytes 0 drops 0 errors' &&
	local mac
	mac=$(ip netns exec "$ns" cat /sys/class/net/tap0/address) &&
	expect_output "$NO/tap-$1.out" "is at $mac\$" || return 1
	if [ "$1" = interrupt ]; then
		expect_output "$NO/tap-$1.out" ' [1-9][0-9]* rx events'
	fi
}

nd_prefix=kmnd$$ # this run's namespaces: $nd_prefix.<random>
tap_ok=1
if [ "$(id -u)" != 0 ] || ! command -v ip > /dev/null || [ ! -c /dev/net/tun ]; then
	tap_ok=0 tap_why="needs root, ip(8) and /dev/net/tun for a network namespace"
fi
if [ $tap_ok = 1 ]; then
	check "tap: ARP answer from the namespace's host, rx interrupt (SIGIO)" nd_netns t_tap_arp interrupt
	check "tap: ARP answer, polled mode" nd_netns t_tap_arp polled -p

	t_tap_missing() {
		local rc
		nd_run_tap tap-missing.out linuxu.tap=nosuch7,tap0 -- 10.77.0.1 10.77.0.2; rc=$?
		[ $rc -eq 0 ] &&
		expect_output "$NO/tap-missing.out" 'err: linuxu.tap: cannot open tap nosuch7: No such device \(errno 19\); going on without it \(linuxu.tap_required=y stops\)$' &&
		[ "$(grep -c 'nosuch7\|warn' "$NO/tap-missing.out")" = 1 ] &&
		! ip netns exec "$ns" ip link show nosuch7 > /dev/null 2>&1 # never created
	}
	check "tap: a missing tap is one error line, the boot goes on with the others" nd_netns t_tap_missing

	t_tap_twice() {
		nd_run_tap tap-twice.out linuxu.tap=tap0,tap0 -- 10.77.0.1 10.77.0.2 &&
		expect_output "$NO/tap-twice.out" 'linuxu.tap: tap0 is named twice$' &&
		[ "$(grep -c 'tap0' "$NO/tap-twice.out")" -le 2 ] &&
		expect_output "$NO/tap-twice.out" '^nettest: 1 network devices$'
	}
	check "tap: the same tap twice: one line, the first works" nd_netns t_tap_twice

	# An interface that exists but is no tap (the namespace's lo): EINVAL
	# from TUNSETIFF, and the line asks whether it is a tap.
	t_tap_not_tap() {
		nd_run_tap tap-lo.out linuxu.tap=lo,tap0 -- 10.77.0.1 10.77.0.2 &&
		expect_output "$NO/tap-lo.out" 'cannot open tap lo: Invalid argument \(errno 22\); is it a tap\? \(ip tuntap add dev NAME mode tap\)' &&
		expect_output "$NO/tap-lo.out" '^nettest: 1 network devices$'
	}
	check "tap: an interface that is not a tap: the message asks, the others work" nd_netns t_tap_not_tap

	t_tap_required() {
		local rc
		nd_run_tap tap-req.out linuxu.tap=tap0,nosuch7 linuxu.tap_required=y -- 10.77.0.1 10.77.0.2; rc=$?
		[ $rc -eq 70 ] || { echo "exit status $rc, expected 70"; return 1; }
		expect_output "$NO/tap-req.out" 'cannot open tap nosuch7' &&
		! grep -q '^nettest:' "$NO/tap-req.out"
	}
	check "tap: linuxu.tap_required=y stops the boot (status 70)" nd_netns t_tap_required

	t_tap_down() {
		local rc
		nd_run_tap tap-down.out linuxu.tap=tap1 -- 10.77.0.1 10.77.0.2; rc=$?
		[ $rc -eq 1 ] &&
		expect_output "$NO/tap-down.out" 'warn: eth0: host tap tap1 is down' &&
		expect_output "$NO/tap-down.out" 'tx [1-9][0-9]* packets [0-9]+ bytes [1-9][0-9]* drops' &&
		expect_output "$NO/tap-down.out" '^nettest: no ARP answer'
	}
	check "tap: a tap that is down warns, counts its drops, no hang" nd_netns t_tap_down

	t_tap_bad_name() {
		local rc
		nd_run_tap tap-bad.out "linuxu.tap=,abcdefghijklmnopq" -- 10.77.0.1 10.77.0.2; rc=$?
		[ $rc -eq 1 ] &&
		expect_output "$NO/tap-bad.out" 'linuxu.tap: "" is not an interface name' &&
		expect_output "$NO/tap-bad.out" 'linuxu.tap: "abcdefghijklmnopq" is not an interface name' &&
		expect_output "$NO/tap-bad.out" '^nettest: no network device'
	}
	check "tap: bad interface names refused by name" nd_netns t_tap_bad_name
else
	skip "tap tests" "$tap_why"
fi

# --- tap: many questions in a row -----------------------------------------
if [ $tap_ok = 1 ]; then
	t_tap_many() {
		nd_run_tap tap-many.out linuxu.tap=tap0 -- 10.77.0.1 10.77.0.2 -n 500 &&
		expect_output "$NO/tap-many.out" '^nettest: 500 answers, heap lost between the first and the last: 0 bytes$'
	}
	check "tap: 500 ARP exchanges in a row, no buffer lost" nd_netns t_tap_many

	t_netns_gone() {
		local left
		left=$(ip netns list | grep "^$nd_prefix\\.")
		[ -z "$left" ] || { echo "left behind: $left"; return 1; }
	}
	check "tap: every network namespace the checks made is gone" t_netns_gone
fi

# --- kvm: virtio-net on QEMU's user network --------------------------------
# t_virtio_arp MACHINE MODE: MODE interrupt (the default), polled (nettest's
# -p on a device with interrupts) or virtio.poll (the device itself polled:
# netdev then offers no rx interrupt and the stack polls).
t_virtio_arp() {
	local out=$NO/virtio-$1-$2.out rc params=print.level=info args= want=$2
	case $2 in
	polled) args=-p ;;
	virtio.poll) params="$params virtio.poll=1" want=polled ;;
	esac
	# shellcheck disable=SC2086 # params and args are word lists
	QEMU_MACHINE=$1 NET=user km_run_image "$out" "$(nd_image kvm)" $params -- \
		10.0.2.2 10.0.2.15 -n 300 $args; rc=$?
	cat "$out"
	[ $rc -eq 0 ] || { echo "exit status $rc"; return 1; }
	expect_output "$out" 'libnetdev: eth0: virtio-net, MAC 52:54:00:12:34:56, MTU 1500' &&
	expect_output "$out" "^nettest: eth0 \\(virtio-net\\): $want mode" &&
	expect_output "$out" '^nettest: 300 answers, heap lost between the first and the last: 0 bytes$' &&
	expect_output "$out" '^nettest: 10\.0\.2\.2 is at 52:55:0a:00:02:02$' &&
	expect_output "$out" 'stats rx [0-9]+ packets [0-9]+ bytes 0 drops 0 errors, tx 3[0-9][0-9] packets 1[0-9]{4} bytes 0 drops 0 errors' || return 1
	if [ "$want" = interrupt ]; then
		expect_output "$out" 'interrupt mode, [1-9][0-9]{2} rx events'
	fi
}

t_virtio_none() {
	local out=$NO/virtio-none.out rc
	km_run_image "$out" "$(nd_image kvm)" -- 10.0.2.2 10.0.2.15; rc=$?
	cat "$out"
	[ $rc -eq 1 ] && expect_output "$out" '^nettest: 0 network devices$'
}

# run-kvm's NET and HOSTFWD, checked on the command line QEMU gets (a fake
# QEMU that prints it), so every rule is tested without opening a port.
t_runkvm_net() {
	local bin=$NO/fakeqemu out
	mkdir -p "$bin" && printf '#!/bin/sh\necho "$*" > "%s/args"\nexit 3\n' "$bin" > "$bin/qemu-system-x86_64" &&
	chmod +x "$bin/qemu-system-x86_64" || return 1
	fq() { env PATH="$bin:$PATH" QEMU_ACCEL=tcg XDG_CACHE_HOME="$bin/cache" "$KM_ROOT/support/scripts/run-kvm" "$(nd_image kvm)" 2>&1; }
	QEMU_MACHINE=pc NET=user HOSTFWD="8080 udp::5353-:53" fq || return 1
	cat "$bin/args"
	grep -q -- '-netdev user,id=n0,hostfwd=tcp:127.0.0.1:8080-:8080,hostfwd=udp::5353-:53 -device virtio-net-pci,netdev=n0,romfile=' "$bin/args" || return 1
	QEMU_MACHINE=microvm NET=user fq || return 1
	grep -q -- '-netdev user,id=n0 -device virtio-net-device,netdev=n0' "$bin/args" &&
	grep -q -- '-global virtio-mmio.force-legacy=false' "$bin/args" || return 1
	rm "$bin/args"
	out=$(NET=tap fq); [ $? = 127 ] && echo "$out" | grep -q 'NET=tap: use none or user' || { echo "$out"; return 1; }
	out=$(HOSTFWD=8080 fq); [ $? = 127 ] && echo "$out" | grep -q 'HOSTFWD=8080 needs NET=user' || { echo "$out"; return 1; }
	out=$(NET=user HOSTFWD=tcp::1-:2,hostfwd=x fq); [ $? = 127 ] && echo "$out" | grep -q 'is not one hostfwd rule' || { echo "$out"; return 1; }
	[ ! -e "$bin/args" ] # QEMU never started on a bad setting
}

check "nettest builds for kvm (netdev + virtio-net)" nd_build kvm kvm-x86_64
check "run-kvm: NET=user and HOSTFWD rules, bad values refused" t_runkvm_net
if km_have_qemu; then
	for m in pc q35 microvm; do
		check "virtio-net on $m: 300 ARP exchanges with QEMU's user network by rx interrupt, no buffer lost" t_virtio_arp $m interrupt
	done
	check "virtio-net on pc: the same, the stack polling" t_virtio_arp pc polled
	check "virtio-net on microvm: the same, virtio.poll=1 (no rx interrupt offered)" t_virtio_arp microvm virtio.poll
	check "virtio-net: no NET, no device, a clear answer" t_virtio_none
else
	skip "virtio-net under QEMU" "no qemu-system-x86_64"
fi

t_clang() {
	local out=$NO/clang.out rc
	nd_build clang-kvm kvm-x86_64 && km_build_app "$NT" "$NO/clang-kvm" CC=clang > /dev/null || return 1
	QEMU_MACHINE=microvm NET=user km_run_image "$out" "$(nd_image clang-kvm)" -- 10.0.2.2 10.0.2.15 -n 20; rc=$?
	cat "$out"
	[ $rc -eq 0 ] && expect_output "$out" '^nettest: 20 answers'
}
if command -v clang > /dev/null && km_have_qemu; then
	check "virtio-net built with clang: 20 ARP exchanges on microvm" t_clang
fi
