/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/stat.h - newlib's, plus utimensat's and futimens's special
 * nanosecond values, which newlib defines for Cygwin only: Linux's, so
 * lib/newlib/posix_fs.c passes a struct timespec pair on unchanged; and
 * lchmod (BSD, musl): the mode of a link itself, which Linux refuses
 * (-1/EOPNOTSUPP for a link; a file's as chmod).
 */
#include_next <sys/stat.h>

#ifndef KM_NEWLIB_SYS_STAT_H
#define KM_NEWLIB_SYS_STAT_H
#ifndef UTIME_NOW
#define UTIME_NOW  ((1L << 30) - 1) /* tv_nsec: set this time to now */
#define UTIME_OMIT ((1L << 30) - 2) /* tv_nsec: leave this time unchanged */
#endif
#if __BSD_VISIBLE || __GNU_VISIBLE
int lchmod(const char *path, mode_t mode);
#endif
#endif
