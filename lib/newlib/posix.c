/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * POSIX functions a bare newlib does not have (it leaves them to an OS
 * folder), on the syscall layer like syscalls.c: clocks and sleeping,
 * identities, descriptors, sched_yield and getentropy. newlib's clock ids
 * and TIMER_ABSTIME differ from Linux's and are translated; timespec has
 * the Linux layout.
 */
#define _GNU_SOURCE /* newlib declares the Linux-only clock ids under it */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>
#include <km/syscall.h>
#include "newlib_glue.h"

#define LINUX_CLOCK_REALTIME	       0
#define LINUX_CLOCK_MONOTONIC	       1
#define LINUX_CLOCK_PROCESS_CPUTIME_ID 2
#define LINUX_CLOCK_THREAD_CPUTIME_ID  3
#define LINUX_CLOCK_MONOTONIC_RAW      4
#define LINUX_CLOCK_REALTIME_COARSE    5
#define LINUX_CLOCK_MONOTONIC_COARSE   6
#define LINUX_CLOCK_BOOTTIME	       7
#define LINUX_TIMER_ABSTIME	       1
#define GETRANDOM_MAX		       256 /* getentropy's limit (POSIX) */

/* Linux's id for newlib's @id, or -1 when Linux has none. */
static long linux_clock(clockid_t id)
{
	switch (id) {
	case CLOCK_REALTIME:
		return LINUX_CLOCK_REALTIME;
	case CLOCK_MONOTONIC:
		return LINUX_CLOCK_MONOTONIC;
	case CLOCK_PROCESS_CPUTIME_ID:
		return LINUX_CLOCK_PROCESS_CPUTIME_ID;
	case CLOCK_THREAD_CPUTIME_ID:
		return LINUX_CLOCK_THREAD_CPUTIME_ID;
	case CLOCK_MONOTONIC_RAW:
		return LINUX_CLOCK_MONOTONIC_RAW;
	case CLOCK_REALTIME_COARSE:
		return LINUX_CLOCK_REALTIME_COARSE;
	case CLOCK_MONOTONIC_COARSE:
		return LINUX_CLOCK_MONOTONIC_COARSE;
	case CLOCK_BOOTTIME:
		return LINUX_CLOCK_BOOTTIME;
	default:
		return -1;
	}
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
	return (int)newlib_result(km_syscall2(KM_SYS_clock_gettime, linux_clock(id), ts));
}

int clock_getres(clockid_t id, struct timespec *ts)
{
	return (int)newlib_result(km_syscall2(KM_SYS_clock_getres, linux_clock(id), ts));
}

/*
 * Returns the error number itself, as POSIX says clock_nanosleep does.
 * Both sleeps are cancellation points (lib/posix-pthread): a pending
 * cancellation is acted on before the sleep and when it ends.
 */
int clock_nanosleep(clockid_t id, int flags, const struct timespec *req, struct timespec *rem)
{
	long ret;

	pthread_testcancel();
	ret = km_syscall4(KM_SYS_clock_nanosleep, linux_clock(id),
			  flags & TIMER_ABSTIME ? LINUX_TIMER_ABSTIME : 0, req, rem);
	pthread_testcancel();
	return ret < 0 ? (int)-ret : 0;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	long ret;

	pthread_testcancel();
	ret = km_syscall2(KM_SYS_nanosleep, req, rem);
	pthread_testcancel();
	return (int)newlib_result(ret);
}

unsigned sleep(unsigned seconds)
{
	struct timespec req = { seconds, 0 }, rem = { 0, 0 };

	if (nanosleep(&req, &rem) == 0)
		return 0;
	return (unsigned)rem.tv_sec + (rem.tv_nsec > 0);
}

int usleep(useconds_t usec)
{
	struct timespec req = { usec / 1000000, (long)(usec % 1000000) * 1000 };

	return nanosleep(&req, NULL);
}

pid_t getppid(void)
{
	return (pid_t)km_syscall0(KM_SYS_getppid);
}

uid_t getuid(void)
{
	return (uid_t)km_syscall0(KM_SYS_getuid);
}

uid_t geteuid(void)
{
	return (uid_t)km_syscall0(KM_SYS_geteuid);
}

gid_t getgid(void)
{
	return (gid_t)km_syscall0(KM_SYS_getgid);
}

gid_t getegid(void)
{
	return (gid_t)km_syscall0(KM_SYS_getegid);
}

int dup(int fd)
{
	return (int)newlib_result(km_syscall1(KM_SYS_dup, fd));
}

int dup2(int fd, int to)
{
	return (int)newlib_result(km_syscall2(KM_SYS_dup2, fd, to));
}

int sched_yield(void)
{
	return (int)newlib_result(km_syscall0(KM_SYS_sched_yield));
}

int getentropy(void *buf, size_t len)
{
	long got;

	if (len > GETRANDOM_MAX) {
		errno = EIO;
		return -1;
	}
	for (size_t done = 0; done < len; done += (size_t)got) {
		got = newlib_result(
			km_syscall3(KM_SYS_getrandom, (char *)buf + done, len - done, 0));
		if (got < 0 && errno != EINTR)
			return -1;
		if (got < 0)
			got = 0;
	}
	return 0;
}
