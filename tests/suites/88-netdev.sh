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
# (10.77.0.1/24, up) and tap1 (down); the namespace goes away on any exit.
nd_netns() {
	local ns=kmnd$$.$RANDOM
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
		expect_output "$NO/tap-missing.out" 'err: linuxu.tap: cannot open tap nosuch7: No such device \(errno 19\)$' &&
		[ "$(grep -c 'nosuch7\|warn' "$NO/tap-missing.out")" = 1 ] &&
		! ip netns exec "$ns" ip link show nosuch7 > /dev/null 2>&1 # never created
	}
	check "tap: a missing tap is one error line, the boot goes on with the others" nd_netns t_tap_missing

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
