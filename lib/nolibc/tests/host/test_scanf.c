/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sscanf against glibc: the same input and format, eight destination
 * buffers each, compared byte for byte with the return value. Every
 * conversion, width, length modifier, suppression and "%n$" appears in
 * edge cases, then in 30 000 random format/input pairs (fixed seed).
 */
#include <errno.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "test.h"

int nl_sscanf(const char *str, const char *fmt, ...);

#define NBUF  8
#define BUFSZ 96

static void cmp_scan(const char *in, const char *fmt)
{
	static unsigned char hb[NBUF][BUFSZ], nb[NBUF][BUFSZ];
	char what[512], e[64], g[64];
	int hr, nr, i;

	memset(hb, 0xa5, sizeof(hb));
	memset(nb, 0xa5, sizeof(nb));
	hr = sscanf(in, fmt, hb[0], hb[1], hb[2], hb[3], hb[4], hb[5], hb[6], hb[7]);
	nr = nl_sscanf(in, fmt, nb[0], nb[1], nb[2], nb[3], nb[4], nb[5], nb[6], nb[7]);
	for (i = 0; i < NBUF && !memcmp(hb[i], nb[i], BUFSZ); i++)
		;
	snprintf(what, sizeof(what), "sscanf(\"%s\", \"%s\")", in, fmt);
	snprintf(e, sizeof(e), "return %d", hr);
	if (hr != nr) {
		snprintf(g, sizeof(g), "return %d", nr);
		t_check(0, what, e, g);
	} else if (i < NBUF) {
		snprintf(e, sizeof(e), "argument %d as glibc stores it", i + 1);
		snprintf(g, sizeof(g), "bytes %02x %02x %02x %02x ...", nb[i][0], nb[i][1],
			 nb[i][2], nb[i][3]);
		t_check(0, what, e, g);
	} else {
		t_check(1, what, e, e);
	}
}

static void scanf_edges(void)
{
	static const char *const cases[][2] = {
		{ "", "%d" },
		{ "  ", "%d" },
		{ "abc", "%d" },
		{ "-", "%d" },
		{ "+x", "%d" },
		{ "42", "%d" },
		{ " -17 x", "%d %c" },
		{ "0x", "%x" },
		{ "0xg", "%x%n" },
		{ "0x", "%i%n" },
		{ "0x1f", "%2x%n" },
		{ "0x1f", "%3x%n" },
		{ "0X1F", "%X" },
		{ "08", "%i%n" },
		{ "017", "%i" },
		{ "-0x10", "%i" },
		{ "99999999999", "%d" },
		{ "99999999999999999999", "%d" },
		{ "-99999999999999999999", "%lld" },
		{ "99999999999999999999", "%llu" },
		{ "-1", "%u" },
		{ "-1", "%lu" },
		{ "12345", "%3d%d" },
		{ "-12", "%1d" },
		{ "300 -129 70000", "%hhd %hhu %hd" },
		{ "9 8 7 6", "%jd %zd %td %qd" },
		{ "0x12345678 0", "%p %p" },
		{ "777 777", "%o %lo" },
		{ "1e", "%lf%n" },
		{ "1ex", "%lf%n" },
		{ "1e+", "%lf%n" },
		{ "1e+5", "%lf%n" },
		{ "inf", "%lf%n" },
		{ "-InFx", "%lf%n" },
		{ "infinity", "%lf%n" },
		{ "infin", "%lf%n" },
		{ "nan(12)", "%lf%n" },
		{ "NAN(", "%f%n" },
		{ "0x", "%lf" },
		{ "0x1p3", "%lf%n" },
		{ "0x.8p1 0x1.8", "%la %la" },
		{ "1.5", "%2lf%n" },
		{ ".", "%lf" },
		{ "-.e", "%lf" },
		{ "1e5", "%3lf%n" },
		{ "i", "%lf" },
		{ ".5 5. -.5e-1", "%f %e %g" },
		{ "3.14159265358979323846264338327950288", "%Lf" },
		{ "1e-400 1e400 -1e-320", "%lf %lf %lf" },
		{ "2.5 2.5 2.5", "%f %lf %Lf" },
		{ "1,2", "%d,%d" },
		{ "1 ,2", "%d,%d" },
		{ "1, 2", "%d,%d" },
		{ "1 , 2", "%d , %d" },
		{ "", "%n" },
		{ "", "abc%d" },
		{ "5", "%*d%d" },
		{ "ab", "a%d" },
		{ "ab", "%3c" },
		{ "abc", "%2c%c" },
		{ " a", "%c" },
		{ " a", " %c" },
		{ "1 2", "%2$d %1$d" },
		{ "7 8 9", "%3$d %1$d %2$d" },
		{ " %", "%%" },
		{ "", "%%" },
		{ "%5", "%%%d" },
		{ "x", "%%" },
		{ "]abc-", "%[]a-c]" },
		{ "x", "%[a]" },
		{ "abc def", "%[^ ]%n" },
		{ "a-b", "%[a-]%n" },
		{ "a-b", "%[-a]%n" },
		{ "hello", "%3[a-z]%s" },
		{ "  word  next", "%s%n%s" },
		{ "word", "%2s%2s" },
		{ "a b", "%s%*s%n" },
		{ "12abc", "%*d%s" },
		{ "x", "%5" },
		{ "x", "%y" },
		{ "abc", "%[abc" },
		{ "1\t\n 2", "%d%d" },
		{ "tab\there", "%s\t%s" },
		{ "0x", "%2lf%n" },
		{ "0x1", "%2lf%n" },
		{ "0x.", "%lf%n" },
		{ "0x.", "%2lf%n" },
		{ "-0x", "%3lf%n" },
		{ "-0x", "%lf%n" },
		{ "0x.p", "%lf%n" },
		{ "0xp1", "%lf" },
		{ "0x", "%5lf" },
		{ "0x1p", "%4lf%n" },
		{ "$5 $$", "$%d %[$]%n" },
		{ "a$b 3", "%1$[^$]$%*s %2$d" },
	};

	t_begin("sscanf edges vs glibc: failures (input vs matching), "
		"widths, prefixes, saturation, floats, sets, %n, %n$");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		cmp_scan(cases[i][0], cases[i][1]);
	{
		/* glibc guesses here; nolibc refuses, as its printf does. */
		int a = 0, b = 0, r;

		nl_errno = 0;
		r = nl_sscanf("4 2", "%1$d %d", &a, &b);
		t_check(r == -1 && nl_errno == EINVAL && a == 0, "sscanf %1$d %d",
			"-1 EINVAL, nothing stored", "other");
		r = nl_sscanf("4 2", "%d %1$d", &a, &b);
		t_check(r == -1 && nl_errno == EINVAL, "sscanf %d %1$d", "-1 EINVAL", "other");
		r = nl_sscanf("4", "%0$d", &a);
		t_check(r == -1 && nl_errno == EINVAL, "sscanf %0$d", "-1 EINVAL", "other");
	}
	t_end();
}

