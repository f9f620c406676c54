/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * POSIX and Linux functions a bare newlib lacks, on the syscall layer:
 * sysconf and getpagesize, memory mappings, uname, getrandom, gettid,
 * syscall(), ioctl, poll, alarm, and the password database of the one
 * user (root); resource limits and priorities are in posix_proc.c. Each returns -1 with
 * errno set from the call's -errno (newlib's errno values are Linux's:
 * patches/0002). The structures and constants of <sys/mman.h>, <poll.h>,
 * <sys/ioctl.h>, <sys/resource.h> and <sys/utsname.h> (this library's
 * include/) are Linux's and pass through unchanged.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>

#include <sys/utsname.h>
#include <unistd.h>
#include <km/posix_process.h>
#include <km/syscall.h>
#include "newlib_glue.h"

#define PAGE_SIZE 4096

static long mem_pages(int free_only)
{
	struct km_sysinfo si;

	if (newlib_result(km_syscall1(KM_SYS_sysinfo, &si)) < 0)
		return -1;
	return (long)((free_only ? si.freeram : si.totalram) * (si.mem_unit ? si.mem_unit : 1) /
		      PAGE_SIZE);
}

/* Values a program sizes its buffers and threads by; -1 with EINVAL for a
 * name this system has no answer for. */
long sysconf(int name)
{
	struct rlimit rl;

	switch (name) {
	case _SC_PAGESIZE:
		return PAGE_SIZE;
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return 1;
	case _SC_CLK_TCK:
		return 100; /* times(2)'s unit, as Linux */
	case _SC_OPEN_MAX:
		if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
			return -1;
		return (long)rl.rlim_cur;
	case _SC_PHYS_PAGES:
		return mem_pages(0);
	case _SC_AVPHYS_PAGES:
		return mem_pages(1);
	case _SC_ARG_MAX:
		return 131072;
	case _SC_CHILD_MAX:
		return 1; /* no processes besides the image */
	case _SC_NGROUPS_MAX:
		return 0;
	case _SC_VERSION:
	case _SC_THREADS:
	case _SC_MONOTONIC_CLOCK:
		return 200809L;
	case _SC_THREAD_KEYS_MAX:
		return PTHREAD_KEYS_MAX;
	case _SC_THREAD_STACK_MIN:
		return PTHREAD_STACK_MIN;
	case _SC_THREAD_DESTRUCTOR_ITERATIONS:
		return PTHREAD_DESTRUCTOR_ITERATIONS;
	case _SC_GETPW_R_SIZE_MAX:
	case _SC_GETGR_R_SIZE_MAX:
		return 1024;
	case _SC_LOGIN_NAME_MAX:
	case _SC_TTY_NAME_MAX:
		return 32;
	case _SC_HOST_NAME_MAX:
		return 64;
	case _SC_IOV_MAX:
		return 1024;
	case _SC_LINE_MAX:
		return 2048;
	case _SC_SYMLOOP_MAX:
		return 40;
	case _SC_STREAM_MAX:
		return FOPEN_MAX;
	case _SC_TZNAME_MAX:
		return 6;
	default:
		errno = EINVAL;
		return -1;
	}
}

int getpagesize(void)
{
	return PAGE_SIZE;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	long ret = km_syscall(KM_SYS_mmap, (long)addr, (long)len, prot, flags, fd, off);

	return newlib_result(ret) == -1 ? MAP_FAILED : (void *)ret;
}

int munmap(void *addr, size_t len)
{
	return (int)newlib_result(km_syscall2(KM_SYS_munmap, addr, len));
}

int mprotect(void *addr, size_t len, int prot)
{
	return (int)newlib_result(km_syscall3(KM_SYS_mprotect, addr, len, prot));
}

void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
	long ret = km_syscall4(KM_SYS_mremap, old, old_len, new_len, flags);

	return newlib_result(ret) == -1 ? MAP_FAILED : (void *)ret;
}

