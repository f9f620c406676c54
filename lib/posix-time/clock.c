/* SPDX-License-Identifier: BSD-3-Clause */
/* Clock and sleep system calls on lib/time (see km/posix_time.h). */
#include <errno.h>
#include <stdint.h>
#include <km/posix_time.h>
#include <km/syscall.h>
#include <km/time.h>

struct linux_timeval {
	long tv_sec, tv_usec;
};

enum {
	CLK_REALTIME = 0,
	CLK_MONOTONIC = 1,
	CLK_PROCESS_CPUTIME = 2,
	CLK_THREAD_CPUTIME = 3,
	CLK_MONOTONIC_RAW = 4,
	CLK_REALTIME_COARSE = 5,
	CLK_MONOTONIC_COARSE = 6,
	CLK_BOOTTIME = 7,
};
#define TIMER_ABSTIME_ 1

/* 0 and the clock's time in ns, or -EINVAL for an unknown clock. */
static int clock_read(long clk, km_nsec_t *now)
{
	switch (clk) {
	case CLK_REALTIME:
	case CLK_REALTIME_COARSE:
		*now = km_time_wall_ns();
		return 0;
	case CLK_MONOTONIC:
	case CLK_MONOTONIC_RAW:
	case CLK_MONOTONIC_COARSE:
	case CLK_BOOTTIME:
	case CLK_PROCESS_CPUTIME:
	case CLK_THREAD_CPUTIME:
		*now = km_time_monotonic_ns();
		return 0;
	default:
		return -EINVAL;
	}
}

static void to_timespec(struct km_linux_timespec *ts, km_nsec_t ns)
{
	ts->tv_sec = (long)(ns / KM_NSEC_PER_SEC);
	ts->tv_nsec = (long)(ns % KM_NSEC_PER_SEC);
}

KM_SYSCALL_DEFINE(clock_gettime, 2)
{
	km_nsec_t now;
	int ret = clock_read(a1, &now);

	if (ret)
		return ret;
	if (!a2)
		return -EFAULT;
	to_timespec((struct km_linux_timespec *)a2, now);
	return 0;
}

/* clock_gettime without the table's dispatch, for the libc's vDSO lookup
 * (km/syscall.h): clocks it cannot read, and a NULL @ts, go to the system
 * call (-ENOSYS), which gives the errors. */
static int vdso_clock_gettime(long clk, struct km_linux_timespec *ts)
{
	km_nsec_t now;

	if (km_unlikely(!ts || clock_read(clk, &now)))
		return -ENOSYS;
	to_timespec(ts, now);
	return 0;
}
KM_SYSCALL_VDSO(clock_gettime, vdso_clock_gettime);

KM_SYSCALL_DEFINE(clock_getres, 2)
{
	km_nsec_t now;
	int ret = clock_read(a1, &now);

	if (ret)
		return ret;
	if (a2)
		to_timespec((struct km_linux_timespec *)a2, 1);
	return 0;
}

KM_SYSCALL_DEFINE(clock_settime, 2)
{
	km_nsec_t now;

	return clock_read(a1, &now) ? -EINVAL : -EPERM;
}

KM_SYSCALL_DEFINE(settimeofday, 2)
{
	return -EPERM;
}

int km_posix_timespec_ns(const struct km_linux_timespec *ts, km_nsec_t *ns)
{
	if (!ts)
		return -EFAULT;
	if (ts->tv_nsec < 0 || ts->tv_nsec >= (long)KM_NSEC_PER_SEC || ts->tv_sec < 0)
		return -EINVAL;
	if ((uint64_t)ts->tv_sec >= UINT64_MAX / KM_NSEC_PER_SEC - 1)
		*ns = UINT64_MAX / 2;
	else
		*ns = (km_nsec_t)ts->tv_sec * KM_NSEC_PER_SEC + (km_nsec_t)ts->tv_nsec;
	return 0;
}

static long sleep_for(km_nsec_t ns)
{
	km_nsec_t now = km_time_monotonic_ns();

	km_sleep_until(ns > UINT64_MAX / 2 - now ? UINT64_MAX / 2 : now + ns);
	return 0;
}

KM_SYSCALL_DEFINE(nanosleep, 2)
{
	km_nsec_t ns;
	int ret = km_posix_timespec_ns((const struct km_linux_timespec *)a1, &ns);

	return ret ? ret : sleep_for(ns);
}

KM_SYSCALL_DEFINE(clock_nanosleep, 4)
{
	km_nsec_t ns, now;
	int ret;

	if (a1 == CLK_PROCESS_CPUTIME || a1 == CLK_THREAD_CPUTIME || clock_read(a1, &now))
		return -EINVAL;
	if (a2 & ~(long)TIMER_ABSTIME_)
		return -EINVAL;
	ret = km_posix_timespec_ns((const struct km_linux_timespec *)a3, &ns);
	if (ret)
		return ret;
	if (a2 & TIMER_ABSTIME_)
		ns = ns > now ? ns - now : 0;
	return sleep_for(ns);
}

KM_SYSCALL_DEFINE(gettimeofday, 2)
{
	struct linux_timeval *tv = (struct linux_timeval *)a1;
	int *tz = (int *)a2; /* struct timezone: minuteswest, dsttime */

	if (tv) {
		km_nsec_t now = km_time_wall_ns();

		tv->tv_sec = (long)(now / KM_NSEC_PER_SEC);
		tv->tv_usec = (long)(now % KM_NSEC_PER_SEC / KM_NSEC_PER_USEC);
	}
	if (tz)
		tz[0] = tz[1] = 0;
	return 0;
}

KM_SYSCALL_DEFINE(time, 1)
{
	long t = (long)(km_time_wall_ns() / KM_NSEC_PER_SEC);

	if (a1)
		*(long *)a1 = t;
	return t;
}

KM_SYSCALL_DEFINE(times, 1)
{
	long *tms = (long *)a1; /* utime, stime, cutime, cstime (clock_t) */
	long ticks = (long)(km_time_monotonic_ns() / (KM_NSEC_PER_SEC / KM_POSIX_CLK_TCK));

	if (tms) {
		tms[0] = ticks;
		tms[1] = tms[2] = tms[3] = 0;
	}
	return ticks;
}