/* A random field and the input text that may or may not match it. */
static void random_item(char **f, char **in)
{
	static const char *const convs[] = {
		"d",  "i",  "u",   "o",	 "x",  "X",  "hhd",	 "hd",	  "ld", "lld", "hhu",
		"hu", "lu", "llx", "jd", "zu", "td", "f",	 "lf",	  "Lf", "e",   "le",
		"g",  "lg", "a",   "la", "s",  "c",  "[a-f0-9]", "[^ ,]", "n",	"p",
	};
	static const char *const words[] = { "abc", "deadbeef", "x",  "0x",    "-",
					     "+",   ".",	"1e", "e5",    "nan",
					     "inf", "Infinity", ",",  "0x1p-3" };
	const char *c = convs[t_rand() % (sizeof(convs) / sizeof(*convs))];
	uint64_t r = t_rand();

	*(*f)++ = '%';
	if (r % 7 == 0)
		*(*f)++ = '*';
	if (r % 3 == 0)
		*f += sprintf(*f, "%d", 1 + (int)(t_rand() % 12));
	*f += sprintf(*f, "%s", c);
	if (t_rand() % 3)
		*(*f)++ = ' ';
	switch (t_rand() % 6) {
	case 0:
		*in += sprintf(*in, "%lld", (long long)t_rand() >> (t_rand() % 64));
		break;
	case 1:
		*in += sprintf(*in, "%#llx", (unsigned long long)t_rand() >> (t_rand() % 64));
		break;
	case 2:
		*in += sprintf(*in, "%.*g", (int)(t_rand() % 20),
			       (double)(int64_t)t_rand() / (double)(1ULL << (t_rand() % 63)));
		break;
	case 3:
		*in += sprintf(*in, "%s", words[t_rand() % (sizeof(words) / sizeof(*words))]);
		break;
	case 4:
		*in += sprintf(*in, "%o", (unsigned)t_rand());
		break;
	default:
		*in += sprintf(*in, "%.3e", (double)(int64_t)t_rand());
		break;
	}
	if (t_rand() % 3)
		*(*in)++ = t_rand() % 4 ? ' ' : '\t';
}

