/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * In-image tests of nolibc's conformance additions (issue 7, item 16) on
 * the target itself: freestanding build, the platform's FPU setup, the
 * boot stack. The thorough comparisons with glibc are the host tests.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <km/test.h>

static uint64_t double_bits(double d)
{
	uint64_t b;

	memcpy(&b, &d, sizeof(b));
	return b;
}

KM_TEST(nolibc, printf_positional_and_grouping)
{
	char buf[64];

	KM_EXPECT_EQ(snprintf(buf, sizeof(buf), "%2$s-%1$04d|%1$*3$d|", 7, "x", -4), 12);
	KM_EXPECT_STREQ(buf, "x-0007|7   |");
	/* Not a literal: the compiler would rightly refuse the mix. */
	const char *mixed = "%1$.*2$f %'d";

	KM_EXPECT_EQ(snprintf(buf, sizeof(buf), mixed, 2.5, 3, 1234567), -1);
	KM_EXPECT_EQ(errno, EINVAL);
	snprintf(buf, sizeof(buf), "%'d %'.2f", 1234567, 1234.5);
	KM_EXPECT_STREQ(buf, "1234567 1234.50");
}

KM_TEST(nolibc, printf_wide_utf8)
{
	char buf[32];

	KM_EXPECT_EQ(snprintf(buf, sizeof(buf), "%ls|%lc|%.2ls|", L"h\u00e9\u20ac",
			      (unsigned int)0x1f600, L"\u00e9x"),
		     15);
	KM_EXPECT_STREQ(buf, "h\xc3\xa9\xe2\x82\xac|\xf0\x9f\x98\x80|\xc3\xa9|");
	errno = 0;
	KM_EXPECT_EQ(snprintf(buf, sizeof(buf), "%lc", (unsigned int)0xd800), -1);
	KM_EXPECT_EQ(errno, EILSEQ);
}

KM_TEST(nolibc, strtod_rounds_correctly)
{
	char *end;
	long double ld;
	unsigned char raw[10];

	KM_EXPECT_EQ(double_bits(strtod("0.1", &end)), 0x3fb999999999999aULL);
	KM_EXPECT_EQ(*end, '\0');
	KM_EXPECT_EQ(double_bits(strtod("2.2250738585072011e-308", NULL)), 0x000fffffffffffffULL);
	KM_EXPECT_EQ(double_bits(strtod("  -0x1.8p1z", &end)), 0xc008000000000000ULL);
	KM_EXPECT_EQ(*end, 'z');
	errno = 0;
	KM_EXPECT_EQ(double_bits(strtod("1e400", NULL)), 0x7ff0000000000000ULL);
	KM_EXPECT_EQ(errno, ERANGE);
	float f = strtof("3.4028235e38", NULL);
	uint32_t fb;

	memcpy(&fb, &f, sizeof(fb));
	KM_EXPECT_EQ(fb, 0x7f7fffffu);
	ld = strtold("0.1", NULL);
	memcpy(raw, &ld, sizeof(raw));
	KM_EXPECT_EQ(raw[0], 0xcd); /* 0xcccccccccccccccd * 2^-67 */
	KM_EXPECT_EQ(raw[8], 0xfb);
	KM_EXPECT_EQ(raw[9], 0x3f);
	KM_EXPECT_TRUE(atof("2.5") == 2.5);
}

KM_TEST(nolibc, sscanf_conversions)
{
	int i = 0, n = 0, a = 0, b = 0;
	double d = 0;
	char word[8] = "", set[8] = "";
	unsigned char hh = 0;

	KM_EXPECT_EQ(sscanf(" 42 2.5e1 hello abc 300", "%d %lf %3s%*s %[a-c]%n %hhu", &i, &d, word,
			    set, &n, &hh),
		     5);
	KM_EXPECT_EQ(i, 42);
	KM_EXPECT_TRUE(d == 25.0);
	KM_EXPECT_STREQ(word, "hel");
	KM_EXPECT_STREQ(set, "abc");
	KM_EXPECT_EQ(n, 19);
	KM_EXPECT_EQ(hh, 44);
	KM_EXPECT_EQ(sscanf("1 2", "%2$d %1$d", &a, &b), 2);
	KM_EXPECT_EQ(a, 2);
	KM_EXPECT_EQ(b, 1);
	KM_EXPECT_EQ(sscanf("", "%d", &i), EOF);
	KM_EXPECT_EQ(sscanf("x", "%d", &i), 0);
}

KM_TEST(nolibc, small_functions)
{
	static const char hay[] = "abcabd";
	char state[8];
	long first;

	KM_EXPECT_EQ((uintptr_t)memmem(hay, 6, "abd", 3), (uintptr_t)(hay + 3));
	KM_EXPECT_NULL(memmem(hay, 6, "abe", 3));
	KM_EXPECT_LT(strverscmp("a9", "a10"), 0);
	KM_EXPECT_LT(strverscmp("1.09", "1.1"), 0);
	KM_EXPECT_GT(strverscmp("0", "00"), 0);
	KM_EXPECT_EQ(ffs(0), 0);
	KM_EXPECT_EQ(ffs(0x50), 5);
	KM_EXPECT_EQ(ffsll(1LL << 40), 41);
	srandom(3);
	first = random();
	KM_EXPECT_TRUE(first >= 0 && first <= 0x7fffffff);
	char *old = initstate(3, state, sizeof(state));

	KM_EXPECT_EQ(random(), first);
	setstate(old);
}
