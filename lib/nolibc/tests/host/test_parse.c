/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * strtod/strtof/strtold against glibc (value bits, end pointer, errno) on
 * edge cases and fixed-seed random inputs; memmem, strverscmp and ffs
 * against glibc; random/srandom/initstate/setstate by their contract.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "test.h"

double nl_strtod(const char *s, char **end);
float nl_strtof(const char *s, char **end);
long double nl_strtold(const char *s, char **end);
double nl_atof(const char *s);
void *nl_memmem(const void *h, size_t hl, const void *n, size_t nl);
int nl_strverscmp(const char *a, const char *b);
int nl_ffs(int i);
int nl_ffsl(long i);
int nl_ffsll(long long i);
long nl_random(void);
void nl_srandom(unsigned int seed);
char *nl_initstate(unsigned int seed, char *state, size_t n);
char *nl_setstate(char *state);

/* One input through all three: the same bits, end and errno as glibc. */
static void cmp_parse(const char *in)
{
	char *he, *ne, e[128], g[128];
	int herr, nerr;

	errno = 0;
	double hd = strtod(in, &he);
	herr = errno;
	nl_errno = 0;
	double nd = nl_strtod(in, &ne);
	nerr = nl_errno;
	snprintf(e, sizeof(e), "%a end+%td errno %d", hd, he - in, herr);
	snprintf(g, sizeof(g), "%a end+%td errno %d", nd, ne - in, nerr);
	t_check(memcmp(&hd, &nd, sizeof(hd)) == 0 && he == ne && herr == nerr, in, e, g);

	errno = 0;
	float hf = strtof(in, &he);
	herr = errno;
	nl_errno = 0;
	float nf = nl_strtof(in, &ne);
	nerr = nl_errno;
	snprintf(e, sizeof(e), "strtof %a end+%td errno %d", hf, he - in, herr);
	snprintf(g, sizeof(g), "strtof %a end+%td errno %d", nf, ne - in, nerr);
	t_check(memcmp(&hf, &nf, sizeof(hf)) == 0 && he == ne && herr == nerr, in, e, g);

	errno = 0;
	long double hl = strtold(in, &he);
	herr = errno;
	nl_errno = 0;
	long double nld = nl_strtold(in, &ne);
	nerr = nl_errno;
	snprintf(e, sizeof(e), "strtold %La end+%td errno %d", hl, he - in, herr);
	snprintf(g, sizeof(g), "strtold %La end+%td errno %d", nld, ne - in, nerr);
	t_check(memcmp(&hl, &nld, 10) == 0 && he == ne && herr == nerr, in, e, g);
}

