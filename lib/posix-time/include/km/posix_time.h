/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/posix_time.h - clocks and sleep as POSIX sees them (lib/posix-time).
 *
 * Registered system calls (Linux x86_64 ABI; struct timespec is two longs
 * {tv_sec, tv_nsec}, struct timeval {tv_sec, tv_usec}, all times in the
 * units their names say):
 * - clock_gettime(2), clock_getres(2): CLOCK_REALTIME(_COARSE) is
 *   km_plat_wall_ns (the platform's wall clock; it MAY jump);
 *   CLOCK_MONOTONIC(_RAW, _COARSE) and CLOCK_BOOTTIME are
 *   km_plat_monotonic_ns (from about boot, never backwards, no suspend);
 *   CLOCK_PROCESS_CPUTIME_ID and CLOCK_THREAD_CPUTIME_ID are also the
 *   monotonic clock: one process owns the CPU, idle time included (a
 *   documented over-estimate). Resolution: 1 ns for every clock.
 *   -EINVAL: another clock id (negative ids, i.e. other processes' CPU
 *   clocks, included); -EFAULT: clock_gettime with a NULL timespec
 *   (clock_getres accepts NULL). clock_gettime is also offered as a
 *   direct entry ("__vdso_clock_gettime", km/syscall.h), which musl calls
 *   instead of the system call, as it calls Linux's vDSO.
 * - clock_settime(2), settimeofday(2): -EPERM (the wall clock belongs to
 *   the platform).
 * - nanosleep(2), clock_nanosleep(2) (REALTIME, MONOTONIC, BOOTTIME;
 *   TIMER_ABSTIME = 1): sleep at least the time asked, through
 *   km_sleep_until (blocking the thread under lib/sched, else halting).
 *   Never interrupted, so @rem is never written. -EINVAL: tv_nsec outside
 *   0..999999999 or tv_sec < 0 (relative), or a CPU-time clock; -EFAULT:
 *   NULL request.
 * - gettimeofday(2): either pointer MAY be NULL; the timezone is UTC.
 * - time(2): seconds since the epoch, also stored through a non-NULL a1.
 * - times(2): clock ticks (100 per second, sysconf(_SC_CLK_TCK)) since
 *   boot; tms_utime is the CPU time above, the others 0. NULL allowed.
 *
 * Non-goals: setitimer/alarm/timer_create (no asynchronous signal
 * delivery yet), setting the clock, time zones.
 */
#ifndef KM_POSIX_TIME_H
#define KM_POSIX_TIME_H

#include <km/plat/time.h>

#define KM_POSIX_CLK_TCK 100

/* struct timespec as the x86_64 system calls pass it. */
struct km_linux_timespec {
	long tv_sec, tv_nsec;
};

/* A relative time request (nanosleep's, futex's) as nanoseconds in *@ns:
 * 0, -EFAULT for NULL, -EINVAL for tv_nsec outside 0..999999999 or
 * tv_sec < 0. Saturates far futures (at about 292 years). */
int km_posix_timespec_ns(const struct km_linux_timespec *ts, km_nsec_t *ns);

#endif /* KM_POSIX_TIME_H */
