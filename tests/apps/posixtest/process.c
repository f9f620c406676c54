/* SPDX-License-Identifier: BSD-3-Clause */
/* Environment, exit and atexit, setjmp/longjmp, the "C" locale, resource
 * limits, usage and priority, byte order. */
#include <ctype.h>
#include <endian.h>
#include <errno.h>
#include <locale.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "posixtest.h"

extern char **environ;

/* env KEY=VALUE...: exactly these reach getenv and environ. */
int cmd_env(int argc, char **argv)
{
	int n = 0;

	for (char **e = environ; *e; e++)
		n++;
	PT_CHECK(n == argc - 1, "environ holds exactly the given variables", "%d entries, %d given",
		 n, argc - 1);
	for (int i = 1; i < argc; i++) {
		char key[128];
		const char *eq = strchr(argv[i], '='), *v;
		int found = 0;

		if (!eq || (size_t)(eq - argv[i]) >= sizeof(key))
			return 64;
		memcpy(key, argv[i], (size_t)(eq - argv[i]));
		key[eq - argv[i]] = 0;
		v = getenv(key);
		printf("getenv(%s) = %s\n", key, v ? v : "(null)");
		PT_CHECK(v && !strcmp(v, eq + 1), "getenv returns the env.vars value", "%s", key);
		for (char **e = environ; *e; e++)
			found |= !strcmp(*e, argv[i]);
		PT_CHECK(found, "environ lists the variable", "%s", argv[i]);
	}
	PT_CHECK(!getenv("PT_SURELY_UNSET"), "getenv of an unset name is NULL");
	PT_CHECK(setenv("PT_NEW", "one", 0) == 0 && !strcmp(getenv("PT_NEW"), "one"),
		 "setenv adds");
	PT_CHECK(setenv("PT_NEW", "two", 0) == 0 && !strcmp(getenv("PT_NEW"), "one"),
		 "setenv without overwrite keeps the value");
	PT_CHECK(setenv("PT_NEW", "three", 1) == 0 && !strcmp(getenv("PT_NEW"), "three"),
		 "setenv with overwrite replaces");
	PT_CHECK(unsetenv("PT_NEW") == 0 && !getenv("PT_NEW"), "unsetenv removes");
	errno = 0;
	PT_CHECK(setenv("A=B", "x", 1) == -1 && errno == EINVAL,
		 "setenv of a name with '=' is EINVAL");
	errno = 0;
	PT_CHECK(setenv("", "x", 1) == -1 && errno == EINVAL, "setenv of an empty name is EINVAL");
	PT_CHECK(putenv("PT_PUT=yes") == 0 && !strcmp(getenv("PT_PUT"), "yes"), "putenv adds");
	if (argc > 1) {
		char *key = strdup(argv[1]);

		*strchr(key, '=') = 0;
		PT_CHECK(unsetenv(key) == 0 && !getenv(key), "unsetenv removes a boot variable",
			 "%s", key);
		free(key);
	}
	return 0;
}

static void handler1(void)
{
	printf("atexit: handler 1\n");
}
static void handler2(void)
{
	printf("atexit: handler 2\n");
}
static void handler3(void)
{
	printf("atexit: handler 3\n");
}

static void __attribute__((noinline)) leave(int how, int code)
{
	if (how == 'e')
		exit(code);
	if (how == '_')
		_Exit(code);
}

/* exit CODE exit|_Exit|return: handlers in reverse order (not for _Exit),
 * stdio flushed, CODE as the status. */
int cmd_exit(int argc, char **argv)
{
	int code = argc > 1 ? atoi(argv[1]) : 0;
	const char *how = argc > 2 ? argv[2] : "exit";

	if (atexit(handler1) || atexit(handler2) || atexit(handler3))
		return 1;
	printf("exit: unflushed tail");
	setvbuf(stdout, NULL, _IOFBF, 0);
	leave(how[0] == '_' ? '_' : how[0] == 'e' ? 'e' : 'r', code);
	return code;
}

static jmp_buf env_buf;
static sigjmp_buf sig_buf;

static void __attribute__((noinline)) dive(int depth, int val)
{
	if (depth < 0)
		return;
	if (depth == 0)
		longjmp(env_buf, val);
	dive(depth - 1, val);
	printf("dive: not reached\n");
}

