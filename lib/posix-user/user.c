/* SPDX-License-Identifier: BSD-3-Clause */
/* One user, root (see km/posix_user.h). */
#include <errno.h>
#include <km/posix_user.h>
#include <km/syscall.h>

KM_SYSCALL_DEFINE(getuid, 0)
{
	return KM_POSIX_ROOT_ID;
}
KM_SYSCALL_DEFINE(geteuid, 0)
{
	return KM_POSIX_ROOT_ID;
}
KM_SYSCALL_DEFINE(getgid, 0)
{
	return KM_POSIX_ROOT_ID;
}
KM_SYSCALL_DEFINE(getegid, 0)
{
	return KM_POSIX_ROOT_ID;
}

/* Ids are 32-bit; -1 means "leave unchanged". */
static int is_root_or_unchanged(long id)
{
	return (unsigned int)id == KM_POSIX_ROOT_ID || (unsigned int)id == (unsigned int)-1;
}

static long only_root(long a, long b, long c)
{
	return is_root_or_unchanged(a) && is_root_or_unchanged(b) && is_root_or_unchanged(c)
		       ? 0
		       : -EINVAL;
}

KM_SYSCALL_DEFINE(setuid, 1)
{
	return only_root(a1, -1, -1);
}
KM_SYSCALL_DEFINE(setgid, 1)
{
	return only_root(a1, -1, -1);
}
KM_SYSCALL_DEFINE(setreuid, 2)
{
	return only_root(a1, a2, -1);
}
KM_SYSCALL_DEFINE(setregid, 2)
{
	return only_root(a1, a2, -1);
}
KM_SYSCALL_DEFINE(setresuid, 3)
{
	return only_root(a1, a2, a3);
}
KM_SYSCALL_DEFINE(setresgid, 3)
{
	return only_root(a1, a2, a3);
}

static long all_root(unsigned int *a, unsigned int *b, unsigned int *c)
{
	if (!a || !b || !c)
		return -EFAULT;
	*a = *b = *c = KM_POSIX_ROOT_ID;
	return 0;
}

KM_SYSCALL_DEFINE(getresuid, 3)
{
	return all_root((unsigned int *)a1, (unsigned int *)a2, (unsigned int *)a3);
}

KM_SYSCALL_DEFINE(getresgid, 3)
{
	return all_root((unsigned int *)a1, (unsigned int *)a2, (unsigned int *)a3);
}

KM_SYSCALL_DEFINE(getgroups, 2)
{
	return (int)a1 < 0 ? -EINVAL : 0;
}

KM_SYSCALL_DEFINE(setgroups, 2)
{
	return a1 == 0 ? 0 : -EINVAL;
}
