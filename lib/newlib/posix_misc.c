/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The rest of what POSIX programs call and a bare newlib lacks: stdio's
 * flockfile family (on each FILE's own lock), the group database and
 * password-file walks (root only, as getpwuid), signal calls on the
 * syscall layer (sigaltstack, sigwait/sigtimedwait/sigwaitinfo, killpg),
 * clock_settime/settimeofday, timegm, secure_getenv, clearenv, nice, the
 * syslog family (no log daemon: LOG_PERROR's copy on
 * stderr only) and dlopen's family (a static image: every dlopen fails,
 * as musl's static one).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/lock.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <km/syscall.h>
#include "newlib_glue.h"

extern char **environ;

void flockfile(FILE *f)
{
	__lock_acquire_recursive(f->_lock);
}

int ftrylockfile(FILE *f)
{
	return __lock_try_acquire_recursive(f->_lock);
}

void funlockfile(FILE *f)
{
	__lock_release_recursive(f->_lock);
}

/* One group, root, as lib/posix-user has one user. */
static char *root_members[] = { "root", NULL };
static struct group root_group = { "root", "x", 0, root_members };

struct group *getgrgid(gid_t gid)
{
	return gid == 0 ? &root_group : NULL;
}

struct group *getgrnam(const char *name)
{
	return name && !strcmp(name, "root") ? &root_group : NULL;
}

/* Copies root's entry into @buf: 0, ERANGE when @len is short; 0 with
 * *@res NULL when there is no such group. */
static int group_r(int found, struct group *g, char *buf, size_t len, struct group **res)
{
	char **mem = (char **)(((unsigned long)buf + sizeof(char *) - 1) & ~(sizeof(char *) - 1));
	size_t need = (size_t)((char *)(mem + 2) - buf) + sizeof("root") + sizeof("x");

	*res = NULL;
	if (!found)
		return 0;
	if (len < need)
		return ERANGE;
	g->gr_name = (char *)(mem + 2);
	strcpy(g->gr_name, "root");
	g->gr_passwd = g->gr_name + sizeof("root");
	strcpy(g->gr_passwd, "x");
	g->gr_gid = 0;
	mem[0] = g->gr_name;
	mem[1] = NULL;
	g->gr_mem = mem;
	*res = g;
	return 0;
}

int getgrgid_r(gid_t gid, struct group *g, char *buf, size_t len, struct group **res)
{
	return group_r(gid == 0, g, buf, len, res);
}

int getgrnam_r(const char *name, struct group *g, char *buf, size_t len, struct group **res)
{
	return group_r(name && !strcmp(name, "root"), g, buf, len, res);
}

static int group_walk, passwd_walk;

struct group *getgrent(void)
{
	return group_walk++ == 0 ? &root_group : NULL;
}

void setgrent(void)
{
	group_walk = 0;
}

void endgrent(void)
{
	group_walk = 0;
}

struct passwd *getpwent(void)
{
	return passwd_walk++ == 0 ? getpwuid(0) : NULL;
}

void setpwent(void)
{
	passwd_walk = 0;
}

void endpwent(void)
{
	passwd_walk = 0;
}

int getgrouplist(const char *user, gid_t group, gid_t *groups, int *n)
{
	(void)user;
	if (*n < 1) {
		*n = 1;
		return -1;
	}
	groups[0] = group;
	*n = 1;
	return 1;
}

int initgroups(const char *user, gid_t group)
{
	(void)user;
	return setgroups(1, &group);
}

int sigaltstack(const stack_t *restrict ss, stack_t *restrict old)
{
	/* newlib's stack_t and SS_* have Linux's layout and values */
	return (int)newlib_result(km_syscall2(KM_SYS_sigaltstack, ss, old));
}

/* The signal number in Linux's numbering as newlib's, for the waits. */
static int wait_result(long ret)
{
	int sig;

	if (ret < 0)
		return (int)newlib_result(ret);
	sig = newlib_signal_from_linux(ret);
	return sig < 0 ? (int)ret : sig;
}

int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info,
		 const struct timespec *restrict timeout)
{
	uint64_t lset = newlib_linux_sigset(set);

	/* newlib's siginfo_t is not Linux's: the call fills none */
	if (info)
		memset(info, 0, sizeof(*info));
	return wait_result(km_syscall4(KM_SYS_rt_sigtimedwait, &lset, NULL, timeout, sizeof(lset)));
}