int cmd_jmp(int argc, char **argv)
{
	volatile int counter = 0;
	int r;
	sigset_t set, old;

	(void)argc, (void)argv;
	r = setjmp(env_buf);
	if (r == 0) {
		counter = 1;
		dive(20, 7);
	}
	PT_CHECK(r == 7 && counter == 1, "longjmp from 20 frames down returns its value to setjmp",
		 "r %d counter %d", r, counter);
	r = setjmp(env_buf);
	if (r == 0)
		longjmp(env_buf, 0);
	PT_CHECK(r == 1, "longjmp(env, 0) makes setjmp return 1", "%d", r);
	for (counter = 0; (r = setjmp(env_buf)) < 5;) {
		counter++;
		if (r < 4)
			longjmp(env_buf, r + 1);
		break;
	}
	PT_CHECK(counter == 5, "setjmp can be re-entered many times", "%d", counter);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	r = sigsetjmp(sig_buf, 1);
	if (r == 0) {
		sigaddset(&set, SIGUSR1);
		sigprocmask(SIG_BLOCK, &set, NULL);
		siglongjmp(sig_buf, 3);
	}
	sigprocmask(SIG_SETMASK, NULL, &old);
	PT_CHECK(r == 3 && !sigismember(&old, SIGUSR1),
		 "siglongjmp restores the signal mask sigsetjmp saved", "r %d, SIGUSR1 blocked %d",
		 r, sigismember(&old, SIGUSR1));
	return 0;
}

int cmd_locale(int argc, char **argv)
{
	const char *l;
	struct lconv *lc;
	char buf[64];
	struct tm tm = { .tm_year = 70, .tm_mon = 0, .tm_mday = 1, .tm_wday = 4 };

	(void)argc, (void)argv;
	l = setlocale(LC_ALL, NULL);
	PT_CHECK(l && !strcmp(l, "C"), "the locale at start is \"C\"", "%s", l ? l : "(null)");
	l = setlocale(LC_ALL, "C");
	PT_CHECK(l && !strcmp(l, "C"), "setlocale(LC_ALL, \"C\") returns \"C\"", "%s",
		 l ? l : "(null)");
	PT_CHECK(setlocale(LC_ALL, "POSIX") != NULL, "setlocale(LC_ALL, \"POSIX\") succeeds");
	/* musl's "" without LANG is C.UTF-8 for LC_CTYPE: only its success is common. */
	PT_CHECK(setlocale(LC_ALL, "") != NULL, "setlocale(LC_ALL, \"\") succeeds");
	setlocale(LC_ALL, "C");
	l = setlocale(LC_NUMERIC, "C");
	PT_CHECK(l && !strcmp(l, "C"), "setlocale(LC_NUMERIC, \"C\")", "%s", l ? l : "(null)");
	lc = localeconv();
	PT_CHECK(!strcmp(lc->decimal_point, ".") && !strcmp(lc->thousands_sep, ""),
		 "localeconv: \".\" and no thousands separator");
	PT_CHECK(strtod("1.5", NULL) == 1.5 && strtod("1,5", NULL) == 1.0, "strtod uses '.'");
	snprintf(buf, sizeof(buf), "%.2f", 2.5);
	PT_CHECK(!strcmp(buf, "2.50"), "printf uses '.'", "%s", buf);
	PT_CHECK(MB_CUR_MAX == 1, "MB_CUR_MAX is 1 in \"C\"", "%d", (int)MB_CUR_MAX);
	PT_CHECK(isalpha('a') && isupper('A') && !isalpha(0xe9) && !isspace(0xa0) &&
			 toupper('q') == 'Q' && toupper(0xe9) == 0xe9,
		 "ctype classifies ASCII only");
	PT_CHECK(strcoll("abc", "abd") < 0 && strcoll("b", "a") > 0 && strcoll("x", "x") == 0,
		 "strcoll orders like strcmp");
	strftime(buf, sizeof(buf), "%a %b %d %Y", &tm);
	PT_CHECK(!strcmp(buf, "Thu Jan 01 1970"), "strftime names days and months in English", "%s",
		 buf);
	PT_CHECK(!strcmp(strerror(ENOENT), "No such file or directory"), "strerror(ENOENT)", "%s",
		 strerror(ENOENT));
	return 0;
}

/*
 * resource: <unistd.h>'s _POSIX_VERSION (which programs test to pick their
 * POSIX code), and <sys/resource.h>: limits recorded, usage in Linux's
 * structure, the nice value kept; errors for other processes and bad
 * arguments.
 */
