/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * stdio.h - newlib's, plus getline and getdelim (POSIX 2008), which newlib
 * defines only as __getline and __getdelim (lib/newlib/posix_proc.c). Both
 * return the bytes read, the delimiter included, or -1 at the end of the
 * file or with errno (EINVAL: a NULL argument; ENOMEM).
 */
#include_next <stdio.h>

#ifndef KM_NEWLIB_STDIO_H
#define KM_NEWLIB_STDIO_H
#if __POSIX_VISIBLE >= 200809
#ifdef __cplusplus
extern "C" {
#endif
ssize_t getdelim(char **__restrict line, size_t *__restrict size, int delim, FILE *__restrict f);
ssize_t getline(char **__restrict line, size_t *__restrict size, FILE *__restrict f);
#ifdef __cplusplus
}
#endif
#endif
#endif
