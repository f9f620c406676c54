/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * strtol family against glibc: value, *endptr and errno for a table of
 * strings in every interesting base.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const inputs[] = {
	"0",
	"1",
	"-1",
	"+1",
	"  42",
	"\t\n\v\f\r 42xyz",
	"- 1",
	"+-1",
	"",
	"   ",
	"abc",
	"0x",
	"0x1f",
	"0X1F",
	"0xg",
	"-0x10",
	"0x",
	"0b101",
	"010",
	"08",
	"09",
	"0",
	"00",
	"-0",
	"z",
	"Z",
	"zz",
	"36",
	"1z",
	"2147483647",
	"2147483648",
	"-2147483648",
	"-2147483649",
	"4294967295",
	"4294967296",
	"9223372036854775807",
	"9223372036854775808",
	"-9223372036854775808",
	"-9223372036854775809",
	"18446744073709551615",
	"18446744073709551616",
	"-18446744073709551615",
	"-18446744073709551616",
	"99999999999999999999999999999",
	"-99999999999999999999999999999",
	"0xffffffffffffffff",
	"0x10000000000000000",
	"0777777777777777777777",
	"01777777777777777777777",
	"02000000000000000000000",
	"1111111111111111111111111111111111111111111111111111111111111111",
	"11111111111111111111111111111111111111111111111111111111111111111",
	"3w5e11264sgsf",
	"3w5e11264sgsg",
	"12 34",
	"7fffffff",
	"+0x",
	"-0x",
	" -0xAbC",
	"1e5",
	"123456789012345678901234567890abc",
};
static const int bases[] = { 0, 2, 8, 10, 16, 36, 3, 35 };

static void one(const char *s, int base)
{
	char *he, *ne, e[160], g[160];
	long long hv, nv;
	unsigned long long hu, nu;
	int herr, nerr;

#define CMP(type, hcall, ncall, fmtc)                                                              \
	do {                                                                                       \
		errno = 0;                                                                         \
		nl_errno = 0;                                                                      \
		hv = (long long)(hcall);                                                           \
		herr = errno;                                                                      \
		nv = (long long)(ncall);                                                           \
		nerr = nl_errno;                                                                   \
		snprintf(e, sizeof(e), #hcall " base %d \"%s\": " fmtc " end+%td errno %d", base,  \
			 s, (type)hv, he - s, herr);                                               \
		snprintf(g, sizeof(g), #hcall " base %d \"%s\": " fmtc " end+%td errno %d", base,  \
			 s, (type)nv, ne - s, nerr);                                               \
		t_check(strcmp(e, g) == 0, "strto*", e, g);                                        \
	} while (0)

	CMP(long, strtol(s, &he, base), nl_strtol(s, &ne, base), "%ld");
	CMP(unsigned long, strtoul(s, &he, base), nl_strtoul(s, &ne, base), "%lu");
	CMP(long long, strtoll(s, &he, base), nl_strtoll(s, &ne, base), "%lld");
	CMP(unsigned long long, strtoull(s, &he, base), nl_strtoull(s, &ne, base), "%llu");
	CMP(intmax_t, strtoimax(s, &he, base), nl_strtoimax(s, &ne, base), "%jd");
	CMP(uintmax_t, strtoumax(s, &he, base), nl_strtoumax(s, &ne, base), "%ju");
	(void)hu;
	(void)nu;
}

void test_strtol(void)
{
	char e[32], g[32];

	t_begin("strtol/strtoul/strtoll/strtoull/strto[iu]max: bases, "
		"prefixes, overflow, endptr, spaces, signs");
	for (size_t i = 0; i < N(inputs); i++)
		for (size_t b = 0; b < N(bases); b++)
			one(inputs[i], bases[b]);
	/* NULL endptr must be accepted. */
	t_check(nl_strtol("  -77", NULL, 10) == -77, "NULL endptr", "-77", "?");
	t_end();

	t_begin("strtol with an invalid base: EINVAL, 0");
	nl_errno = 0;
	t_check(nl_strtol("12", NULL, 1) == 0 && nl_errno == EINVAL, "base 1", "0 EINVAL", "other");
	nl_errno = 0;
	t_check(nl_strtoul("12", NULL, 37) == 0 && nl_errno == EINVAL, "base 37", "0 EINVAL",
		"other");
	t_end();

	t_begin("atoi/atol");
	snprintf(e, sizeof(e), "%d %ld", atoi("  -123abc"), atol("9876543210"));
	snprintf(g, sizeof(g), "%d %ld", nl_atoi("  -123abc"), nl_atol("9876543210"));
	t_check(strcmp(e, g) == 0, "atoi", e, g);
	t_end();
}
