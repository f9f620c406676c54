/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Process, identity and resource calls a bare newlib lacks, each one
 * km_syscall() returning -1 with errno from the call's -errno (what
 * lib/posix-process and lib/posix-user answer, or -ENOSYS): vfork,
 * waitpid/wait3/wait4, the set*id family and getres*id, process groups
 * and sessions, getgroups/setgroups, getrlimit/setrlimit/getrusage and
 * the priorities (include/sys/resource.h), the sched_* scheduling
 * parameters and sched_rr_get_interval, ualarm, getitimer/setitimer, sigsuspend and pause;
 * with no system call behind them: gethostname and getdomainname (uname's), getlogin (LOGNAME, as
 * musl), issetugid, execvpe, getdtablesize, system (no shell); getline and getdelim
 * (newlib's __getline/__getdelim) and the err.h messages.
 */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <reent.h>
#include <sched.h>
#include <stddef.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <km/plat/bootinfo.h>
#include <km/syscall.h>
#include "newlib_glue.h"

pid_t vfork(void)
{
	return (pid_t)newlib_result(km_syscall0(KM_SYS_vfork));
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	return (pid_t)newlib_result(km_syscall4(KM_SYS_wait4, pid, status, options, ru));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait3(int *status, int options, struct rusage *ru)
{
	return wait4(-1, status, options, ru);
}

/* An id argument as Linux's: newlib's 16-bit (uid_t)-1 ("unchanged") is -1. */
static long linux_id(unsigned long id, unsigned long none)
{
	return id == none ? -1L : (long)id;
}

#define UID(id) linux_id(id, (uid_t)-1)
#define GID(id) linux_id(id, (gid_t)-1)

int setuid(uid_t uid)
{
	return (int)newlib_result(km_syscall1(KM_SYS_setuid, UID(uid)));
}

int setgid(gid_t gid)
{
	return (int)newlib_result(km_syscall1(KM_SYS_setgid, GID(gid)));
}

int setresuid(uid_t r, uid_t e, uid_t s)
{
	return (int)newlib_result(km_syscall3(KM_SYS_setresuid, UID(r), UID(e), UID(s)));
}

int setresgid(gid_t r, gid_t e, gid_t s)
{
	return (int)newlib_result(km_syscall3(KM_SYS_setresgid, GID(r), GID(e), GID(s)));
}

int setreuid(uid_t r, uid_t e)
{
	return (int)newlib_result(km_syscall2(KM_SYS_setreuid, UID(r), UID(e)));
}

int setregid(gid_t r, gid_t e)
{
	return (int)newlib_result(km_syscall2(KM_SYS_setregid, GID(r), GID(e)));
}

/* As musl: the effective id alone, through setres*id. */
int seteuid(uid_t e)
{
	return setresuid((uid_t)-1, e, (uid_t)-1);
}

int setegid(gid_t e)
{
	return setresgid((gid_t)-1, e, (gid_t)-1);
}

/* newlib's uid_t and gid_t are 16-bit; the system calls write Linux's 32-bit ids. */
int getresuid(uid_t *r, uid_t *e, uid_t *s)
{
	unsigned int ids[3];

	if (newlib_result(km_syscall3(KM_SYS_getresuid, &ids[0], &ids[1], &ids[2])) < 0)
		return -1;
	*r = (uid_t)ids[0], *e = (uid_t)ids[1], *s = (uid_t)ids[2];
	return 0;
}

int getresgid(gid_t *r, gid_t *e, gid_t *s)
{
	unsigned int ids[3];

	if (newlib_result(km_syscall3(KM_SYS_getresgid, &ids[0], &ids[1], &ids[2])) < 0)
		return -1;
	*r = (gid_t)ids[0], *e = (gid_t)ids[1], *s = (gid_t)ids[2];
	return 0;
}

#define GROUPS_MAX 65536 /* Linux's NGROUPS_MAX */

int getgroups(int n, gid_t *list)
{
	unsigned int *ids;
	long got;

	if (n < 0) {
		errno = EINVAL;
		return -1;
	}
	if (n > GROUPS_MAX)
		n = GROUPS_MAX;
	ids = n ? malloc((size_t)n * sizeof(*ids)) : NULL;
	if (n && !ids)
		return -1;
	got = newlib_result(km_syscall2(KM_SYS_getgroups, n, ids));
	for (long i = 0; n && i < got; i++)
		list[i] = (gid_t)ids[i];
	free(ids);
	return (int)got;
}

/* newlib declares the count an int (Linux: size_t). */
int setgroups(int n, const gid_t *list)
{
	unsigned int *ids;
	long r;

	if (n < 0 || n > GROUPS_MAX) {
		errno = EINVAL;
		return -1;
	}
	ids = n ? malloc((size_t)n * sizeof(*ids)) : NULL;
	if (n && !ids)
		return -1;
	for (int i = 0; i < n; i++)
		ids[i] = list[i];
	r = newlib_result(km_syscall2(KM_SYS_setgroups, n, ids));
	free(ids);
	return (int)r;
}

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)newlib_result(km_syscall2(KM_SYS_setpgid, pid, pgid));
}

