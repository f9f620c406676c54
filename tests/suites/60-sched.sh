# Threads, locks and time (issue 4) on linuxu and kvm, under both schedulers:
# tests/apps/schedtest's KM_TESTs (run order, sleep accuracy: never early,
# at most 20 ms late; 1000 threads; producer/consumer over every lock type;
# a spinning thread starves others under sched-coop only; __thread and
# errno per thread; timers; preempted threads hammering malloc/free), the
# idle thread halting, and the crash report of a stack overflow (on kvm also
# with the stack in a 2 MiB mapping split for its guard page). kvm images
# boot under QEMU (TCG here, ~0.3 s a boot), each run bounded by timeout.
ST=$KM_ROOT/tests/apps/schedtest
B=$KM_TMP/sched

st_build() { # <coop|preempt> [plat]
	local o=$B/$1${2:+-$2}
	mkdir -p "$o" &&
	sed "s/CONFIG_LIBSCHED_COOP=y/CONFIG_LIBSCHED_$(echo "$1" | tr a-z A-Z)=y/" \
		"$ST/defconfigs/${2:-linuxu}-x86_64" > "$o/defconfig" &&
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
	expect_output "$B/$1.ovf" "stack overflow in thread 'overflower'.*guard page" &&
	st_frames_named "$B/$1.ovf"
}

# Every backtrace frame is in the code and named (a stack overflow once
# printed "?  0x7e +0x7e"), and the walk reaches the thread's entry.
st_frames_named() {
	! grep -E '^\[crash\] +(#[0-9]+|\?) +0x[0-9a-f]+ *(\+0x.*)?$' "$1" &&
	expect_output "$1" '^\[crash\]   #[0-9]+ 0x[0-9a-f]+ overflower\+0x' &&
	expect_output "$1" '^\[crash\]   #[0-9]+ 0x[0-9a-f]+ thread_start\+0x'
}

# main ending through km_thread_exit (km/sched.h, doc/boot.md): the other
# threads go on; the last one's end is exit(0).
st_mainexit() {
	local img=$B/$1${2:+-$2}/schedtest_${2:-linuxu}-x86_64 o=$B/$1${2:+-$2}/mainexit rc
	km_run_image "$o" "$img" test.filter=none -- mainexit; rc=$?
	cat "$o"
	[ $rc -eq 0 ] || { echo "exit $rc, want 0"; return 1; }
	[ "$(grep '^mainexit:' "$o" | tr '\n' '|')" = \
	  "mainexit: main ends|mainexit: worker ends after main|mainexit: atexit handler ran|" ]
}

# A flood of host signals (SIGALRM is linuxu's timer interrupt; a tap's
# SIGIO comes as fast under network load) while four threads on 16 KiB
# stacks compute: each signal's host frame (several KiB with the XSAVE
# area) must never land on a thread stack, nor stack up there (a loaded
# server once overflowed its 64 KiB thread stacks this way).
cc -O2 -Wall -o "$KM_TMP/sigstorm" "$KM_ROOT/tests/tools/sigstorm.c" || echo "cannot build sigstorm"
st_storm() {
	local img=$B/$1/schedtest_linuxu-x86_64 o=$B/$1.storm pid rc i
	timeout 30 "$img" test.filter=none -- storm 3 > "$o" 2>&1 &
	pid=$!
	for i in $(seq 100); do grep -q '^storm: ready' "$o" && break; sleep 0.05; done
	"$KM_TMP/sigstorm" "$(pgrep -P $pid)" 3
	wait $pid; rc=$?
	cat "$o"
	[ $rc = 0 ] && expect_output "$o" '^storm: 4 threads on 16 KiB stacks survived, 0 wrong sums'
}

