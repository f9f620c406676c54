/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * limits.h - sizes of the integer types on x86_64 (LP64), plus the POSIX
 * limits Kumiki libraries use.
 *
 * Kept here rather than taken from gcc so that the POSIX part
 * (SSIZE_MAX, PATH_MAX, ...) and the C part come from one place.
 * Non-goals: other data models; runtime-variable limits (sysconf).
 */
#ifndef _LIMITS_H
#define _LIMITS_H

#define CHAR_BIT   8
#define MB_LEN_MAX 4 /* multibyte output (%lc, %ls) is UTF-8 */

#define SCHAR_MIN (-128)
#define SCHAR_MAX 127
#define UCHAR_MAX 255
#ifdef __CHAR_UNSIGNED__
#define CHAR_MIN 0
#define CHAR_MAX UCHAR_MAX
#else
#define CHAR_MIN SCHAR_MIN
#define CHAR_MAX SCHAR_MAX
#endif

#define SHRT_MIN  (-1 - SHRT_MAX)
#define SHRT_MAX  32767
#define USHRT_MAX 65535

#define INT_MIN	 (-1 - INT_MAX)
#define INT_MAX	 2147483647
#define UINT_MAX 4294967295U

#define LONG_MIN  (-1L - LONG_MAX)
#define LONG_MAX  9223372036854775807L
#define ULONG_MAX 18446744073709551615UL

#define LLONG_MIN  (-1LL - LLONG_MAX)
#define LLONG_MAX  9223372036854775807LL
#define ULLONG_MAX 18446744073709551615ULL

/* POSIX */
#define SSIZE_MAX LONG_MAX
#define PATH_MAX  4096
#define NAME_MAX  255
#define PIPE_BUF  4096
#define IOV_MAX	  1024
#define NL_ARGMAX 64 /* highest n in printf's "%n$" */
#define PAGESIZE  4096
#define PAGE_SIZE PAGESIZE

#endif /* _LIMITS_H */