pid_t getpgid(pid_t pid)
{
	return (pid_t)newlib_result(km_syscall1(KM_SYS_getpgid, pid));
}

pid_t getpgrp(void)
{
	return (pid_t)newlib_result(km_syscall0(KM_SYS_getpgrp));
}

int setpgrp(void)
{
	return setpgid(0, 0);
}

pid_t setsid(void)
{
	return (pid_t)newlib_result(km_syscall0(KM_SYS_setsid));
}

pid_t getsid(pid_t pid)
{
	return (pid_t)newlib_result(km_syscall1(KM_SYS_getsid, pid));
}

int getrlimit(int resource, struct rlimit *rl)
{
	return (int)newlib_result(km_syscall2(KM_SYS_getrlimit, resource, rl));
}

int setrlimit(int resource, const struct rlimit *rl)
{
	return (int)newlib_result(km_syscall2(KM_SYS_setrlimit, resource, rl));
}

int getrusage(int who, struct rusage *ru)
{
	return (int)newlib_result(km_syscall2(KM_SYS_getrusage, who, ru));
}

/* The system call answers 20 - nice (never negative); -1 is a valid
 * nice value, so errno is the only error sign, as on Linux. */
int getpriority(int which, id_t who)
{
	long r = newlib_result(km_syscall2(KM_SYS_getpriority, which, who));

	return r == -1 ? -1 : 20 - (int)r;
}

int setpriority(int which, id_t who, int prio)
{
	return (int)newlib_result(km_syscall3(KM_SYS_setpriority, which, who, prio));
}

int getdtablesize(void)
{
	struct rlimit rl;

	return getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur > INT_MAX ? INT_MAX
									  : (int)rl.rlim_cur;
}

int sched_setparam(pid_t pid, const struct sched_param *p)
{
	return (int)newlib_result(km_syscall2(KM_SYS_sched_setparam, pid, p));
}

int sched_getparam(pid_t pid, struct sched_param *p)
{
	return (int)newlib_result(km_syscall2(KM_SYS_sched_getparam, pid, p));
}

int sched_setscheduler(pid_t pid, int policy, const struct sched_param *p)
{
	return (int)newlib_result(km_syscall3(KM_SYS_sched_setscheduler, pid, policy, p));
}

int sched_getscheduler(pid_t pid)
{
	return (int)newlib_result(km_syscall1(KM_SYS_sched_getscheduler, pid));
}

int sched_get_priority_max(int policy)
{
	return (int)newlib_result(km_syscall1(KM_SYS_sched_get_priority_max, policy));
}

int sched_get_priority_min(int policy)
{
	return (int)newlib_result(km_syscall1(KM_SYS_sched_get_priority_min, policy));
}

int sched_rr_get_interval(pid_t pid, struct timespec *ts)
{
	return (int)newlib_result(km_syscall2(KM_SYS_sched_rr_get_interval, pid, ts));
}

/* setitimer's ITIMER_REAL in microseconds; what was left of the last one. */
useconds_t ualarm(useconds_t usec, useconds_t interval)
{
	struct itimerval v = { { interval / 1000000, interval % 1000000 },
			       { usec / 1000000, usec % 1000000 } },
			 old;

	if (setitimer(ITIMER_REAL, &v, &old) < 0)
		return (useconds_t)-1;
	return (useconds_t)(old.it_value.tv_sec * 1000000 + old.it_value.tv_usec);
}

int getitimer(int which, struct itimerval *v)
{
	return (int)newlib_result(km_syscall2(KM_SYS_getitimer, which, v));
}

int setitimer(int which, const struct itimerval *restrict v, struct itimerval *restrict old)
{
	return (int)newlib_result(km_syscall3(KM_SYS_setitimer, which, v, old));
}

int sigsuspend(const sigset_t *mask)
{
	uint64_t lmask = newlib_linux_sigset(mask);

	return (int)newlib_result(km_syscall2(KM_SYS_rt_sigsuspend, &lmask, sizeof(lmask)));
}

int pause(void)
{
	return (int)newlib_result(km_syscall0(KM_SYS_pause));
}

