/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * strings.h - case-insensitive comparison (POSIX), "C" locale only.
 */
#ifndef _STRINGS_H
#define _STRINGS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
/* 1 + the index of the lowest set bit of the value; 0 for 0. */
int ffs(int i);
int ffsl(long i);
int ffsll(long long i);

#ifdef __cplusplus
}
#endif

#endif /* _STRINGS_H */
