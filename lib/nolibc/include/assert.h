/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * assert.h - C assert(), honouring NDEBUG at each inclusion as C requires
 * (hence no include guard around assert itself).
 *
 * A failed assertion prints
 *   Assertion failed: EXPR (FILE:LINE: FUNC)
 * to the console and calls abort(), which ends the image with KM_EXIT_CRASH.
 * This is the application-facing assert; Kumiki libraries use their own
 * Kconfig-controlled assertions.
 */
#ifndef _ASSERT_H_DECLS
#define _ASSERT_H_DECLS

#ifdef __cplusplus
extern "C" {
#endif

void __km_assert_fail(const char *expr, const char *file, int line, const char *func)
	__attribute__((noreturn, cold));

#ifdef __cplusplus
}
#endif

#if !defined(__cplusplus) && !defined(static_assert)
#define static_assert _Static_assert
#endif

#endif /* _ASSERT_H_DECLS */

#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) ((expr) ? (void)0 : __km_assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif
