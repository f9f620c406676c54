/* SPDX-License-Identifier: BSD-3-Clause */
/* Resource limits: recorded and reported, not enforced (getrlimit(2)). */
#include <errno.h>
#include <stdint.h>
#include <km/posix_process.h>
#include <km/syscall.h>

#define NLIMITS	       16
#define INFINITY_      ((uint64_t)-1)
#define RLIMIT_CORE_   4
#define RLIMIT_STACK_  3
#define RLIMIT_NOFILE_ 7

struct linux_rlimit {
	uint64_t cur, max;
};

/* CPU FSIZE DATA STACK CORE RSS NPROC NOFILE MEMLOCK AS LOCKS SIGPENDING
 * MSGQUEUE NICE RTPRIO RTTIME */
static struct linux_rlimit limits[NLIMITS] = {
	{ INFINITY_, INFINITY_ },
	{ INFINITY_, INFINITY_ },
	{ INFINITY_, INFINITY_ },
	[RLIMIT_STACK_] = { 8UL << 20, INFINITY_ },
	[RLIMIT_CORE_] = { 0, INFINITY_ },
	{ INFINITY_, INFINITY_ },
	{ INFINITY_, INFINITY_ },
	[RLIMIT_NOFILE_] = { 1024, 1024 },
	{ INFINITY_, INFINITY_ },
	{ INFINITY_, INFINITY_ },
	{ INFINITY_, INFINITY_ },
	{ INFINITY_, INFINITY_ },
	{ INFINITY_, INFINITY_ },
	{ 0, 0 },
	{ 0, 0 },
	{ INFINITY_, INFINITY_ },
};

static long prlimit(long pid, long res, const struct linux_rlimit *new_, struct linux_rlimit *old)
{
	if (pid != 0 && pid != KM_POSIX_PID)
		return -ESRCH;
	if (res < 0 || res >= NLIMITS)
		return -EINVAL;
	if (new_ && new_->cur > new_->max)
		return -EINVAL;
	if (old)
		*old = limits[res];
	if (new_)
		limits[res] = *new_;
	return 0;
}

KM_SYSCALL_DEFINE(getrlimit, 2)
{
	if (!a2)
		return -EFAULT;
	return prlimit(0, a1, NULL, (struct linux_rlimit *)a2);
}

KM_SYSCALL_DEFINE(setrlimit, 2)
{
	if (!a2)
		return -EFAULT;
	return prlimit(0, a1, (const struct linux_rlimit *)a2, NULL);
}

KM_SYSCALL_DEFINE(prlimit64, 4)
{
	return prlimit(a1, a2, (const struct linux_rlimit *)a3, (struct linux_rlimit *)a4);
}
