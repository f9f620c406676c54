/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * time.h - newlib's, plus timegm (BSD, glibc, musl), which it lacks
 * (lib/newlib/posix_misc.c): @tm read as UTC, normalised in place;
 * -1 with EOVERFLOW when out of range.
 */
#include_next <time.h>

#ifndef KM_NEWLIB_TIME_H
#define KM_NEWLIB_TIME_H
#if __BSD_VISIBLE || __GNU_VISIBLE
#ifdef __cplusplus
extern "C" {
#endif
time_t timegm(struct tm *tm);
#ifdef __cplusplus
}
#endif
#endif
#endif