/* No command processor: a Kumiki image has no shell and no fork.
 * system(NULL) says so (0); a command fails as a failed fork does, -1 with
 * errno ENOSYS. newlib's own answers 1 and forks, since the host compiler
 * defines "unix". */
int system(const char *cmd)
{
	if (!cmd)
		return 0;
	errno = ENOSYS;
	return -1;
}

/* Its reentrant form, so that newlib's (which defines both) is never linked. */
int _system_r(struct _reent *r, const char *cmd)
{
	(void)r;
	return system(cmd);
}

/* uname's @field into @name; @too_long when it does not fit @len. */
static int uname_field(char *name, size_t len, size_t field, int too_long)
{
	struct utsname u;
	const char *v = (const char *)&u + field;
	size_t n;

	if (uname(&u) < 0)
		return -1;
	n = strlen(v);
	if (n >= len) {
		errno = too_long;
		return -1;
	}
	memcpy(name, v, n + 1);
	return 0;
}

/* ENAMETOOLONG when the name does not fit, as glibc. */
int gethostname(char *name, size_t len)
{
	return uname_field(name, len, offsetof(struct utsname, nodename), ENAMETOOLONG);
}

/* EINVAL when the name does not fit, as glibc. */
int getdomainname(char *name, size_t len)
{
	return uname_field(name, len, offsetof(struct utsname, domainname), EINVAL);
}

int sethostname(const char *name, size_t len)
{
	return (int)newlib_result(km_syscall2(KM_SYS_sethostname, name, len));
}

/* As musl's: the login name is the environment's LOGNAME. */
char *getlogin(void)
{
	return getenv("LOGNAME");
}

int getlogin_r(char *name, size_t size)
{
	const char *l = getlogin();

	if (!l)
		return ENXIO;
	if (strlen(l) >= size)
		return ERANGE;
	strcpy(name, l);
	return 0;
}

/* Never set-user-id: an image has one user. */
int issetugid(void)
{
	return 0;
}

/* execve through PATH (when @file has no '/'), as execvp does. */
int execvpe(const char *file, char *const argv[], char *const envp[])
{
	const char *path = getenv("PATH"), *p;
	char buf[4096];
	size_t n = strlen(file);
	int seen_eacces = 0;

	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/'))
		return execve(file, argv, envp);
	if (!path)
		path = "/usr/local/bin:/bin:/usr/bin";
	for (p = path;; p++) {
		const char *end = strchrnul(p, ':');
		size_t dl = (size_t)(end - p);

		if (dl + 1 + n < sizeof(buf)) {
			memcpy(buf, p, dl);
			buf[dl] = '/';
			memcpy(buf + dl + (dl > 0), file, n + 1);
			execve(buf, argv, envp);
			if (errno == EACCES)
				seen_eacces = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;
		}
		if (!*end)
			break;
		p = end;
	}
	if (seen_eacces)
		errno = EACCES;
	return -1;
}

ssize_t getdelim(char **restrict line, size_t *restrict size, int delim, FILE *restrict f)
{
	if (!line || !size || !f) {
		errno = EINVAL;
		return -1;
	}
	return __getdelim(line, size, delim, f);
}

ssize_t getline(char **restrict line, size_t *restrict size, FILE *restrict f)
{
	return getdelim(line, size, '\n', f);
}

/* argv[0]'s last component, as glibc's program_invocation_short_name. */
static const char *prog_name(void)
{
	struct km_bootinfo *bi = km_bootinfo_get();
	const char *name = bi && bi->argc > 0 && bi->argv[0] ? bi->argv[0] : "kumiki";
	const char *slash = strrchr(name, '/');

	return slash ? slash + 1 : name;
}

static void say(int with_errno, const char *fmt, va_list ap)
{
	int e = errno;

	fprintf(stderr, "%s: ", prog_name());
	if (fmt) {
		vfprintf(stderr, fmt, ap);
		if (with_errno)
			fputs(": ", stderr);
	}
	if (with_errno)
		fputs(strerror(e), stderr);
	fputc('\n', stderr);
}

void vwarn(const char *fmt, va_list ap)
{
	say(1, fmt, ap);
}

void vwarnx(const char *fmt, va_list ap)
{
	say(0, fmt, ap);
}

void verr(int status, const char *fmt, va_list ap)
{
	say(1, fmt, ap);
	exit(status);
}

void verrx(int status, const char *fmt, va_list ap)
{
	say(0, fmt, ap);
	exit(status);
}

void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

void err(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(status, fmt, ap);
}

void errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verrx(status, fmt, ap);
}