static void scanf_random(void)
{
	char fmt[256], in[512];

	t_begin("sscanf: 30000 random formats (every conversion, widths, "
		"*, lengths) on random numbers and words vs glibc");
	for (int k = 0; k < 30000; k++) {
		char *f = fmt, *i = in;
		int n = 1 + (int)(t_rand() % NBUF);

		for (int j = 0; j < n; j++)
			random_item(&f, &i);
		*f = *i = '\0';
		cmp_scan(in, fmt);
	}
	t_end();
}

/* A random piece of UTF-8: ASCII letters, spaces, 2-4 byte characters,
 * and now and then an invalid sequence when @invalid. */
static char *random_utf8(char *p, int pieces, bool invalid)
{
	/* glibc 2.36 also reads "\xf4\x90\x80\x80" (U+110000), which RFC
	 * 3629 forbids and nolibc refuses: checked on its own below. */
	static const char *const bad[] = { "\xff", "\xc3", "\xed\xa0\x80", "\xc0\xaf",
					   "\xe0\x80\x80" };

	while (pieces-- > 0) {
		unsigned int c;

		switch (t_rand() % 8) {
		case 0:
			*p++ = ' ';
			break;
		case 1:
			if (invalid && t_rand() % 8 == 0) {
				p += sprintf(p, "%s", bad[t_rand() % 5]);
				break;
			}
			/* fallthrough */
		case 2:
			c = 0x80 + (unsigned int)(t_rand() % 0x780);
			*p++ = (char)(0xc0 | c >> 6);
			*p++ = (char)(0x80 | (c & 0x3f));
			break;
		case 3:
			c = 0x800 + (unsigned int)(t_rand() % 0xd000);
			*p++ = (char)(0xe0 | c >> 12);
			*p++ = (char)(0x80 | ((c >> 6) & 0x3f));
			*p++ = (char)(0x80 | (c & 0x3f));
			break;
		case 4:
			c = 0x10000 + (unsigned int)(t_rand() % 0x100000);
			*p++ = (char)(0xf0 | c >> 18);
			*p++ = (char)(0x80 | ((c >> 12) & 0x3f));
			*p++ = (char)(0x80 | ((c >> 6) & 0x3f));
			*p++ = (char)(0x80 | (c & 0x3f));
			break;
		default:
			*p++ = (char)('a' + t_rand() % 26);
			break;
		}
	}
	*p = '\0';
	return p;
}

static void scanf_wide(void)
{
	static const char *const fmts[] = {
		"%ls%n",    "%3ls%n",	 "%lc%n",	   "%2lc%n",	 "%l[a-m]%n",
		"%l[^ ]%n", "%*ls%ls%n", "%4l[^x ]%n %ls", "%1$ls %2$n",
	};
	char in[256];

	t_begin("sscanf %lc %ls %l[ decode UTF-8 (glibc in C.UTF-8): 20000 "
		"random inputs, invalid sequences fail with EILSEQ");
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		t_check(0, "setlocale", "C.UTF-8", "unavailable");
		t_end();
		return;
	}
	for (int i = 0; i < 20000; i++) {
		const char *fmt = fmts[i % (sizeof(fmts) / sizeof(fmts[0]))];

		/* glibc's %l[ stores a partial field and succeeds on an
		 * invalid sequence (its %ls fails); nolibc fails both. */
		random_utf8(in, 1 + (int)(t_rand() % 12), !strstr(fmt, "l["));
		cmp_scan(in, fmt);
	}
	setlocale(LC_ALL, "C");
	{
		wchar_t w[4];

		nl_errno = 0;
		t_check(nl_sscanf("a\xff"
				  "b",
				  "%ls", w) == 0 &&
				nl_errno == EILSEQ,
			"sscanf(\"a\\xffb\", \"%ls\")", "0 EILSEQ", "other");
		nl_errno = 0;
		t_check(nl_sscanf("\xf4\x90\x80\x80", "%lc", w) == 0 && nl_errno == EILSEQ,
			"sscanf(U+110000, \"%lc\")", "0 EILSEQ", "other");
		nl_errno = 0;
		t_check(nl_sscanf("a\xed\xa0\x80z", "%l[^ ]", w) == 0 && nl_errno == EILSEQ,
			"sscanf(surrogate, \"%l[^ ]\")", "0 EILSEQ", "other");
	}
	t_end();
}

void test_scanf(void)
{
	scanf_edges();
	scanf_random();
	scanf_wide();
}
