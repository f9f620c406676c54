/* SPDX-License-Identifier: BSD-3-Clause */
/* printf engine, non-float part: compared against glibc's snprintf. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stddef.h>
#include <sys/types.h>
#include "test.h"

static const char *const flagsets[] = {
	"",    "-",   "+",   " ",   "#",    "0",    "-+",   "- ",   "-#",   "-0",    "+ ",
	"+#",  "+0",  " #",  " 0",  "#0",   "-+ ",  "-+#",  "-+0",  "- #",  "- 0",   "-#0",
	"+ #", "+ 0", "+#0", " #0", "-+ #", "-+ 0", "-+#0", "- #0", "+ #0", "-+ #0",
};
static const char *const widths[] = { "", "1", "5", "12", "25" };
static const char *const precs[] = { "", ".", ".0", ".1", ".3", ".12", ".25" };

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void build(char *out, const char *flags, const char *w, const char *p, const char *len,
		  char conv)
{
	sprintf(out, "[%%%s%s%s%s%c]", flags, w, p, len, conv);
}

static void integers(void)
{
	static const long long svals[] = { 0,	      1,	 -1,	  7,	   -42,
					   255,	      4096,	 INT_MAX, INT_MIN, LLONG_MAX,
					   LLONG_MIN, 123456789, -99999 };
	static const unsigned long long uvals[] = {
		0, 1, 8, 255, 0xdeadbeef, UINT_MAX, ULLONG_MAX, 0x8000000000000000ULL
	};
	static const char convs[] = "diuoxX";
	char fmt[64];

	t_begin("integers: every flag set x width x precision x d i u o x X");
	for (size_t f = 0; f < N(flagsets); f++)
		for (size_t w = 0; w < N(widths); w++)
			for (size_t p = 0; p < N(precs); p++)
				for (const char *c = convs; *c; c++) {
					if (*c == 'd' || *c == 'i') {
						build(fmt, flagsets[f], widths[w], precs[p], "ll",
						      *c);
						for (size_t i = 0; i < N(svals); i++)
							t_fmt(fmt, svals[i]);
						build(fmt, flagsets[f], widths[w], precs[p], "",
						      *c);
						for (size_t i = 0; i < N(svals); i++)
							t_fmt(fmt, (int)svals[i]);
					} else {
						build(fmt, flagsets[f], widths[w], precs[p], "ll",
						      *c);
						for (size_t i = 0; i < N(uvals); i++)
							t_fmt(fmt, uvals[i]);
						build(fmt, flagsets[f], widths[w], precs[p], "",
						      *c);
						for (size_t i = 0; i < N(uvals); i++)
							t_fmt(fmt, (unsigned int)uvals[i]);
					}
				}
	t_end();
}

static void lengths(void)
{
	t_begin("length modifiers hh h l ll j z t");
	t_fmt("%hhd %hhd %hhu %hhx", 300, -129, 511, 0x1ff);
	t_fmt("%hd %hd %hu %ho", 70000, -32769, 65537, 65535);
	t_fmt("%ld %lu %lx", LONG_MIN, ULONG_MAX, 0x123456789abcdefUL);
	t_fmt("%lld %llu %llX", LLONG_MIN, ULLONG_MAX, 0xfedcba9876543210ULL);
	t_fmt("%jd %ju %jx", INTMAX_MIN, UINTMAX_MAX, UINTMAX_MAX);
	t_fmt("%zd %zu %zx", (ssize_t)-5, SIZE_MAX, (size_t)4096);
	t_fmt("%td %tu %tx", (ptrdiff_t)-77, (ptrdiff_t)77, (ptrdiff_t)-1);
	t_fmt("%i %hhi %hi %li %lli", -1, -2, -3, -4L, -5LL);
	t_fmt("%qd", -6LL);
	t_end();
}

static void stars(void)
{
	static const int ws[] = { -20, -5, -1, 0, 1, 7, 30 };
	static const int ps[] = { -10, -1, 0, 1, 4, 15 };

	t_begin("* width and precision, negative values");
	for (size_t i = 0; i < N(ws); i++)
		for (size_t j = 0; j < N(ps); j++) {
			t_fmt("[%*d]", ws[i], -123);
			t_fmt("[%.*d]", ps[j], 42);
			t_fmt("[%*.*d]", ws[i], ps[j], -7);
			t_fmt("[%0*.*x]", ws[i], ps[j], 0xabc);
			t_fmt("[%-*.*s]", ws[i], ps[j], "abcdefgh");
			t_fmt("[%*.*f]", ws[i], ps[j], 3.14159);
			t_fmt("[%0*.*e]", ws[i], ps[j], -2.5e-7);
			t_fmt("[%*c]", ws[i], 'z');
		}
	t_end();
}

static void strings_chars(void)
{
	static const char *const strs[] = { "", "a", "hello", "hello, world", "tab\there" };
	char fmt[64];

	t_begin("%s %c with width, precision and flags, NULL strings");
	for (size_t f = 0; f < N(flagsets); f++)
		for (size_t w = 0; w < N(widths); w++)
			for (size_t p = 0; p < N(precs); p++) {
				build(fmt, flagsets[f], widths[w], precs[p], "", 's');
				for (size_t i = 0; i < N(strs); i++)
					t_fmt(fmt, strs[i]);
				t_fmt(fmt, (char *)NULL);
				build(fmt, flagsets[f], widths[w], "", "", 'c');
				t_fmt(fmt, 'x');
				t_fmt(fmt, 0xff41);
			}
	t_fmt("%.*s|", 3, "abcdef");
	t_fmt("%.0s|%.5s|%.6s|%s", (char *)NULL, (char *)NULL, (char *)NULL, (char *)NULL);
	t_fmt("%c%c%c", 'a', 0, 'b');
	t_end();
}

static void pointers_percent(void)
{
	static void *const ptrs[] = { NULL, (void *)1, (void *)0x1234, (void *)0x7fffdeadbeef,
				      (void *)UINTPTR_MAX };
	char fmt[64];

	t_begin("%p (incl. NULL and flags), %%, literal text");
	for (size_t f = 0; f < N(flagsets); f++)
		for (size_t w = 0; w < N(widths); w++)
			for (size_t p = 0; p < 4; p++) {
				build(fmt, flagsets[f], widths[w], precs[p], "", 'p');
				for (size_t i = 0; i < N(ptrs); i++)
					t_fmt(fmt, ptrs[i]);
			}
	t_fmt("100%% sure %d%%", 5);
	t_fmt("no conversions at all");
	t_fmt("");
	t_end();
}

static void percent_n(void)
{
	char h[64], n[64], e[64], g[64];
	int hi = -1, ni = -1;
	signed char hc = -1, nc = -1;
	short hs = -1, ns = -1;
	long hl = -1, nlg = -1;
	long long hll = -1, nll = -1;
	size_t hz = 0, nz = 0;

	t_begin("%n with every length");
	snprintf(h, sizeof(h), "abc%n%5d%hhn%-8s%hn%ln%lln%zn|", &hi, 1, &hc, "x", &hs, &hl, &hll,
		 &hz);
	nl_snprintf(n, sizeof(n), "abc%n%5d%hhn%-8s%hn%ln%lln%zn|", &ni, 1, &nc, "x", &ns, &nlg,
		    &nll, &nz);
	t_check(strcmp(h, n) == 0, "text", h, n);
	snprintf(e, sizeof(e), "%d %d %d %ld %lld %zu", hi, hc, hs, hl, hll, hz);
	snprintf(g, sizeof(g), "%d %d %d %ld %lld %zu", ni, nc, ns, nlg, nll, nz);
	t_check(strcmp(e, g) == 0, "counts", e, g);
	/* %n counts what would have been written, even when truncated. */
	hi = ni = -1;
	snprintf(h, 4, "abcdefgh%n", &hi);
	nl_snprintf(n, 4, "abcdefgh%n", &ni);
	snprintf(e, sizeof(e), "%d", hi);
	snprintf(g, sizeof(g), "%d", ni);
	t_check(hi == ni, "count past truncation", e, g);
	t_end();
}