static void strtod_edges(void)
{
	static const char *const in[] = {
		"0",
		"-0",
		"+0.0",
		"1",
		"-1",
		"0.5",
		".5",
		"5.",
		".",
		"-.",
		"e5",
		"1e",
		"1e+",
		"1e-x",
		"1.5e3x",
		"  \t\n12",
		"+-1",
		"00012",
		"0.000",
		"1e400",
		"-1e400",
		"1e-400",
		"1e-330",
		"4.9e-324",
		"2.4703282292062327e-324",
		"2.4703282292062328e-324",
		"2.2250738585072011e-308",
		"2.2250738585072014e-308",
		"1.7976931348623157e308",
		"1.7976931348623158e308",
		"1.7976931348623159e308",
		"179769313486231580793728971405301e276",
		"inf",
		"-INF",
		"infinity",
		"Infinity!",
		"infinit",
		"nan",
		"-nan",
		"NaN(123abc)",
		"nan(",
		"nan(!)",
		"nanx",
		"in",
		"n",
		"0x",
		"0x1",
		"0X1P-2",
		"0x1.8p1",
		"0x.8",
		"0x1p",
		"0x1p+",
		"0x1.fffffffffffff8p0",
		"0x1.fffffffffffff7ffffp0",
		"0x1.00000000000008p0",
		"0x1.000000000000080001p0",
		"0x1p-1074",
		"0x1p-1075",
		"0x1.0000000001p-1075",
		"0x1p1024",
		"0x1p-1080",
		"0x.000001p-1040",
		"0x123456789abcdef0123p0",
		"0x1.ffffffp127",
		"0x1.fffffeffp127",
		"0x1p-149",
		"0x1p-150",
		"3.4028235e38",
		"3.4028236e38",
		"1e-45",
		"7e-46",
		"7.1e-46",
		"1e39",
		"1.18e-4932",
		"1e4932",
		"1e4933",
		"1e-4951",
		"3.6e-4951",
		"1e-4952",
		"0x1p-16445",
		"0x1p16384",
		"0.1",
		"0.2",
		"0.3",
		"1e23",
		"8.98846567431158e307",
		"9007199254740993",
		"9007199254740992.5",
		"123456789012345678901234567890",
		"1e-5",
		"000000000000000000000000000000000.00000000000000001e17",
		"1.00000000000000011102230246251565404236316680908203125",
		"1.00000000000000011102230246251565404236316680908203124",
		"1.00000000000000011102230246251565404236316680908203126",
		"0e999999999999",
		"1e-999999999999",
		"1e999999999999",
	};

	t_begin("strtod/strtof/strtold edges vs glibc: signs, partial "
		"input, inf/nan, hex, halfway cases, subnormals, overflow "
		"and underflow (errno ERANGE)");
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		cmp_parse(in[i]);
	/* Halfway cases with very long mantissas: 5e-324 boundaries. */
	{
		static char buf[2000];

		strcpy(buf, "2."
			    "4703282292062327208828439643411068618252990130716238221279284125033775"
			    "36351043"
			    "7593264991818081799618989828234772285886546332835517796989819938739800"
			    "53909390"
			    "6315035659515570226392290858392449105184435931802849936536152500319370"
			    "45767824"
			    "9219365623669863658480757001585769269903706311928279558551332927834338"
			    "40935197"
			    "8015531246597263579574622766465272827220056374006485499977096599470454"
			    "02082816"
			    "6226237857393450736339007967761930577506740176324673600968951340535537"
			    "45851666"
			    "1134223766678604162159680461914467291840300530057530849048765391711386"
			    "59164623"
			    "9524912623653881879636239373280423891018672348497668235089863388587925"
			    "62830275"
			    "5995657524455507255189313690836254779186948667994968324049705821028513"
			    "18545139"
			    "6213837722826145437693412532098591327667236328125");
		cmp_parse(buf);
		buf[strlen(buf) - 1] = '4';
		cmp_parse(buf);
		strcat(buf, "0000000000000000000000000000000000001");
		cmp_parse(buf);
		memset(buf, '9', 1500);
		buf[1500] = 0;
		cmp_parse(buf);
		buf[0] = '.';
		cmp_parse(buf);
	}
	t_check(nl_atof("2.5x") == 2.5, "atof", "2.5", "other");
	/* glibc 2.36's strtof rounds this one down to 0; its strtod and
	 * the decimal spelling round up, as they must. */
	t_check(nl_strtof("0x1.000001p-150", NULL) == 0x1p-149f, "strtof(0x1.000001p-150)",
		"0x1p-149", "other");
	t_end();
}

/*
 * The hardest decimal inputs: the exact midpoint between a double and its
 * successor (a long double holds it exactly), printed with all its digits
 * (a tie: to even), and the same cut short or bumped (just below, just
 * above the tie).
 */
static void midpoint_inputs(uint64_t bits, char *in, size_t cap)
{
	double d, next;
	long double mid;
	char *e;
	size_t digits;

	bits &= 0x7fefffffffffffffULL; /* finite, below DBL_MAX */
	memcpy(&d, &bits, sizeof(d));
	next = nextafter(d, INFINITY);
	mid = ((long double)d + (long double)next) / 2;
	snprintf(in, cap, "%.800Le", mid);
	cmp_parse(in);
	e = strchr(in, 'e');
	for (digits = (size_t)(e - in) - 1; digits > 2 && in[digits] == '0'; digits--)
		;
	if (t_rand() % 2) {
		/* cut: drop the last nonzero digit (just below the tie) */
		memmove(in + digits, e, strlen(e) + 1);
	} else {
		/* bump: a 1 far past the last digit (just above) */
		memmove(in + digits + 1 + 30, e, strlen(e) + 1);
		memset(in + digits + 1, '0', 30);
		in[digits + 30] = '1';
	}
	cmp_parse(in);
}

static void strtod_random(void)
{
	static char in[1024];

	t_begin("strtod/strtof/strtold: 100000 random inputs (%.17g, %.Ne, "
		"%.9g, %.21Lg of random bits, random digit strings, hex) and "
		"20000 exact double midpoints, cut and bumped, vs glibc");
	for (int i = 0; i < 100000; i++) {
		uint64_t b = t_rand();
		double d;
		float f;

		memcpy(&d, &b, sizeof(d));
		memcpy(&f, &b, sizeof(f));
		switch (i % 6) {
		case 0:
			snprintf(in, sizeof(in), "%.17g", d);
			break;
		case 1:
			snprintf(in, sizeof(in), "%.*e", (int)(t_rand() % 25), d);
			break;
		case 2:
			snprintf(in, sizeof(in), "%.9g", (double)f);
			break;
		case 3: {
			int n = 1 + (int)(t_rand() % 40), k = 0;

			for (int j = 0; j < n; j++)
				in[k++] = (char)('0' + t_rand() % 10);
			if (t_rand() % 2)
				in[t_rand() % (unsigned)n] = '.';
			k += sprintf(in + k, "e%d", (int)(t_rand() % 700) - 350);
			break;
		}
		case 4:
			snprintf(in, sizeof(in), "%a", d);
			break;
		default:
			snprintf(in, sizeof(in), "%.21Lg", (long double)d * (long double)d);
			break;
		}
		cmp_parse(in);
	}
	for (int i = 0; i < 20000; i++)
		midpoint_inputs(t_rand(), in, sizeof(in));
	t_end();
}