int cmd_resource(int argc, char **argv)
{
	struct rlimit rl, low;
	struct rusage ru;

	(void)argc;
	(void)argv;
#ifdef _POSIX_VERSION
	PT_CHECK(_POSIX_VERSION >= 200112L && _POSIX_VERSION == sysconf(_SC_VERSION),
		 "_POSIX_VERSION is set, as sysconf(_SC_VERSION) says", "%ld, sysconf %ld",
		 (long)_POSIX_VERSION, sysconf(_SC_VERSION));
#else
	PT_CHECK(0, "_POSIX_VERSION is set, as sysconf(_SC_VERSION) says", "unset");
#endif
	PT_CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > 2 &&
			 rl.rlim_cur <= rl.rlim_max,
		 "getrlimit(RLIMIT_NOFILE)");
	low = (struct rlimit){ 64, rl.rlim_max };
	PT_CHECK(setrlimit(RLIMIT_NOFILE, &low) == 0 && sysconf(_SC_OPEN_MAX) == 64,
		 "setrlimit lowers the soft limit; sysconf(_SC_OPEN_MAX) follows", "%ld",
		 sysconf(_SC_OPEN_MAX));
	PT_CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0, "setrlimit restores it");
	low = (struct rlimit){ 2, 1 };
	errno = 0;
	PT_CHECK(setrlimit(RLIMIT_NOFILE, &low) == -1 && errno == EINVAL,
		 "setrlimit with soft above hard is EINVAL", "errno %d", errno);
	errno = 0;
	PT_CHECK(getrlimit(99, &rl) == -1 && errno == EINVAL, "getrlimit(99) is EINVAL", "errno %d",
		 errno);
	memset(&ru, 0xff, sizeof(ru));
	PT_CHECK(getrusage(RUSAGE_SELF, &ru) == 0 && ru.ru_maxrss > 0 && ru.ru_utime.tv_usec >= 0 &&
			 ru.ru_utime.tv_usec < 1000000 && ru.ru_nivcsw >= 0,
		 "getrusage(RUSAGE_SELF): maxrss, utime, the last field", "maxrss %ld",
		 ru.ru_maxrss);
	errno = 0;
	PT_CHECK(getpriority(PRIO_PROCESS, 0) == 0 && errno == 0, "getpriority: nice 0 at start");
	PT_CHECK(setpriority(PRIO_PROCESS, 0, 5) == 0 && getpriority(PRIO_PROCESS, getpid()) == 5,
		 "setpriority(5) is what getpriority returns");
	PT_CHECK(setpriority(PRIO_USER, 0, -100) == 0 && getpriority(PRIO_PGRP, 0) == -20,
		 "setpriority clamps to -20 (root may raise it)");
	errno = 0;
	PT_CHECK(getpriority(PRIO_PROCESS, getpid() + 1000) == -1 && errno == ESRCH,
		 "getpriority of another process is ESRCH", "errno %d", errno);
	errno = 0;
	PT_CHECK(setpriority(7, 0, 0) == -1 && errno == EINVAL,
		 "setpriority with a bad which is EINVAL", "errno %d", errno);
	return 0;
}

/* hosted: the program is compiled as hosted C on its C library, as its own
 * build would compile it (gcc's builtins on: memcpy of a word inlined). */
int cmd_hosted(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	PT_CHECK(__STDC_HOSTED__ == 1, "__STDC_HOSTED__ is 1", "%d", __STDC_HOSTED__);
	return 0;
}

/* endian: <endian.h>'s names and conversions (POSIX.1-2024; programs that
 * see __linux__ include it), on this little-endian machine. */
int cmd_endian(int argc, char **argv)
{
	uint32_t be = htobe32(0x01020304u);
	const unsigned char *b = (const unsigned char *)&be;

	(void)argc;
	(void)argv;
	PT_CHECK(BYTE_ORDER == LITTLE_ENDIAN && BIG_ENDIAN != LITTLE_ENDIAN,
		 "BYTE_ORDER is LITTLE_ENDIAN");
	PT_CHECK(__BYTE_ORDER == __LITTLE_ENDIAN, "__BYTE_ORDER is __LITTLE_ENDIAN");
	PT_CHECK(b[0] == 1 && b[3] == 4, "htobe32 puts the high byte first", "%02x %02x", b[0],
		 b[3]);
	PT_CHECK(be32toh(be) == 0x01020304u && be16toh(htobe16(0xabcd)) == 0xabcd &&
			 be64toh(htobe64(0x0102030405060708ull)) == 0x0102030405060708ull,
		 "be*toh undoes htobe*");
	PT_CHECK(htole64(0x0102030405060708ull) == 0x0102030405060708ull && le32toh(7u) == 7u &&
			 le16toh(9) == 9,
		 "htole* and le*toh keep the value");
	return 0;
}
