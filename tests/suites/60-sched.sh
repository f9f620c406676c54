# Threads, locks and time (issue 4) on linuxu, under both schedulers:
# tests/apps/schedtest's KM_TESTs (run order, sleep accuracy: never early,
# at most 20 ms late; 1000 threads; producer/consumer over every lock type;
# a spinning thread starves others under sched-coop only; __thread and
# errno per thread; timers), the idle thread halting, and the crash report
# of a stack overflow.
ST=$KM_ROOT/tests/apps/schedtest
B=$KM_TMP/sched

st_build() { # <coop|preempt>
	local o=$B/$1
	mkdir -p "$o" &&
	sed "s/CONFIG_LIBSCHED_COOP=y/CONFIG_LIBSCHED_$(echo "$1" | tr a-z A-Z)=y/" \
		"$ST/defconfigs/linuxu-x86_64" > "$o/defconfig" &&
	km_build_app "$ST" "$o" defconfig DEFCONFIG="$o/defconfig" &&
	km_build_app "$ST" "$o" &&
	grep -q "^CONFIG_LIBSCHED_$(echo "$1" | tr a-z A-Z)=y" "$o/.config"
}

st_tap() {
	local img=$B/$1/schedtest_linuxu-x86_64
	"$img" linuxu.heap_size=64M > "$B/$1.tap" 2>&1 || { cat "$B/$1.tap"; return 1; }
	expect_output "$B/$1.tap" '^1\.\.[0-9]+' &&
	! grep -q '^not ok' "$B/$1.tap" &&
	expect_output "$B/$1.tap" '^ok .* - sched\.thousand_threads_created_and_joined$' &&
	expect_output "$B/$1.tap" '^ok .* - lock\.producer_consumer_rwlock$' &&
	expect_output "$B/$1.tap" "scheduler $1\$"
}

st_idle() {
	local img=$B/$1/schedtest_linuxu-x86_64 t
	t=$( { TIMEFORMAT='%U %S'; time "$img" test.filter=none -- idle > "$B/$1.idle"; } 2>&1 ) || return 1
	expect_output "$B/$1.idle" '^idle: slept$' || return 1
	echo "cpu user/sys for a 500 ms sleep: $t"
	awk -v u="${t% *}" -v s="${t#* }" 'BEGIN { exit !(u + s < 0.1) }'
}

st_overflow() {
	local img=$B/$1/schedtest_linuxu-x86_64 rc
	"$img" test.filter=none -- overflow > "$B/$1.ovf" 2>&1; rc=$?
	[ $rc -eq 125 ] || { cat "$B/$1.ovf"; echo "exit $rc, want 125"; return 1; }
	expect_output "$B/$1.ovf" "stack overflow in thread 'overflower'.*guard page"
}

for s in coop preempt; do
	check "schedtest ($s): builds" st_build $s
	check "schedtest ($s): in-image tests pass (TAP)" st_tap $s
	check "schedtest ($s): idle thread halts while main sleeps" st_idle $s
	check "schedtest ($s): stack overflow hits the guard page, report names the thread" st_overflow $s
done