int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info)
{
	return sigtimedwait(set, info, NULL);
}

/* Returns the error number (POSIX), not -1/errno. */
int sigwait(const sigset_t *restrict set, int *restrict sig)
{
	int r, saved = errno;

	do
		r = sigtimedwait(set, NULL, NULL);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		r = errno;
		errno = saved;
		return r;
	}
	*sig = r;
	return 0;
}

int killpg(pid_t pgrp, int sig)
{
	if (pgrp < 0) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgrp, sig);
}

int clock_settime(clockid_t id, const struct timespec *ts)
{
	return (int)newlib_result(
		km_syscall2(KM_SYS_clock_settime, id == CLOCK_REALTIME ? 0L : -1L, ts));
}

int settimeofday(const struct timeval *tv, const struct timezone *tz)
{
	return (int)newlib_result(km_syscall2(KM_SYS_settimeofday, tv, tz));
}

/* Days from 1970-01-01 to @y-@m-@d (proleptic Gregorian, @m 1..12). */
static long long days_from_civil(long long y, long long m, long long d)
{
	long long era, yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* The calendar time of @tm read as UTC (mktime without the time zone);
 * @tm is normalised, as mktime does. */
time_t timegm(struct tm *tm)
{
	long long mon = tm->tm_mon, year = tm->tm_year + 1900LL, t;
	struct tm *out;
	time_t result;

	year += mon / 12;
	mon %= 12;
	if (mon < 0) {
		mon += 12;
		year--;
	}
	t = days_from_civil(year, mon + 1, 1) * 86400 + (tm->tm_mday - 1) * 86400LL +
	    tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
	result = (time_t)t;
	out = gmtime(&result);
	if (!out) {
		errno = EOVERFLOW;
		return -1;
	}
	*tm = *out;
	return result;
}

/* One user, never set-user-id: the environment is to be trusted. */
char *secure_getenv(const char *name)
{
	return getenv(name);
}

int clearenv(void)
{
	environ = NULL;
	return 0;
}

/* As glibc and musl: the new nice value. */
int nice(int inc)
{
	int prio = getpriority(PRIO_PROCESS, 0);

	if (prio == -1 && errno)
		return -1;
	prio += inc;
	prio = prio < -20 ? -20 : prio > 19 ? 19 : prio;
	if (setpriority(PRIO_PROCESS, 0, prio) < 0)
		return -1;
	return prio;
}

static const char *log_ident;
static int log_options, log_mask = 0xff;

void openlog(const char *ident, int options, int facility)
{
	(void)facility;
	log_ident = ident;
	log_options = options;
}

void closelog(void)
{
	log_ident = NULL;
	log_options = 0;
}

int setlogmask(int mask)
{
	int old = log_mask;

	if (mask)
		log_mask = mask;
	return old;
}

void vsyslog(int prio, const char *fmt, va_list ap)
{
	if (!(log_mask & LOG_MASK(LOG_PRI(prio))) || !(log_options & LOG_PERROR))
		return;
	if (log_ident)
		fprintf(stderr, "%s: ", log_ident);
	vfprintf(stderr, fmt, ap);
	if (!*fmt || fmt[strlen(fmt) - 1] != '\n')
		fputc('\n', stderr);
}

void syslog(int prio, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsyslog(prio, fmt, ap);
	va_end(ap);
}

static const char *dl_error;

void *dlopen(const char *file, int mode)
{
	(void)file, (void)mode;
	dl_error = "Dynamic loading not supported";
	return NULL;
}

void *dlsym(void *restrict handle, const char *restrict name)
{
	(void)handle, (void)name;
	dl_error = "Invalid library handle";
	return NULL;
}

int dlclose(void *handle)
{
	(void)handle;
	dl_error = "Invalid library handle";
	return 1;
}

char *dlerror(void)
{
	const char *e = dl_error;

	dl_error = NULL;
	return (char *)e;
}
