/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * printf's POSIX extensions against glibc: "%n$" positional arguments
 * (values, "*m$" widths and precisions), the ' flag, and %lc / %ls
 * converted to UTF-8 (glibc in its C.UTF-8 locale).
 */
#include <errno.h>
#include <stdbool.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "test.h"

/* The fixed argument list every random positional format draws from. */
struct pos_args {
	int i1;
	long long l2;
	double d3;
	const char *s4;
	int c5;
	long double ld6;
	int w7, p8;
	unsigned int u9;
};

/* The conversions each argument position accepts. */
static const char *const pos_convs[9][5] = {
	{ "d", "i", "x", "o", "u" },   { "lld", "llx", "lli", "llo", "llu" },
	{ "f", "e", "g", "a", "E" },   { "s", "s", "s", "s", "s" },
	{ "c", "c", "d", "x", "c" },   { "Lf", "Le", "Lg", "La", "LG" },
	{ "d", "d", "u", "x", "i" },   { "d", "i", "o", "X", "u" },
	{ "u", "x", "X", "o", "hhu" },
};

static const char *rand_flags(void)
{
	static const char *const f[] = { "",   "-",  "+", " ",	"#",  "0",
					 "-+", "0'", "'", "+0", "# ", "-#0" };
	return f[t_rand() % (sizeof(f) / sizeof(f[0]))];
}

/*
 * One spec for argument @n, with a '*m$' width/precision sometimes.
 * glibc 2.36 zero-pads a float on the right when a '0' flag meets a
 * negative "*m$" width (C says '-' wins, as in its own sequential path);
 * those combinations are left out.
 */
static char *add_spec(char *p, int n)
{
	const char *flags = rand_flags();
	bool star_ok = n != 3 && n != 6 ? true : !strchr(flags, '0');

	p += sprintf(p, "%%%d$%s", n, flags);
	switch (t_rand() % 3) {
	case 0:
		p += sprintf(p, "%d", (int)(t_rand() % 12));
		break;
	case 1:
		if (star_ok)
			p += sprintf(p, "*7$");
		break;
	}
	switch (t_rand() % 3) {
	case 0:
		p += sprintf(p, ".%d", (int)(t_rand() % 10));
		break;
	case 1:
		p += sprintf(p, ".*8$");
		break;
	}
	return p + sprintf(p, "%s", pos_convs[n - 1][t_rand() % 5]);
}

