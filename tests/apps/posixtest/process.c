/* SPDX-License-Identifier: BSD-3-Clause */
/* Environment, exit and atexit, setjmp/longjmp, the "C" locale. */
#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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
