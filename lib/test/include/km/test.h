/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/test.h - in-image unit tests (consumer API of lib/test).
 *
 *   KM_TEST(alloc, calloc_zeroes)
 *   {
 *           char *p = calloc(16, 1);
 *           KM_EXPECT_NOT_NULL(p);
 *           KM_EXPECT_EQ(p[15], 0);
 *           free(p);
 *   }
 *
 * Contract:
 * - KM_TEST(suite, name) defines and registers a test; tests are linked
 *   into a table sorted by suite and name and run in that order, after the
 *   last init class (so every library is up) and before main, when
 *   CONFIG_LIBTEST is enabled.
 * - Output is TAP version 13 on the console: "1..N", then "ok K - suite.name"
 *   or "not ok K - suite.name", with "# " diagnostic lines for every failed
 *   expectation showing the expression, file:line and both values.
 * - A failed KM_EXPECT_* marks the test failed and continues; KM_ASSERT_*
 *   variants also return from the test function.
 * - With CONFIG_LIBTEST_EXIT (the default) the image exits after the tests:
 *   status 0 when all passed, 1 otherwise; without it, main runs next and
 *   a failure makes the image exit 1 after main returns 0.
 * - The boot parameter test.filter=<prefix> runs only tests whose
 *   "suite.name" starts with the prefix.
 *
 * Non-goals: fixtures, death tests, timing; host unit tests live in each
 * library's tests/host/ folder instead.
 */
#ifndef KM_TEST_H
#define KM_TEST_H

#include <stdint.h>
#include <km/essentials.h>

struct km_test {
	const char *suite;
	const char *name;
	void (*fn)(void);
};

#define KM_TEST(suite, tname)                                                                      \
	static void km_test_##suite##_##tname(void);                                               \
	static const struct km_test __km_test_##suite##_##tname __km_used __km_aligned(            \
		__alignof__(struct km_test))                                                       \
		__km_section(".km_tests." #suite "." #tname) = { #suite, #tname,                   \
								 km_test_##suite##_##tname };      \
	static void km_test_##suite##_##tname(void)

/* Records a failed expectation; used by the macros below. */
void km_test_fail(const char *file, int line, const char *expr, const char *detail);
void km_test_fail_int(const char *file, int line, const char *expr, const char *op, long long a,
		      long long b);
void km_test_fail_uint(const char *file, int line, const char *expr, const char *op,
		       unsigned long long a, unsigned long long b);
void km_test_fail_str(const char *file, int line, const char *expr, const char *a, const char *b);
/* Number of failed expectations in the running test. */
unsigned int km_test_failures(void);

#define KM__EXPECT_OP(a, op, b, ret)                                                               \
	do {                                                                                       \
		__typeof__(a) km__a = (a);                                                         \
		__typeof__(b) km__b = (b);                                                         \
		if (!(km__a op km__b)) {                                                           \
			if ((__typeof__(a))-1 < (__typeof__(a))1)                                  \
				km_test_fail_int(__FILE__, __LINE__, #a " " #op " " #b, #op,       \
						 (long long)km__a, (long long)km__b);              \
			else                                                                       \
				km_test_fail_uint(__FILE__, __LINE__, #a " " #op " " #b, #op,      \
						  (unsigned long long)km__a,                       \
						  (unsigned long long)km__b);                      \
			ret;                                                                       \
		}                                                                                  \
	} while (0)

#define KM_EXPECT_EQ(a, b) KM__EXPECT_OP(a, ==, b, (void)0)
#define KM_EXPECT_NE(a, b) KM__EXPECT_OP(a, !=, b, (void)0)
#define KM_EXPECT_LT(a, b) KM__EXPECT_OP(a, <, b, (void)0)
#define KM_EXPECT_LE(a, b) KM__EXPECT_OP(a, <=, b, (void)0)
#define KM_EXPECT_GT(a, b) KM__EXPECT_OP(a, >, b, (void)0)
#define KM_EXPECT_GE(a, b) KM__EXPECT_OP(a, >=, b, (void)0)
#define KM_ASSERT_EQ(a, b) KM__EXPECT_OP(a, ==, b, return )
#define KM_ASSERT_NE(a, b) KM__EXPECT_OP(a, !=, b, return )

#define KM_EXPECT_TRUE(c)                                                                          \
	do {                                                                                       \
		if (!(c))                                                                          \
			km_test_fail(__FILE__, __LINE__, #c, "is false");                          \
	} while (0)
#define KM_EXPECT_FALSE(c)                                                                         \
	do {                                                                                       \
		if (c)                                                                             \
			km_test_fail(__FILE__, __LINE__, #c, "is true");                           \
	} while (0)
#define KM_ASSERT_TRUE(c)                                                                          \
	do {                                                                                       \
		if (!(c)) {                                                                        \
			km_test_fail(__FILE__, __LINE__, #c, "is false");                          \
			return;                                                                    \
		}                                                                                  \
	} while (0)
#define KM_EXPECT_NULL(p)     KM_EXPECT_EQ((uintptr_t)(p), (uintptr_t)0)
#define KM_EXPECT_NOT_NULL(p) KM_EXPECT_NE((uintptr_t)(p), (uintptr_t)0)
#define KM_ASSERT_NOT_NULL(p) KM_ASSERT_NE((uintptr_t)(p), (uintptr_t)0)
#define KM_EXPECT_STREQ(a, b)                                                                      \
	do {                                                                                       \
		const char *km__sa = (a), *km__sb = (b);                                           \
		if (!km__sa || !km__sb || strcmp(km__sa, km__sb))                                  \
			km_test_fail_str(__FILE__, __LINE__, #a " == " #b, km__sa, km__sb);        \
	} while (0)

#endif /* KM_TEST_H */
