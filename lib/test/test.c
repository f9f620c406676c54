/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Running the in-image tests: one walk over the sorted .km_tests table,
 * TAP version 13 on the console, in a late-class init so that every other
 * library is up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <km/init.h>
#include <km/param.h>
#include <km/test.h>

extern const struct km_test __km_tests_start[], __km_tests_end[];

static unsigned int current_failures;
static unsigned int failed_tests;
static const char *filter = "";
KM_PARAM(test, filter, string, filter, "run only tests whose suite.name starts with this");

unsigned int km_test_failures(void)
{
	return current_failures;
}

void km_test_fail(const char *file, int line, const char *expr, const char *detail)
{
	current_failures++;
	printf("# %s:%d: expected %s: %s\n", file, line, expr, detail);
}

void km_test_fail_int(const char *file, int line, const char *expr, const char *op, long long a,
		      long long b)
{
	current_failures++;
	printf("# %s:%d: expected %s: %lld %s %lld is false\n", file, line, expr, a, op, b);
}

void km_test_fail_uint(const char *file, int line, const char *expr, const char *op,
		       unsigned long long a, unsigned long long b)
{
	current_failures++;
	printf("# %s:%d: expected %s: %llu (%#llx) %s %llu (%#llx) is false\n", file, line, expr, a,
	       a, op, b, b);
}

void km_test_fail_str(const char *file, int line, const char *expr, const char *a, const char *b)
{
	current_failures++;
	printf("# %s:%d: expected %s: \"%s\" vs \"%s\"\n", file, line, expr, a ? a : "(null)",
	       b ? b : "(null)");
}

static int selected(const struct km_test *t)
{
	size_t n = strlen(t->suite), f = strlen(filter);

	if (f <= n)
		return !strncmp(t->suite, filter, f);
	return !strncmp(t->suite, filter, n) && filter[n] == '.' &&
	       !strncmp(t->name, filter + n + 1, f - n - 1);
}

#if !CONFIG_LIBTEST_EXIT
/* main returned 0 but a test failed: the image must still fail. */
static void report_at_exit(void)
{
	if (failed_tests)
		_Exit(1);
}
#endif

static int km_test_run_all(void)
{
	unsigned int count = 0, n = 0;

	for (const struct km_test *t = __km_tests_start; t < __km_tests_end; t++)
		count += selected(t);
	printf("TAP version 13\n1..%u\n", count);
	for (const struct km_test *t = __km_tests_start; t < __km_tests_end; t++) {
		if (!selected(t))
			continue;
		current_failures = 0;
		t->fn();
		n++;
		if (current_failures)
			failed_tests++;
		printf("%sok %u - %s.%s\n", current_failures ? "not " : "", n, t->suite, t->name);
	}
	printf("# %u tests, %u passed, %u failed\n", n, n - failed_tests, failed_tests);
#if CONFIG_LIBTEST_EXIT
	exit(failed_tests ? 1 : 0);
#else
	atexit(report_at_exit);
	return 0;
#endif
}
KM_INIT_LATE(km_test_run_all, 9);
