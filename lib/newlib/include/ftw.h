/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ftw.h - file tree walks for newlib, which has none (lib/newlib/ftw.c):
 * Linux's (glibc's and musl's) values.
 *
 * nftw(path, fn, fd_limit, flags) calls fn(path, stat, type, ftw) for
 * @path and every entry below it, a directory before its entries
 * (after them with FTW_DEPTH), and stops at the first non-zero return of
 * @fn, which nftw returns; 0 when the walk is complete; -1 with errno when
 * @path cannot be walked (ENOENT, ENOTDIR, ENAMETOOLONG, ...). FTW_PHYS:
 * links are not followed (FTW_SL); without it a dangling link is
 * FTW_SLN. FTW_MOUNT: stays on @path's file system. FTW_CHDIR is accepted
 * and ignored, as musl does. @fd_limit: unused (at most one directory
 * per level is open). ftw is nftw with FTW_PHYS, as musl's.
 */
#ifndef KM_NEWLIB_FTW_H
#define KM_NEWLIB_FTW_H

#include <sys/stat.h>

#define FTW_F	0 /* a file */
#define FTW_D	1 /* a directory, before its entries */
#define FTW_DNR 2 /* a directory that cannot be read */
#define FTW_NS	3 /* stat failed */
#define FTW_SL	4 /* a symbolic link (FTW_PHYS) */
#define FTW_DP	5 /* a directory, after its entries (FTW_DEPTH) */
#define FTW_SLN 6 /* a symbolic link to nothing */

#define FTW_PHYS  1
#define FTW_MOUNT 2
#define FTW_CHDIR 4
#define FTW_DEPTH 8

struct FTW {
	int base;  /* offset of the name in the path */
	int level; /* depth below the starting point */
};

#ifdef __cplusplus
extern "C" {
#endif
int ftw(const char *path, int (*fn)(const char *, const struct stat *, int), int fd_limit);
int nftw(const char *path, int (*fn)(const char *, const struct stat *, int, struct FTW *),
	 int fd_limit, int flags);
#ifdef __cplusplus
}
#endif
#endif
