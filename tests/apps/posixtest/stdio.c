/* SPDX-License-Identifier: BSD-3-Clause */
/* printf and scanf families, stdio buffering modes. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "posixtest.h"

static void expect_fmt(const char *want, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void expect_fmt(const char *want, const char *fmt, ...)
{
	char buf[256], what[300];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	snprintf(what, sizeof(what), "printf \"%s\" gives \"%s\"", fmt, want);
	PT_CHECK(n == (int)strlen(want) && !strcmp(buf, want), what, "got \"%s\", %d", buf, n);
}

int cmd_printf(int argc, char **argv)
{
	char buf[16], *mem = NULL, word[16], cls[16], c5[6];
	const char *volatile truncated = "truncated";
	size_t memlen = 0;
	FILE *f;
	int a = -1, b = -1, n = -1, r;
	unsigned int x;
	double d;
	long long ll;

	(void)argc, (void)argv;
	expect_fmt("42|   42|42   |00042", "%d|%5d|%-5d|%05d", 42, 42, 42, 42);
	expect_fmt("ff FF 17 0xff", "%x %X %o %#x", 255, 255, 15, 255);
	expect_fmt("-9223372036854775808 18446744073709551615", "%lld %llu", LLONG_MIN, ULLONG_MAX);
	expect_fmt("12345 abc|x|%", "%zu %.3s|%c|%%", (size_t)12345, "abcdef", 'x');
	expect_fmt("1.234568e+04 0.0001 1e-05 0x1p+0", "%e %g %g %a", 12345.678, 0.0001, 0.00001,
		   1.0);
	expect_fmt("2 4 0.1000000000000000055511", "%.0f %.0f %.22f", 2.5, 3.5, 0.1);
	expect_fmt("inf -inf nan", "%f %f %f", INFINITY, -INFINITY, NAN);
	expect_fmt("[   7] [7   ]", "[%*d] [%-*d]", 4, 7, 4, 7);
	expect_fmt("3.14159265358979", "%.15g", 3.14159265358979323846);
	/* through a volatile pointer: hosted gcc would warn of the truncation
	 * this checks */
	r = snprintf(buf, 5, "%s", truncated);
	PT_CHECK(r == 9 && !strcmp(buf, "trun"), "snprintf truncates and returns the full length",
		 "%d %s", r, buf);
	r = snprintf(NULL, 0, "%d", 123456);
	PT_CHECK(r == 6, "snprintf(NULL, 0) counts", "%d", r);
	printf("%s%n\n", "count", &n);
	PT_CHECK(n == 5, "%%n stores the count", "%d", n);
	f = open_memstream(&mem, &memlen);
	PT_CHECK(f != NULL, "open_memstream");
	if (f) {
		fprintf(f, "%s-%d", "mem", 9);
		fclose(f);
		PT_CHECK(mem && memlen == 5 && !strcmp(mem, "mem-9"), "fprintf to a memory stream",
			 "%s", mem ? mem : "(null)");
		free(mem);
	}

	r = sscanf("  42 hello 2.5", "%d %15s %lf", &a, word, &d);
	PT_CHECK(r == 3 && a == 42 && !strcmp(word, "hello") && d == 2.5, "sscanf %%d %%s %%lf",
		 "r %d", r);
	r = sscanf("ff 0x10 017", "%x %i %i", &x, &a, &b);
	PT_CHECK(r == 3 && x == 255 && a == 16 && b == 15, "sscanf %%x %%i (hex and octal)", "r %d",
		 r);
	r = sscanf("abcXYZ", "%[a-z]%n", cls, &n);
	PT_CHECK(r == 1 && !strcmp(cls, "abc") && n == 3, "sscanf %%[a-z] and %%n", "r %d n %d", r,
		 n);
	r = sscanf("1 2", "%*d %d", &a);
	PT_CHECK(r == 1 && a == 2, "sscanf %%*d suppresses", "r %d", r);
	r = sscanf("abcdefg", "%5c", c5);
	PT_CHECK(r == 1 && !memcmp(c5, "abcde", 5), "sscanf %%5c", "r %d", r);
	r = sscanf("12abc", "%d%d", &a, &b);
	PT_CHECK(r == 1 && a == 12, "sscanf stops at a mismatch and counts", "r %d", r);
	r = sscanf("", "%d", &a);
	PT_CHECK(r == EOF, "sscanf of empty input is EOF", "r %d", r);
	r = sscanf("-9223372036854775808 1e-3", "%lld %lf", &ll, &d);
	PT_CHECK(r == 2 && ll == LLONG_MIN && d == 0.001, "sscanf %%lld %%lf", "r %d", r);
	return 0;
}

/* scanf: stdin holds "42 hello 3.5\nline two\n" and then ends. */
int cmd_scanf(int argc, char **argv)
{
	int n = 0, r;
	char word[16], line[32];
	double d = 0;

	(void)argc, (void)argv;
	r = scanf("%d %15s %lf", &n, word, &d);
	PT_CHECK(r == 3 && n == 42 && !strcmp(word, "hello") && d == 3.5, "scanf reads stdin",
		 "r %d", r);
	PT_CHECK(getchar() == '\n', "getchar after scanf gets the newline");
	PT_CHECK(fgets(line, sizeof(line), stdin) && !strcmp(line, "line two\n"),
		 "fgets reads the next line");
	PT_CHECK(getchar() == EOF && feof(stdin), "the end of stdin is EOF");
	r = scanf("%d", &n);
	PT_CHECK(r == EOF, "scanf at the end is EOF", "r %d", r);
	return 0;
}

/* buffering full|line|none: the order of stdout and stderr on one
 * console shows when stdout writes (stderr is unbuffered). */
int cmd_buffering(int argc, char **argv)
{
	static char buf[4096];
	const char *mode = argc > 1 ? argv[1] : "";
	int r;

	if (!strcmp(mode, "full"))
		r = setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	else if (!strcmp(mode, "line"))
		r = setvbuf(stdout, NULL, _IOLBF, 0);
	else if (!strcmp(mode, "none"))
		r = setvbuf(stdout, NULL, _IONBF, 0);
	else
		return 64;
	printf("%s: A", mode);
	fputs("|B|", stderr);
	printf("C\n");
	fputs("|D|\n", stderr);
	printf("%s: E\n", mode);
	fflush(stdout);
	fputs("flushed\n", stderr);
	PT_CHECK(r == 0, "setvbuf returns 0");
	return 0;
}

/* default-buffering: no setvbuf. A terminal gets stdout line buffered, a
 * pipe or a file fully buffered: musl finds out at its first write (so A
 * is out at once), then C and E wait for exit; the suite checks the order. */
int cmd_default_buffering(int argc, char **argv)
{
	int tty = isatty(1);

	(void)argc, (void)argv;
	fprintf(stderr, "isatty(1) = %d\n", tty);
	printf("default: A\n");
	fputs("default: B\n", stderr);
	printf("default: C\n");
	fputs("default: D\n", stderr);
	printf("default: E\n");
	return 0;
}