static void truncation(void)
{
	static const char *const fmts[] = { "hello %d world", "%s", "%10.3f|", "" };
	char buf[64], e[96], g[96];
	int len, r;

	t_begin("snprintf truncation: n = 0 (NULL buffer), 1, short, exact, "
		"more");
	r = nl_snprintf(NULL, 0, "%d and %s", 12345, "more");
	snprintf(g, sizeof(g), "%d", r);
	t_check(r == 14, "n=0 NULL buffer return", "14", g);
	for (size_t i = 0; i < N(fmts); i++) {
		if (i == 1)
			len = snprintf(NULL, 0, fmts[i], "sample");
		else if (i == 2)
			len = snprintf(NULL, 0, fmts[i], 2.71828);
		else
			len = snprintf(NULL, 0, fmts[i], 42, 0);
		for (int n = 0; n <= len + 2; n++) {
			char host[64];
			int hr;

			memset(buf, '#', sizeof(buf));
			memset(host, '#', sizeof(host));
			if (i == 1) {
				hr = snprintf(host, (size_t)n, fmts[i], "sample");
				r = nl_snprintf(buf, (size_t)n, fmts[i], "sample");
			} else if (i == 2) {
				hr = snprintf(host, (size_t)n, fmts[i], 2.71828);
				r = nl_snprintf(buf, (size_t)n, fmts[i], 2.71828);
			} else {
				hr = snprintf(host, (size_t)n, fmts[i], 42, 0);
				r = nl_snprintf(buf, (size_t)n, fmts[i], 42, 0);
			}
			snprintf(e, sizeof(e), "ret %d buf %.*s", hr, len + 4, host);
			snprintf(g, sizeof(g), "ret %d buf %.*s", r, len + 4, buf);
			t_check(hr == r && memcmp(host, buf, sizeof(buf)) == 0, fmts[i], e, g);
		}
	}
	r = nl_sprintf(buf, "%s-%d", "x", 9);
	t_check(r == 3 && strcmp(buf, "x-9") == 0, "sprintf", "x-9", buf);
	t_end();
}

void test_format(void)
{
	integers();
	lengths();
	stars();
	strings_chars();
	pointers_percent();
	percent_n();
	truncation();
}