static void mem_and_bits(void)
{
	char h[64], n[8];

	t_begin("memmem, strverscmp, ffs/ffsl/ffsll vs glibc (random)");
	for (int i = 0; i < 20000; i++) {
		size_t hl = t_rand() % 40, nl = t_rand() % 5;

		for (size_t k = 0; k < hl; k++)
			h[k] = (char)('a' + t_rand() % 3);
		for (size_t k = 0; k < nl; k++)
			n[k] = (char)('a' + t_rand() % 3);
		char *he = memmem(h, hl, n, nl), *ne = nl_memmem(h, hl, n, nl);

		t_check(he == ne, "memmem", he ? "found" : "NULL", ne == he ? "same" : "different");
	}
	for (int i = 0; i < 40000; i++) {
		static const char alpha[] = "0019a.";
		char a[12], b[12];
		size_t la = t_rand() % 8, lb = t_rand() % 8;

		for (size_t k = 0; k < la; k++)
			a[k] = alpha[t_rand() % 6];
		a[la] = 0;
		memcpy(b, a, la + 1);
		if (t_rand() % 2) {
			for (size_t k = 0; k < lb; k++)
				b[k] = alpha[t_rand() % 6];
			b[lb] = 0;
		} else if (la) {
			b[t_rand() % la] = alpha[t_rand() % 6];
		}
		int hr = strverscmp(a, b), nr = nl_strverscmp(a, b);
		char what[40];

		snprintf(what, sizeof(what), "strverscmp(\"%s\", \"%s\")", a, b);
		t_check((hr > 0) == (nr > 0) && (hr < 0) == (nr < 0), what,
			hr < 0 ? "<0"
			: hr   ? ">0"
			       : "0",
			nr < 0 ? "<0"
			: nr   ? ">0"
			       : "0");
	}
	for (int i = 0; i < 2000; i++) {
		long long v = (long long)(t_rand() << (t_rand() % 64));

		if (i < 3)
			v = i == 0 ? 0 : i == 1 ? LLONG_MIN : -1;
		t_check(ffs((int)v) == nl_ffs((int)v) && ffsl((long)v) == nl_ffsl((long)v) &&
				ffsll(v) == nl_ffsll(v),
			"ffs", "glibc", "other");
	}
	t_end();
}

static void random_contract(void)
{
	long first[100], again[100];
	char st1[8], st2[32], small[7];
	char *prev;
	int in_range = 1, differ = 0;

	t_begin("random: srandom repeats, values in 0..2^31-1, initstate/"
		"setstate switch buffers, initstate with < 8 bytes: EINVAL");
	nl_srandom(42);
	for (int i = 0; i < 100; i++)
		first[i] = nl_random();
	nl_srandom(42);
	for (int i = 0; i < 100; i++) {
		again[i] = nl_random();
		in_range &= again[i] >= 0 && again[i] <= 0x7fffffff;
		differ += i && again[i] != again[i - 1];
	}
	t_check(!memcmp(first, again, sizeof(first)), "srandom(42) twice", "same", "different");
	t_check(in_range && differ > 90, "range", "0..2^31-1, varied", "no");
	prev = nl_initstate(42, st1 + 0, sizeof(st1));
	t_check(prev != NULL, "initstate", "old state", "NULL");
	t_check(nl_random() == first[0], "initstate(42)", "as srandom(42)", "other");
	nl_initstate(7, st2 + 1, 9); /* unaligned */
	long s7 = nl_random();
	nl_setstate(st1);
	t_check(nl_random() == first[1], "setstate back", "continues", "no");
	nl_setstate(st2 + 1);
	nl_srandom(7);
	t_check(nl_random() == s7, "srandom on an unaligned buffer", "same", "other");
	nl_errno = 0;
	t_check(!nl_initstate(1, small, sizeof(small)) && nl_errno == EINVAL, "initstate(7 bytes)",
		"NULL EINVAL", "other");
	nl_setstate(prev);
	t_end();
}

void test_parse(void)
{
	strtod_edges();
	strtod_random();
	mem_and_bits();
	random_contract();
}
