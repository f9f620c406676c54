/* SPDX-License-Identifier: BSD-3-Clause */
/* Host test runner: TAP-like output, non-zero exit on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"

#define MAX_REPORTS 15

static int group_no, groups_failed, groups_passed;
static const char *group_desc;
static long checks, failures;
static long total_checks;

void t_begin(const char *desc)
{
	group_desc = desc;
	checks = failures = 0;
}

int t_check(int ok, const char *what, const char *expected, const char *got)
{
	checks++;
	if (ok)
		return 1;
	if (failures++ < MAX_REPORTS)
		printf("#   %s: %s: expected \"%s\" got \"%s\"\n", group_desc, what, expected, got);
	return 0;
}

void t_end(void)
{
	group_no++;
	total_checks += checks;
	if (failures) {
		groups_failed++;
		printf("not ok %d - %s: %ld of %ld checks failed\n", group_no, group_desc, failures,
		       checks);
	} else {
		groups_passed++;
		printf("ok %d - %s (%ld checks)\n", group_no, group_desc, checks);
	}
}

int t_fmt_cmp(const char *fmt, const char *host, int hret, const char *nl, int nret)
{
	char what[128], e[64], g[64];

	if (hret == nret && strcmp(host, nl) == 0)
		return t_check(1, fmt, host, nl);
	snprintf(what, sizeof(what), "format \"%s\"", fmt);
	if (hret != nret && strcmp(host, nl) == 0) {
		snprintf(e, sizeof(e), "return %d", hret);
		snprintf(g, sizeof(g), "return %d", nret);
		return t_check(0, what, e, g);
	}
	return t_check(0, what, host, nl);
}

int t_fmt(const char *fmt, ...)
{
	static char host[16384], nl[16384];
	va_list ap, aq;
	int hret, nret;

	va_start(ap, fmt);
	va_copy(aq, ap);
	hret = vsnprintf(host, sizeof(host), fmt, ap);
	nret = nl_vsnprintf(nl, sizeof(nl), fmt, aq);
	va_end(aq);
	va_end(ap);
	return t_fmt_cmp(fmt, host, hret, nl, nret);
}

uint64_t t_rand(void)
{
	static uint64_t seed = 0x6b756d696b69ULL;
	uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* strdup needs an allocator: lend it glibc's. */
void *nl_malloc(size_t n)
{
	return malloc(n);
}

int main(void)
{
	test_format();
	test_float();
	test_strtol();
	test_string();
	test_misc();
	test_printf_ext();
	test_parse();
	test_scanf();
	printf("1..%d\n", group_no);
	printf("# %ld checks in %d groups: %d passed, %d failed\n", total_checks, group_no,
	       groups_passed, groups_failed);
	return groups_failed ? 1 : 0;
}