static void positional_random(void)
{
	static const char *const strs[] = { "", "a", "hello", "(word)",
					    "a somewhat longer string" };
	char fmt[512], host[2048], nl[2048], *p;
	struct pos_args a;
	int order[9], hret, nret;

	t_begin("positional %n$: 20000 random formats using all 9 arguments "
		"in random order, *m$ widths and precisions");
	for (int k = 0; k < 20000; k++) {
		a.i1 = (int)t_rand();
		a.l2 = (long long)t_rand() >> (t_rand() % 64);
		a.d3 = (double)(int64_t)(t_rand() % 2000001 - 1000000) / 64.0;
		a.s4 = strs[t_rand() % 5];
		a.c5 = 'A' + (int)(t_rand() % 26);
		a.ld6 = (long double)(int64_t)(t_rand() % 20001 - 10000) / 3;
		a.w7 = (int)(t_rand() % 41) - 20;
		a.p8 = (int)(t_rand() % 19) - 3;
		a.u9 = (unsigned int)t_rand();
		for (int i = 0; i < 9; i++)
			order[i] = i + 1;
		for (int i = 8; i > 0; i--) {
			int j = (int)(t_rand() % (unsigned)(i + 1)), t;

			t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		p = fmt;
		for (int i = 0; i < 9; i++) {
			p = add_spec(p, order[i]);
			*p++ = t_rand() % 4 ? '|' : '$';
			if (t_rand() % 5 == 0) /* a second use of one argument */
				p = add_spec(p, order[t_rand() % 9]);
		}
		*p = '\0';
#define POS_ARGS a.i1, a.l2, a.d3, a.s4, a.c5, a.ld6, a.w7, a.p8, a.u9
		hret = snprintf(host, sizeof(host), fmt, POS_ARGS);
		nret = nl_snprintf(nl, sizeof(nl), fmt, POS_ARGS);
		t_fmt_cmp(fmt, host, hret, nl, nret);
	}
	t_end();
}

/* nolibc must fail with -1 and @err, whatever glibc does. */
static void expect_fail(const char *fmt, int err, ...)
{
	char buf[64], got[64];
	va_list ap;
	int ret;

	va_start(ap, err);
	nl_errno = 0;
	ret = nl_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	snprintf(got, sizeof(got), "%d errno %d", ret, nl_errno);
	snprintf(buf, sizeof(buf), "-1 errno %d", err);
	t_check(ret == -1 && nl_errno == err, fmt, buf, got);
}

static void positional_edges(void)
{
	t_begin("positional edges: examples, gaps, %%, NL_ARGMAX, and mixing "
		"numbered with unnumbered -> -1 EINVAL");
	t_fmt("%1$s %2$s", "one", "two");
	t_fmt("%2$s %1$s", "one", "two");
	t_fmt("%2$04d %1$*3$d", 7, 42, -6);
	t_fmt("%1$.*2$f|%1$*3$.*2$e", 3.14159, 3, 15);
	t_fmt("%3$d %1$d", 1, 2, 3); /* gap: glibc takes an int */
	t_fmt("%1$d%%%1$x %2$%", 255, 1);
	t_fmt("$%d$ costs %s$", 5, "x");
	t_fmt("%1$d %1$5d %1$-5d|", -12);
	t_fmt("%2$hhd %1$hd %3$lu %4$zd %5$jd %6$td", 70000, 300, 9UL, (size_t)-3, (intmax_t)-4,
	      (ptrdiff_t)5);
	t_fmt("%1$p %2$p", (void *)0x1234, (void *)0);
	t_fmt("%1$c%2$c%3$c", 'a', 'b', 'c');
	{
		int n1 = -1, n2 = -1;
		char h[32], n[32];

		snprintf(h, sizeof(h), "%2$s%1$n", &n1, "abc");
		nl_snprintf(n, sizeof(n), "%2$s%1$n", &n2, "abc");
		t_check(n1 == n2 && n2 == 3, "%2$s%1$n", h, n);
	}
	t_fmt("%64$d %1$d %2$d %3$d %4$d %5$d %6$d %7$d %8$d %9$d %10$d "
	      "%11$d %12$d %13$d %14$d %15$d %16$d %17$d %18$d %19$d "
	      "%20$d %21$d %22$d %23$d %24$d %25$d %26$d %27$d %28$d "
	      "%29$d %30$d %31$d %32$d %33$d %34$d %35$d %36$d %37$d "
	      "%38$d %39$d %40$d %41$d %42$d %43$d %44$d %45$d %46$d "
	      "%47$d %48$d %49$d %50$d %51$d %52$d %53$d %54$d %55$d "
	      "%56$d %57$d %58$d %59$d %60$d %61$d %62$d %63$d",
	      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
	      25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45,
	      46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64);
	expect_fail("%1$d %d", EINVAL, 1, 2);
	expect_fail("%d %1$d", EINVAL, 1, 2);
	expect_fail("%1$d %*d", EINVAL, 1, 2, 3);
	expect_fail("%1$*d", EINVAL, 1, 2);
	expect_fail("%*1$d", EINVAL, 1, 2);
	expect_fail("%1$.*d", EINVAL, 1, 2);
	expect_fail("%0$d", EINVAL, 1);
	expect_fail("%65$d", EINVAL, 1);
	expect_fail("%99999999999$d", EINVAL, 1);
	expect_fail("%1$*0$d", EINVAL, 1);
	t_end();
}

static void grouping_flag(void)
{
	static const char *const fmts[] = { "%'d",   "%'10d",  "%'-12d", "%'+.8d", "%'u", "%'ld",
					    "%'lld", "%0'15d", "%''d",	 "%'i",	   "%'x", "%'o" };
	static const char *const ffmts[] = {
		"%'f", "%'.2f", "%'15.3f", "%'g", "%'e", "%'.0f", "%'a"
	};

	t_begin("the ' flag: accepted, groups nothing in the C locale");
	for (size_t f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++)
		for (int i = 0; i < 200; i++) {
			long long v = (long long)t_rand() >> (t_rand() % 64);

			if (strchr(fmts[f], 'l'))
				t_fmt(fmts[f], v);
			else
				t_fmt(fmts[f], (int)v);
		}
	for (size_t f = 0; f < sizeof(ffmts) / sizeof(ffmts[0]); f++)
		for (int i = 0; i < 200; i++)
			t_fmt(ffmts[f], (double)(int64_t)t_rand() / (double)(1 << (t_rand() % 30)));
	t_fmt("%1$'d %2$'.3f", 1234567, 7654321.0);
	t_end();
}

/* A random Unicode scalar value, spread over the 1..4-byte ranges. */
static wchar_t rand_scalar(void)
{
	static const unsigned int top[] = { 0x7f, 0x7ff, 0xffff, 0x10ffff };
	unsigned int c;

	do
		c = 1 + (unsigned int)(t_rand() % top[t_rand() % 4]);
	while (c >= 0xd800 && c <= 0xdfff);
	return (wchar_t)c;
}

static void wide_chars(void)
{
	static const char *const sfmts[] = { "%ls",   "%.0ls",	  "%.1ls", "%.3ls", "%.7ls",
					     "%12ls", "%-12.5ls", "%S",	   "%1$ls" };
	static const char *const cfmts[] = { "%lc", "%5lc", "%-5lc", "%C", "[%1$lc]" };
	wchar_t ws[16];

	t_begin("%lc and %ls as UTF-8 (glibc in C.UTF-8): 30000 random "
		"strings, precision never cuts a character; invalid code "
		"points -> -1 EILSEQ");
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		t_check(0, "setlocale", "C.UTF-8", "unavailable");
		t_end();
		return;
	}
	for (int i = 0; i < 30000; i++) {
		size_t n = t_rand() % 15;

		for (size_t k = 0; k < n; k++)
			ws[k] = rand_scalar();
		ws[n] = 0;
		t_fmt(sfmts[i % 9], ws);
		t_fmt(cfmts[i % 5], (wint_t)ws[0]);
	}
	t_fmt("%ls|%.3ls|%lc", (wchar_t *)0, (wchar_t *)0, (wint_t)0);
	t_fmt("%ls", L"h\u00e9llo \u20ac \U0001F600");
	t_fmt("%.1ls|", L"\u00e9");
	t_fmt("%.1ls|", L"a\xd800"); /* the bad character is never reached */
	t_fmt("%lc%lc%lc%lc", (wint_t)0x7f, (wint_t)0x80, (wint_t)0x7ff, (wint_t)0x800);
	t_fmt("%lc%lc%lc", (wint_t)0xffff, (wint_t)0x10000, (wint_t)0x10ffff);
	setlocale(LC_ALL, "C");
	expect_fail("%lc", EILSEQ, (wint_t)0xd800);
	expect_fail("%lc", EILSEQ, (wint_t)0xdfff);
	expect_fail("%lc", EILSEQ, (wint_t)0x110000);
	expect_fail("%lc", EILSEQ, (wint_t)0xffffffff);
	expect_fail("ab%ls", EILSEQ, L"x\xdc00y");
	expect_fail("%ls", EILSEQ, (const wchar_t[]){ 0x65, 0x7fffffff, 0 });
	t_end();
}

void test_printf_ext(void)
{
	positional_random();
	positional_edges();
	grouping_flag();
	wide_chars();
}
