/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Headers some C libraries lack (newlib has no <sys/statfs.h>,
 * <sys/mount.h>, <sys/sysmacros.h>): the declarations posixfs needs, with
 * Linux's layouts and values; newlib_compat.c defines the calls (weak, so
 * a newlib that gains them wins). musl has them all: nothing changes.
 */
#ifndef POSIXFS_COMPAT_H
#define POSIXFS_COMPAT_H

#include <sys/uio.h>

#if __has_include(<sys/statfs.h>)
#include <sys/statfs.h>
#else
struct statfs {
	long f_type, f_bsize;
	unsigned long f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	struct {
		int val[2];
	} f_fsid;
	long f_namelen, f_frsize, f_flags, f_spare[4];
};
int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);
#endif
#ifndef ST_RDONLY
#define ST_RDONLY 1
#endif

#if __has_include(<sys/mount.h>)
#include <sys/mount.h>
#else
#define MS_RDONLY 1
#define MS_BIND	  4096
int mount(const char *src, const char *target, const char *type, unsigned long flags,
	  const void *data);
int umount(const char *target);
int umount2(const char *target, int flags);
#endif

#if __has_include(<sys/sysmacros.h>)
#include <sys/sysmacros.h>
#else
#define major(d)                                                                                   \
	((unsigned int)((((unsigned long long)(d) >> 32) & 0xfffff000) |                           \
			(((unsigned long long)(d) >> 8) & 0xfff)))
#define minor(d)                                                                                   \
	((unsigned int)((((unsigned long long)(d) >> 12) & 0xffffff00) |                           \
			((unsigned long long)(d)&0xff)))
#endif

/* lseek's whence: Linux's values, which the call takes as they are. */
#ifndef SEEK_DATA
#define SEEK_DATA 3
#define SEEK_HOLE 4
#endif

#ifdef __NEWLIB__ /* declared by <poll.h> elsewhere */
#include <poll.h>
#include <signal.h>
#include <time.h>
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *ts, const sigset_t *mask);
#endif

#endif
