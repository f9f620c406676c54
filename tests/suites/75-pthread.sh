# POSIX threads through musl's own pthread implementation (lib/posix-thread
# on lib/sched, lib/musl patches 0003-0005) and through lib/posix-pthread
# with newlib, on linuxu and kvm, under sched-coop and sched-preempt:
# tests/apps/pthreadtest (100 threads of
# producer/consumer, timed waits that time out and never early, once, keys
# with destructors, join and detach, mutex types, rwlocks, errno, __thread
# and gettid per thread, attributes, semaphores, pthread_sigmask, the mask
# per thread (inherited, its own), kill of the process reaching the thread
# that does not block it and pthread_kill its target, futex
# edges, deferred cancellation at nanosleep)
# must print TAP with every test ok, and main ending through pthread_exit
# leaves the worker running, whose end is exit(0) with atexit handlers,
# and after a thread has ended alarm(1) still ends a sleeping main (142).
# The same program built natively with musl-gcc must pass too, which shows
# that the tests ask for Linux's behaviour, not Kumiki's. Also: a clone
# with process flags is refused with one warning (-EINVAL), and LIBMUSL
# pulls in lib/sched and lib/posix-thread by itself, LIBNEWLIB lib/sched
# and lib/posix-pthread.
PT=$KM_ROOT/tests/apps/pthreadtest
PB=$KM_TMP/pthread
PT_TESTS=19

pt_build() { # <coop|preempt> <linuxu|kvm> [musl|newlib]
	local o=$PB/$1-$2${3:+-$3} sched libc=${3:-musl} want
	sched=$(echo "$1" | tr a-z A-Z)
	want=$([ "$libc" = newlib ] && echo LIBPOSIX_PTHREAD || echo LIBPOSIX_THREAD)
	mkdir -p "$o" &&
	sed -e "s/CONFIG_LIBSCHED_COOP=y/CONFIG_LIBSCHED_$sched=y/" \
		-e "s/CONFIG_LIBMUSL=y/CONFIG_LIB$(echo "$libc" | tr a-z A-Z)=y/" "$PT/defconfigs/$2-x86_64" > "$o/defconfig" &&
	km_build_app "$PT" "$o" defconfig DEFCONFIG="$o/defconfig" > "$o.build" 2>&1 &&
	km_build_app "$PT" "$o" >> "$o.build" 2>&1 || { tail -20 "$o.build"; return 1; }
	grep -q "^CONFIG_LIBSCHED_$sched=y" "$o/.config" && grep -q "^CONFIG_$want=y" "$o/.config" ||
		{ echo "$libc did not bring lib/sched ($1) and $want"; return 1; }
}

# pt_tap FILE: the TAP in FILE has PT_TESTS tests, all ok.
pt_tap() {
	expect_output "$1" "^1\\.\\.$PT_TESTS\$" && km_expect_tap "$1" || { cat "$1"; return 1; }
	grep '^# cond_timedwait' "$1"
}

pt_run() { # <coop|preempt> <linuxu|kvm> [musl|newlib]
	local o=$PB/$1-$2${3:+-$3} rc
	pt_build "$@" || return 1
	km_run_image "$o.out" "$o/pthreadtest_$2-x86_64"; rc=$?
	[ $rc -eq 0 ] || { cat "$o.out"; echo "exit status $rc"; return 1; }
	pt_tap "$o.out" || return 1
	pt_mainexit "$o.mainexit" "$o/pthreadtest_$2-x86_64" -- &&
	pt_alarm "$o.alarm" "$([ "$2" = kvm ] && echo 126 || echo 142)" "$o/pthreadtest_$2-x86_64" --
}

# After a thread has ended (musl blocks every signal in it as it exits),
# alarm(1) still ends the sleeping main with SIGALRM's status: the mask is
# per thread.
pt_alarm() { # <out> <status> <image> [args before "alarm"]
	local out=$1 want=$2 rc
	shift 2
	km_run_image "$out" "$@" alarm; rc=$?
	[ $rc -eq "$want" ] && grep -q '^alarm: thread joined, sleeping$' "$out" &&
		! grep -q 'still running' "$out" || { cat "$out"; echo "exit status $rc, want $want"; return 1; }
}