int madvise(void *addr, size_t len, int advice)
{
	return (int)newlib_result(km_syscall3(KM_SYS_madvise, addr, len, advice));
}

int posix_madvise(void *addr, size_t len, int advice)
{
	long ret = km_syscall3(KM_SYS_madvise, addr, len, advice);

	return ret < 0 ? (int)-ret : 0;
}

int msync(void *addr, size_t len, int flags)
{
	return (int)newlib_result(km_syscall3(KM_SYS_msync, addr, len, flags));
}

int mlock(const void *addr, size_t len)
{
	return (int)newlib_result(km_syscall2(KM_SYS_mlock, addr, len));
}

int munlock(const void *addr, size_t len)
{
	return (int)newlib_result(km_syscall2(KM_SYS_munlock, addr, len));
}

int uname(struct utsname *u)
{
	return (int)newlib_result(km_syscall1(KM_SYS_uname, u));
}

ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
	return newlib_result(km_syscall3(KM_SYS_getrandom, buf, len, flags));
}

pid_t gettid(void)
{
	return (pid_t)km_syscall0(KM_SYS_gettid);
}

long syscall(long nr, ...)
{
	long a[6];
	va_list ap;

	va_start(ap, nr);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return newlib_result(km_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]));
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	long arg;

	va_start(ap, request);
	arg = va_arg(ap, long);
	va_end(ap);
	return (int)newlib_result(km_syscall3(KM_SYS_ioctl, fd, request, arg));
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	return (int)newlib_result(km_syscall3(KM_SYS_poll, fds, nfds, timeout));
}

unsigned alarm(unsigned seconds)
{
	return (unsigned)km_syscall1(KM_SYS_alarm, seconds);
}

/* ---- the password database: root, the only user (uid and gid 0) ---- */

static struct passwd root_pw = {
	.pw_name = "root",
	.pw_passwd = "x",
	.pw_uid = 0,
	.pw_gid = 0,
	.pw_comment = "",
	.pw_gecos = "root",
	.pw_dir = "/",
	.pw_shell = "/bin/sh",
};

/* NULL (errno untouched) for every other user, as "not found". */
struct passwd *getpwuid(uid_t uid)
{
	return uid == 0 ? &root_pw : NULL;
}

struct passwd *getpwnam(const char *name)
{
	return name && !strcmp(name, root_pw.pw_name) ? &root_pw : NULL;
}

/* root's entry with its strings copied into @buf; ERANGE when too small. */
static int pw_copy(struct passwd *pw, char *buf, size_t len, struct passwd **res)
{
	const char *const *src[] = {
		(const char *const *)&root_pw.pw_name,	  (const char *const *)&root_pw.pw_passwd,
		(const char *const *)&root_pw.pw_comment, (const char *const *)&root_pw.pw_gecos,
		(const char *const *)&root_pw.pw_dir,	  (const char *const *)&root_pw.pw_shell
	};
	char **dst[] = { &pw->pw_name,	&pw->pw_passwd, &pw->pw_comment,
			 &pw->pw_gecos, &pw->pw_dir,	&pw->pw_shell };

	*res = NULL;
	*pw = root_pw;
	for (size_t i = 0; i < sizeof(src) / sizeof(src[0]); i++) {
		size_t n = strlen(*src[i]) + 1;

		if (n > len)
			return ERANGE;
		memcpy(buf, *src[i], n);
		*dst[i] = buf;
		buf += n;
		len -= n;
	}
	*res = pw;
	return 0;
}

int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t len, struct passwd **res)
{
	*res = NULL;
	return uid == 0 ? pw_copy(pw, buf, len, res) : 0;
}

int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t len, struct passwd **res)
{
	*res = NULL;
	return name && !strcmp(name, root_pw.pw_name) ? pw_copy(pw, buf, len, res) : 0;
}

void siglongjmp(sigjmp_buf env, int val)
{
	if (env->__km_savemask)
		sigprocmask(SIG_SETMASK, &env->__km_mask, NULL);
	longjmp(env->__km_env, val);
}
