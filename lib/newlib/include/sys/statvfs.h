/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/statvfs.h - statvfs(3)/fstatvfs(3) for newlib, which has neither:
 * struct statvfs in the Linux x86_64 (glibc and musl) layout, filled from
 * statfs(2) (lib/newlib/posix_fs.c). Both return 0, or -1 with statfs's
 * errno (ENOENT, ENOTDIR, EBADF, ...).
 */
#ifndef KM_NEWLIB_SYS_STATVFS_H
#define KM_NEWLIB_SYS_STATVFS_H

#include <sys/types.h>

struct statvfs {
	unsigned long f_bsize;	/* preferred I/O size, bytes */
	unsigned long f_frsize; /* the unit of f_blocks, bytes */
	fsblkcnt_t f_blocks, f_bfree, f_bavail;
	unsigned long f_files, f_ffree, f_favail; /* Linux's width: newlib's fsfilcnt_t is 32-bit */
	unsigned long f_fsid;
	unsigned long f_flag; /* ST_* */
	unsigned long f_namemax;
	int __f_spare[6];
};

#define ST_RDONLY      1
#define ST_NOSUID      2
#define ST_NODEV       4
#define ST_NOEXEC      8
#define ST_SYNCHRONOUS 16
#define ST_MANDLOCK    64
#define ST_NOATIME     1024
#define ST_NODIRATIME  2048
#define ST_RELATIME    4096

#ifdef __cplusplus
extern "C" {
#endif
int statvfs(const char *__restrict path, struct statvfs *__restrict buf);
int fstatvfs(int fd, struct statvfs *buf);
#ifdef __cplusplus
}
#endif
#endif