# main ending through pthread_exit: the worker goes on; the last thread's
# end is exit(0), atexit handlers included.
pt_mainexit() { # <out> <image> [args before "mainexit"]
	local out=$1 rc
	shift
	km_run_image "$out" "$@" mainexit; rc=$?
	[ $rc -eq 0 ] && [ "$(grep '^mainexit:' "$out" | tr '\n' '|')" = \
		"mainexit: main ends|mainexit: worker ends after main|mainexit: atexit handler ran|" ] ||
		{ cat "$out"; echo "exit status $rc"; return 1; }
}

check "pthread: musl's threads on linuxu, sched-coop" pt_run coop linuxu
check "pthread: musl's threads on linuxu, sched-preempt" pt_run preempt linuxu
if km_have_qemu; then
	check "pthread: musl's threads on kvm, sched-coop" pt_run coop kvm
	check "pthread: musl's threads on kvm, sched-preempt" pt_run preempt kvm
else
	skip "pthread: kvm runs" "qemu-system-x86_64 not installed"
fi
# The same program with newlib: lib/posix-pthread's threads, mutexes,
# conditions, rwlocks, once and keys, and cancellation at nanosleep.
check "pthread: newlib's threads (posix-pthread) on linuxu, sched-coop" pt_run coop linuxu newlib
check "pthread: newlib's threads (posix-pthread) on linuxu, sched-preempt" pt_run preempt linuxu newlib
if km_have_qemu; then
	check "pthread: newlib's threads (posix-pthread) on kvm, sched-coop" pt_run coop kvm newlib
	check "pthread: newlib's threads (posix-pthread) on kvm, sched-preempt" pt_run preempt kvm newlib
else
	skip "pthread: newlib kvm runs" "qemu-system-x86_64 not installed"
fi

# The tests themselves: natively on Linux with musl they pass as well.
pt_native() {
	local o=$PB/native
	mkdir -p "$PB" && musl-gcc -static -O2 -o "$o" "$PT/main.c" || return 1
	timeout -k 5 120 "$o" > "$o.out" 2>&1 || { cat "$o.out"; return 1; }
	pt_tap "$o.out" && pt_mainexit "$o.mainexit" "$o" && pt_alarm "$o.alarm" 142 "$o"
}
if command -v musl-gcc > /dev/null; then
	check "pthread: the same tests pass natively (musl-gcc, Linux)" pt_native
else
	skip "pthread: native run" "musl-gcc not installed (Debian package musl-tools)"
fi

# musl's clone() with fork-like flags reaches km_posix_clone: refused with
# -EINVAL and one warning naming the flags, never a crash.
pt_clone_refused() {
	local d=$PB/clonerefused o=$PB/clonerefused-out
	rm -rf "$d" && mkdir -p "$d/defconfigs" && cp "$PT/Makefile" "$PT/Config.uk" "$d/" &&
	sed 's/APPPTHREADTEST/APPCLONEREFUSED/' "$PT/Config.uk" > "$d/Config.uk" &&
	printf '$(eval $(call addlib,appclonerefused))\nAPPCLONEREFUSED_SRCS-y += $(APPCLONEREFUSED_BASE)/main.c\n' > "$d/Makefile.uk" &&
	cat > "$d/main.c" <<'C'
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
static char stack[16384] __attribute__((aligned(16)));
static int child(void *arg) { return 0; }
int main(void)
{
	int r = clone(child, stack + sizeof(stack), SIGCHLD, NULL);
	printf("clone: %d errno %d\n", r, r < 0 ? errno : 0);
	r = clone(child, stack + sizeof(stack), CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
	printf("clone: %d errno %d\n", r, r < 0 ? errno : 0);
	return 0;
}
C
	sed -i "s|^KUMIKI_ROOT ?=.*|KUMIKI_ROOT ?= $KM_ROOT|" "$d/Makefile" &&
	cp "$PT/defconfigs/linuxu-x86_64" "$d/defconfigs/" &&
	km_build_app "$d" "$o" defconfig DEFCONFIG="$d/defconfigs/linuxu-x86_64" > "$o.build" 2>&1 &&
	km_build_app "$d" "$o" >> "$o.build" 2>&1 || { tail -20 "$o.build"; return 1; }
	km_run_image "$o.out" "$o/clonerefused_linuxu-x86_64" || { cat "$o.out"; return 1; }
	[ "$(grep -c '^clone: -1 errno 22$' "$o.out")" -eq 2 ] &&
	[ "$(grep -c 'clone: flags 0x11: only threads' "$o.out")" -eq 1 ] || { cat "$o.out"; return 1; }
}
check "pthread: clone with process flags is refused with one warning" pt_clone_refused
