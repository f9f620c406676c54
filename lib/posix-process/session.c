/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Process groups, sessions, the file mode mask, resource usage and the
 * CPU number of a one-process, one-CPU image (see km/posix_process.h).
 */
#include <errno.h>
#include <string.h>
#include <km/alloc.h>
#include <km/plat/time.h>
#include <km/posix_process.h>
#include <km/syscall.h>

static int is_self(long pid)
{
	return pid == 0 || pid == KM_POSIX_PID;
}

KM_SYSCALL_DEFINE(getpgrp, 0)
{
	return KM_POSIX_PID;
}

KM_SYSCALL_DEFINE(getpgid, 1)
{
	return is_self(a1) ? KM_POSIX_PID : -ESRCH;
}

KM_SYSCALL_DEFINE(getsid, 1)
{
	return is_self(a1) ? KM_POSIX_PID : -ESRCH;
}

/* The image already leads its session and group (setsid(2)). */
KM_SYSCALL_DEFINE(setsid, 0)
{
	return -EPERM;
}

KM_SYSCALL_DEFINE(setpgid, 2)
{
	if (!is_self(a1))
		return -ESRCH;
	if (a2 < 0)
		return -EINVAL;
	return a2 == 0 || a2 == KM_POSIX_PID ? 0 : -EPERM;
}

static unsigned int mode_mask = 022;

unsigned int km_posix_umask(void)
{
	return mode_mask;
}

KM_SYSCALL_DEFINE(umask, 1)
{
	unsigned int old = mode_mask;

	mode_mask = (unsigned int)a1 & 0777;
	return old;
}

/* struct rusage of the x86_64 ABI: two timevals, then 14 longs. */
struct linux_rusage {
	long utime_sec, utime_usec, stime_sec, stime_usec;
	long maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock;
	long msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};

KM_SYSCALL_DEFINE(getrusage, 2)
{
	struct linux_rusage *ru = (struct linux_rusage *)a2;
	struct km_alloc_stats st;
	km_nsec_t cpu = km_plat_monotonic_ns();

	if (a1 != 0 && a1 != -1 && a1 != 1) /* SELF, CHILDREN, THREAD */
		return -EINVAL;
	if (!ru)
		return -EFAULT;
	memset(ru, 0, sizeof(*ru));
	if (a1 == -1) /* no children */
		return 0;
	ru->utime_sec = (long)(cpu / KM_NSEC_PER_SEC);
	ru->utime_usec = (long)(cpu % KM_NSEC_PER_SEC / KM_NSEC_PER_USEC);
	if (!km_alloc_stats_get(&st))
		ru->maxrss = (long)(st.peak >> 10);
	return 0;
}

KM_SYSCALL_DEFINE(getcpu, 3)
{
	if (a1)
		*(unsigned int *)a1 = 0;
	if (a2)
		*(unsigned int *)a2 = 0;
	return 0;
}

/*
 * The nice value of the image (getpriority(2)): recorded for programs
 * that lower or raise their own priority, not used by the scheduler.
 * Its one process, group and user (root, who may also raise it) are the
 * only ones there are.
 */
static int nice_value;

static long priority_target(long which, long who)
{
	switch (which) {
	case 0: /* PRIO_PROCESS */
	case 1: /* PRIO_PGRP */
		return is_self(who) ? 0 : -ESRCH;
	case 2: /* PRIO_USER: root's */
		return who == 0 ? 0 : -ESRCH;
	default:
		return -EINVAL;
	}
}

/* The system call's result is 20 - nice (1..40), never negative: the C
 * libraries turn it back into the nice value. */
KM_SYSCALL_DEFINE(getpriority, 2)
{
	long ret = priority_target(a1, a2);

	return ret < 0 ? ret : 20 - nice_value;
}

KM_SYSCALL_DEFINE(setpriority, 3)
{
	long ret = priority_target(a1, a2);

	if (ret < 0)
		return ret;
	nice_value = a3 < -20 ? -20 : a3 > 19 ? 19 : (int)a3;
	return 0;
}
