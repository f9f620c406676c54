/* SPDX-License-Identifier: BSD-3-Clause */
/* Identity, exit, uname, sysinfo and the calls a single process refuses. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <km/alloc.h>
#include <km/plat/lifecycle.h>
#include <km/plat/time.h>
#include <km/posix_process.h>
#include <km/print.h>
#include <km/syscall.h>

KM_SYSCALL_DEFINE(getpid, 0)
{
	return KM_POSIX_PID;
}

KM_SYSCALL_DEFINE(getppid, 0)
{
	return 0;
}

KM_SYSCALL_DEFINE(exit_group, 1)
{
	km_plat_terminate((int)(a1 & 0xff));
}

#define UTS_LEN 65
struct linux_utsname {
	char sysname[UTS_LEN], nodename[UTS_LEN], release[UTS_LEN];
	char version[UTS_LEN], machine[UTS_LEN], domainname[UTS_LEN];
};

/* uname(2)'s names; sethostname/setdomainname change them (lib/lwip sets
 * netdev.ip's hostname and domain through them). */
static char nodename[UTS_LEN] = "kumiki", domainname[UTS_LEN] = "(none)";

KM_SYSCALL_DEFINE(uname, 1)
{
	struct linux_utsname *u = (struct linux_utsname *)a1;

	if (!u)
		return -EFAULT;
	memset(u, 0, sizeof(*u));
	strcpy(u->sysname, "Linux");
	strcpy(u->nodename, nodename);
	strcpy(u->release, "6.1.0-kumiki");
	strcpy(u->version, "Kumiki unikernel");
	strcpy(u->machine, "x86_64");
	strcpy(u->domainname, domainname);
	return 0;
}

/* Linux's rules: at most 64 bytes, not NUL-terminated; EINVAL beyond. */
static long set_name(char *dst, const char *name, long len)
{
	if (len < 0 || len >= UTS_LEN)
		return -EINVAL;
	if (!name && len)
		return -EFAULT;
	memcpy(dst, name, (size_t)len);
	dst[len] = '\0';
	return 0;
}

KM_SYSCALL_DEFINE(sethostname, 2)
{
	return set_name(nodename, (const char *)a1, a2);
}

KM_SYSCALL_DEFINE(setdomainname, 2)
{
	return set_name(domainname, (const char *)a1, a2);
}

KM_STATIC_ASSERT(sizeof(struct km_sysinfo) == 112, "struct sysinfo is 112 bytes on x86_64");

KM_SYSCALL_DEFINE(sysinfo, 1)
{
	struct km_sysinfo *si = (struct km_sysinfo *)a1;
	struct km_alloc_stats st;

	if (!si)
		return -EFAULT;
	memset(si, 0, sizeof(*si));
	si->uptime = (long)(km_plat_monotonic_ns() / KM_NSEC_PER_SEC);
	if (!km_alloc_stats_get(&st))
		si->totalram = st.heap;
	si->freeram = km_alloc_available();
	si->procs = 1;
	si->mem_unit = 1;
	return 0;
}

KM_SYSCALL_DEFINE(sched_getaffinity, 3)
{
	unsigned long len = (unsigned long)a2;
	unsigned char *mask = (unsigned char *)a3;

	if (a1 != 0 && a1 != KM_POSIX_PID)
		return -ESRCH;
	if (len < sizeof(uint64_t) || len % sizeof(uint64_t))
		return -EINVAL;
	if (!mask)
		return -EFAULT;
	memset(mask, 0, sizeof(uint64_t));
	mask[0] = 1;
	return sizeof(uint64_t);
}

KM_SYSCALL_DEFINE(sched_setaffinity, 3)
{
	const unsigned char *mask = (const unsigned char *)a3;

	if (a1 != 0 && a1 != KM_POSIX_PID)
		return -ESRCH;
	if (!mask)
		return -EFAULT;
	return a2 >= 1 && (mask[0] & 1) ? 0 : -EINVAL;
}

/* One warning per refused call, as unimplemented calls get, but saying why. */
static long one_process_only(const char *call, int *warned)
{
	if (!__atomic_exchange_n(warned, 1, __ATOMIC_RELAXED))
		km_pr_warn("%s: a Kumiki image is a single process without a program "
			   "loader: -ENOSYS\n",
			   call);
	return -ENOSYS;
}

#define KM__REFUSE(call, nargs)                                                                    \
	static int warned_##call;                                                                  \
	KM_SYSCALL_DEFINE(call, nargs)                                                             \
	{                                                                                          \
		return one_process_only(#call, &warned_##call);                                    \
	}
KM__REFUSE(fork, 0)
KM__REFUSE(vfork, 0)
KM__REFUSE(execve, 3)
KM__REFUSE(execveat, 5)
KM__REFUSE(wait4, 4)
KM__REFUSE(waitid, 5)
