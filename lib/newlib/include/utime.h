/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * utime.h - newlib's (struct utimbuf only), plus the declaration of
 * utime(), which newlib leaves to a system's own header and Linux C
 * libraries give here (lib/newlib/posix_fs.c). <sys/types.h> first:
 * newlib's struct utimbuf uses time_t without it, so a program including
 * <utime.h> first did not compile.
 */
#include <sys/types.h>
#include_next <utime.h>

#ifndef KM_NEWLIB_UTIME_H
#define KM_NEWLIB_UTIME_H
/*
 * Sets @path's access and modification times to @times' (seconds), or
 * both to now when @times is NULL. Returns 0, or -1 with errno set
 * (ENOENT, EACCES, EPERM, EROFS...).
 */
int utime(const char *path, const struct utimbuf *times);
#endif
