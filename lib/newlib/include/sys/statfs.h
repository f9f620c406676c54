/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/statfs.h (and sys/vfs.h) - statfs(2)/fstatfs(2) for newlib, which has
 * neither: struct statfs in the Linux x86_64 layout (120 bytes), filled by
 * lib/vfs. Both return 0, or -1 with errno (ENOENT, ENOTDIR, EBADF,
 * EFAULT, ... as Linux).
 */
#ifndef KM_NEWLIB_SYS_STATFS_H
#define KM_NEWLIB_SYS_STATFS_H

typedef struct {
	int __val[2];
} fsid_t;

struct statfs {
	long f_type;
	long f_bsize;
	unsigned long f_blocks, f_bfree, f_bavail; /* in f_bsize units */
	unsigned long f_files, f_ffree;
	fsid_t f_fsid;
	long f_namelen;
	long f_frsize;
	long f_flags;
	long f_spare[4];
};

#ifdef __cplusplus
extern "C" {
#endif
int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);
#ifdef __cplusplus
}
#endif
#endif