# The wait-queue example in km/sched.h compiles as shown, includes and all.
st_header_example() {
	mkdir -p "$B" || return 1
	local h=$KM_ROOT/lib/sched/include/km/sched.h c=$B/example.c
	{
		echo '#include <km/sched.h>'
		sed -n 's/^ \*\t\(#include .*\)/\1/p' "$h"
		echo 'static struct km_waitq wq = KM_WAITQ_INIT(wq);'
		echo 'static int cond;'
		echo 'void example(void) {'
		sed -n 's/^ \*\t//p' "$h" | grep -v '^#include' | sed 's/^\.\.\. .* \.\.\.$/;/'
		echo '}'
	} > "$c"
	cat "$c"
	grep -q km_plat_irq_save "$c" &&
	gcc -std=gnu11 -Wall -Werror -ffreestanding -fsyntax-only -I"$KM_ROOT/include" \
		-I"$KM_ROOT/lib/sched/include" -I"$KM_ROOT/lib/time/include" "$c"
}
check "km/sched.h: the wait-queue example compiles with the includes it shows" st_header_example

for s in coop preempt; do
	check "schedtest ($s): builds" st_build $s
	check "schedtest ($s): in-image tests pass (TAP)" st_tap $s
	check "schedtest ($s): idle thread halts while main sleeps" st_idle $s
	check "schedtest ($s): stack overflow hits the guard page, report names the thread" st_overflow $s
	check "schedtest ($s): main ends by km_thread_exit, the last thread's end is exit(0)" st_mainexit $s
	check "schedtest ($s): a flood of host signals while threads on 16 KiB stacks run" st_storm $s
done

if ! km_have_qemu; then
	skip "schedtest: kvm" "qemu-system-x86_64 not installed (Debian package qemu-system-x86)"
	return 0 2>/dev/null || exit 0
fi

st_kvm_tap() {
	local o=$B/$1-kvm
	km_run_image "$o/tap" "$o/schedtest_kvm-x86_64" || { cat "$o/tap"; return 1; }
	expect_output "$o/tap" '^1\.\.[0-9]+' &&
	! grep -q '^not ok' "$o/tap" &&
	expect_output "$o/tap" '^ok .* - sched\.thousand_threads_created_and_joined$' &&
	expect_output "$o/tap" '^ok .* - lock\.producer_consumer_mutex_condvar$' &&
	expect_output "$o/tap" '^ok .* - alloc\.preempted_threads_hammer_malloc_free$' &&
	expect_output "$o/tap" "scheduler $1\$"
}

# QEMU's CPU time for a 500 ms sleep, less a boot that does nothing: a
# halting idle thread adds next to nothing under TCG, a spinning one ~0.5 s.
st_kvm_idle() {
	local o=$B/$1-kvm t0 t1
	t0=$( { TIMEFORMAT='%U %S'; time km_run_image "$o/base" "$o/schedtest_kvm-x86_64" test.filter=none; } 2>&1 ) || return 1
	t1=$( { TIMEFORMAT='%U %S'; time km_run_image "$o/idle" "$o/schedtest_kvm-x86_64" test.filter=none -- idle; } 2>&1 ) || return 1
	expect_output "$o/idle" '^idle: slept$' || return 1
	echo "QEMU cpu user/sys: boot only $t0, boot + 500 ms sleep $t1"
	awk -v a="$t0" -v b="$t1" 'BEGIN { split(a, x, " "); split(b, y, " ");
		exit !((y[1] + y[2]) - (x[1] + x[2]) < 0.25) }'
}

st_kvm_overflow() { # <sched> [threads created first]
	local o=$B/$1-kvm rc
	km_run_image "$o/ovf$2" "$o/schedtest_kvm-x86_64" test.filter=none -- overflow $2; rc=$?
	[ $rc -eq 125 ] || { cat "$o/ovf$2"; echo "exit $rc, want 125"; return 1; }
	expect_output "$o/ovf$2" "^\[crash\] stack overflow in thread 'overflower' \(guard page at 0x[0-9a-f]+\)" &&
	st_frames_named "$o/ovf$2"
}

for s in coop preempt; do
	check "schedtest kvm ($s): builds" st_build $s kvm
	check "schedtest kvm ($s): in-image tests pass (TAP)" st_kvm_tap $s
	check "schedtest kvm ($s): idle thread halts while main sleeps" st_kvm_idle $s
	check "schedtest kvm ($s): stack overflow hits the guard page, report names the thread" st_kvm_overflow $s
	check "schedtest kvm ($s): main ends by km_thread_exit, the last thread's end is exit(0)" st_mainexit $s kvm
done
check "schedtest kvm (preempt): guard page in a split 2 MiB mapping (200 threads first)" st_kvm_overflow preempt 200
