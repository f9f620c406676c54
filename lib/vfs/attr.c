/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Metadata calls: the stat family and statx, utimensat, chmod, chown,
 * access, truncate, statfs (umask is lib/posix-process's). Everything runs as root: mode bits are
 * stored and reported, and only a read-only mount refuses (-EROFS).
 */
#include <errno.h>
#include <string.h>
#include <km/posix_process.h>
#include <km/syscall.h>
#include "vfs_impl.h"

int vfs_getattr(struct km_vnode *vn, struct km_vattr *va)
{
	memset(va, 0, sizeof(*va));
	return vn->ops->getattr ? vn->ops->getattr(vn, va) : -EIO;
}

int vfs_writable(const struct km_vnode *vn)
{
	return vn->mount->flags & KM_MNT_RDONLY ? -EROFS : 0;
}

int vfs_setattr(struct km_vnode *vn, const struct km_vattr *va, unsigned int mask)
{
	int err = vfs_writable(vn);

	if (err)
		return err;
	return vn->ops->setattr ? vn->ops->setattr(vn, va, mask) : -EROFS;
}

void vfs_vattr_to_stat(const struct km_vnode *vn, const struct km_vattr *va, struct km_stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = vn->mount->dev;
	st->st_ino = va->ino ? va->ino : vn->ino;
	st->st_nlink = va->nlink;
	st->st_mode = (va->mode & ~KM_S_IFMT) | vn->type;
	st->st_uid = va->uid;
	st->st_gid = va->gid;
	st->st_rdev = va->rdev;
	st->st_size = (int64_t)va->size;
	st->st_blksize = 4096;
	st->st_blocks = (int64_t)va->blocks;
	st->st_atime_ = (uint64_t)va->atime.sec;
	st->st_atime_nsec = va->atime.nsec;
	st->st_mtime_ = (uint64_t)va->mtime.sec;
	st->st_mtime_nsec = va->mtime.nsec;
	st->st_ctime_ = (uint64_t)va->ctime.sec;
	st->st_ctime_nsec = va->ctime.nsec;
}

/* The vnode @dirfd/@path names; "" with AT_EMPTY_PATH names @dirfd. */
static int at_vnode(long dirfd, const char *path, long flags, struct km_vnode **out)
{
	unsigned int wf = (flags & LX_AT_SYMLINK_NOFOLLOW ? VFS_NOFOLLOW : 0) |
			  (flags & LX_AT_EMPTY_PATH ? VFS_EMPTY : 0);

	return vfs_lookup((int)dirfd, path, wf, out);
}

static long stat_at(long dirfd, const char *path, struct km_stat *st, long flags)
{
	struct km_vnode *vn;
	struct km_vattr va;
	long err;

	if (flags & ~(long)(LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH | LX_AT_NO_AUTOMOUNT))
		return -EINVAL;
	if (!path || !st)
		return -EFAULT;
	if (!*path && (flags & LX_AT_EMPTY_PATH) && dirfd != LX_AT_FDCWD)
		return km_syscall2(KM_SYS_fstat, dirfd, st); /* any kind of file */
	err = at_vnode(dirfd, path, flags, &vn);
	if (err)
		return err;
	err = vfs_getattr(vn, &va);
	if (!err)
		vfs_vattr_to_stat(vn, &va, st);
	km_vnode_put(vn);
	return err;
}

KM_SYSCALL_DEFINE(stat, 2)
{
	return stat_at(LX_AT_FDCWD, (const char *)a1, (struct km_stat *)a2, 0);
}

KM_SYSCALL_DEFINE(lstat, 2)
{
	return stat_at(LX_AT_FDCWD, (const char *)a1, (struct km_stat *)a2, LX_AT_SYMLINK_NOFOLLOW);
}

KM_SYSCALL_DEFINE(newfstatat, 4)
{
	return stat_at(a1, (const char *)a2, (struct km_stat *)a3, a4);
}

struct linux_statx_ts {
	int64_t sec;
	uint32_t nsec;
	int32_t pad;
};

struct linux_statx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, pad1;
	uint64_t ino, size, blocks, attributes_mask;
	struct linux_statx_ts atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t mnt_id;
	uint64_t spare[13];
};

#define STATX_BASIC_STATS_ 0x7ffU
#define STATX_RESERVED_	   0x80000000U

/* Linux's dev_t: major bits 8..19 and 32..63, minor 0..7 and 20..31. */
static uint32_t dev_major(uint64_t d)
{
	return (uint32_t)(((d >> 32) & 0xfffff000) | ((d >> 8) & 0xfff));
}

static uint32_t dev_minor(uint64_t d)
{
	return (uint32_t)(((d >> 12) & 0xffffff00) | (d & 0xff));
}

KM_SYSCALL_DEFINE(statx, 5)
{
	struct linux_statx *sx = (struct linux_statx *)a5;
	struct km_stat st;
	long err;

	if ((a3 & ~(long)(LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH | LX_AT_NO_AUTOMOUNT |
			  LX_AT_STATX_SYNC_TYPE)) ||
	    (a3 & LX_AT_STATX_SYNC_TYPE) == LX_AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if ((unsigned int)a4 & STATX_RESERVED_)
		return -EINVAL;
	if (!sx)
		return -EFAULT;
	err = stat_at(a1, (const char *)a2, &st, a3 & ~(long)LX_AT_STATX_SYNC_TYPE);
	if (err)
		return err;
	memset(sx, 0, sizeof(*sx));
	sx->mask = STATX_BASIC_STATS_;
	sx->blksize = (uint32_t)st.st_blksize;
	sx->nlink = (uint32_t)st.st_nlink;
	sx->uid = st.st_uid;
	sx->gid = st.st_gid;
	sx->mode = (uint16_t)st.st_mode;
	sx->ino = st.st_ino;
	sx->size = (uint64_t)st.st_size;
	sx->blocks = (uint64_t)st.st_blocks;
	sx->atime = (struct linux_statx_ts){ (int64_t)st.st_atime_, (uint32_t)st.st_atime_nsec, 0 };
	sx->mtime = (struct linux_statx_ts){ (int64_t)st.st_mtime_, (uint32_t)st.st_mtime_nsec, 0 };
	sx->ctime = (struct linux_statx_ts){ (int64_t)st.st_ctime_, (uint32_t)st.st_ctime_nsec, 0 };
	sx->rdev_major = dev_major(st.st_rdev);
	sx->rdev_minor = dev_minor(st.st_rdev);
	sx->dev_major = dev_major(st.st_dev);
	sx->dev_minor = dev_minor(st.st_dev);
	return 0;
}

/* A vnode from (dirfd, path, flags) or, with @path NULL, @dirfd's own
 * (utimensat's futimens form). */
static int fd_or_path(long dirfd, const char *path, long flags, struct km_vnode **out)
{
	if (!path)
		return dirfd == LX_AT_FDCWD ? -EFAULT : vfs_fd_vnode((int)dirfd, out, -EINVAL);
	return at_vnode(dirfd, path, flags, out);
}

#define UTIME_NOW_  ((1L << 30) - 1)
#define UTIME_OMIT_ ((1L << 30) - 2)

KM_SYSCALL_DEFINE(utimensat, 4)
{
	const long *ts = (const long *)a3; /* struct timespec[2]: atime, mtime */
	struct km_vfs_time now = km_vfs_now();
	struct km_vattr va = { .atime = now, .mtime = now };
	unsigned int mask = KM_VATTR_ATIME | KM_VATTR_MTIME;
	struct km_vnode *vn;
	long err;

	if (a4 & ~(long)(LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH))
		return -EINVAL;
	if (ts) {
		for (int i = 0; i < 2; i++) {
			struct km_vfs_time *t = i ? &va.mtime : &va.atime;
			long ns = ts[2 * i + 1];

			if (ns == UTIME_OMIT_) {
				mask &= ~(unsigned int)(i ? KM_VATTR_MTIME : KM_VATTR_ATIME);
			} else if (ns != UTIME_NOW_) {
				if (ns < 0 || ns > 999999999)
					return -EINVAL;
				*t = (struct km_vfs_time){ ts[2 * i], (uint32_t)ns };
			}
		}
	}
	err = fd_or_path(a1, (const char *)a2, a4, &vn);
	if (err)
		return err;
	err = mask ? vfs_setattr(vn, &va, mask) : 0;
	km_vnode_put(vn);
	return err;
}

static long chmod_vn(struct km_vnode *vn, long mode)
{
	struct km_vattr va = { .mode = (uint32_t)mode & 07777 };
	long err = vfs_setattr(vn, &va, KM_VATTR_MODE);

	km_vnode_put(vn);
	return err;
}

static long chmod_at(long dirfd, const char *path, long mode, long flags)
{
	struct km_vnode *vn;
	long err;

	if (flags & ~(long)(LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH))
		return -EINVAL;
	err = at_vnode(dirfd, path, flags, &vn);
	if (err)
		return err;
	if (vn->type == KM_S_IFLNK) {
		km_vnode_put(vn);
		return -EOPNOTSUPP; /* as Linux: symlinks have no mode of their own */
	}
	return chmod_vn(vn, mode);
}

KM_SYSCALL_DEFINE(chmod, 2)
{
	return chmod_at(LX_AT_FDCWD, (const char *)a1, a2, 0);
}

KM_SYSCALL_DEFINE(fchmodat, 3)
{
	return chmod_at(a1, (const char *)a2, a3, 0);
}

/* Other kinds (pipes, the console) have no stored mode: accepted, as
 * Linux accepts it on its pipe file system. */
KM_SYSCALL_DEFINE(fchmod, 2)
{
	struct km_vnode *vn;
	long err = vfs_fd_vnode((int)a1, &vn, 1);

	if (err)
		return err == 1 ? 0 : err;
	return chmod_vn(vn, a2);
}

static long chown_vn(struct km_vnode *vn, long uid, long gid)
{
	struct km_vattr va = { .uid = (uint32_t)uid, .gid = (uint32_t)gid };
	unsigned int mask = ((uint32_t)uid != (uint32_t)-1 ? KM_VATTR_UID : 0) |
			    ((uint32_t)gid != (uint32_t)-1 ? KM_VATTR_GID : 0);
	long err = mask ? vfs_setattr(vn, &va, mask) : 0;

	km_vnode_put(vn);
	return err;
}

static long chown_at(long dirfd, const char *path, long uid, long gid, long flags)
{
	struct km_vnode *vn;
	long err;

	if (flags & ~(long)(LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH))
		return -EINVAL;
	err = at_vnode(dirfd, path, flags, &vn);
	return err ? err : chown_vn(vn, uid, gid);
}

KM_SYSCALL_DEFINE(chown, 3)
{
	return chown_at(LX_AT_FDCWD, (const char *)a1, a2, a3, 0);
}

KM_SYSCALL_DEFINE(lchown, 3)
{
	return chown_at(LX_AT_FDCWD, (const char *)a1, a2, a3, LX_AT_SYMLINK_NOFOLLOW);
}

KM_SYSCALL_DEFINE(fchownat, 5)
{
	return chown_at(a1, (const char *)a2, a3, a4, a5);
}

KM_SYSCALL_DEFINE(fchown, 3)
{
	struct km_vnode *vn;
	long err = vfs_fd_vnode((int)a1, &vn, 1);

	if (err)
		return err == 1 ? 0 : err;
	return chown_vn(vn, a2, a3);
}

#define R_OK_ 4
#define W_OK_ 2
#define X_OK_ 1

static long access_at(long dirfd, const char *path, long mode, long flags)
{
	struct km_vnode *vn;
	struct km_vattr va;
	long err;

	if (mode & ~(long)(R_OK_ | W_OK_ | X_OK_))
		return -EINVAL;
	if (flags & ~(long)(LX_AT_EACCESS | LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH))
		return -EINVAL;
	err = at_vnode(dirfd, path, flags, &vn);
	if (err)
		return err;
	err = vfs_getattr(vn, &va);
	/* Root: reading and writing always; executing needs an x bit
	 * (directories: always); writing needs a writable mount. */
	if (!err && (mode & W_OK_) && vn->type != KM_S_IFCHR && vn->type != KM_S_IFIFO)
		err = vfs_writable(vn);
	if (!err && (mode & X_OK_) && vn->type != KM_S_IFDIR && !(va.mode & 0111))
		err = -EACCES;
	km_vnode_put(vn);
	return err;
}

KM_SYSCALL_DEFINE(access, 2)
{
	return access_at(LX_AT_FDCWD, (const char *)a1, a2, 0);
}

KM_SYSCALL_DEFINE(faccessat, 3)
{
	return access_at(a1, (const char *)a2, a3, 0);
}

KM_SYSCALL_DEFINE(faccessat2, 4)
{
	return access_at(a1, (const char *)a2, a3, a4);
}

static long truncate_vn(struct km_vnode *vn, long len)
{
	struct km_vattr va = { .size = (uint64_t)len };
	long err;

	if (vn->type == KM_S_IFDIR)
		err = -EISDIR;
	else if (vn->type != KM_S_IFREG)
		err = -EINVAL;
	else
		err = vfs_setattr(vn, &va, KM_VATTR_SIZE);
	km_vnode_put(vn);
	return err;
}

KM_SYSCALL_DEFINE(truncate, 2)
{
	struct km_vnode *vn;
	long err;

	if (a2 < 0)
		return -EINVAL;
	err = vfs_lookup(LX_AT_FDCWD, (const char *)a1, 0, &vn);
	return err ? err : truncate_vn(vn, a2);
}

/* struct statfs of Linux x86_64 (120 bytes). */
struct linux_statfs {
	long f_type, f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	long f_namelen, f_frsize, f_flags, f_spare[4];
};

#define ST_RDONLY_ 1
#define ST_VALID_  0x20

static long statfs_vn(struct km_vnode *vn, struct linux_statfs *out)
{
	struct km_mount *mp = vn->mount;
	struct km_statfs_info si = { 0 };
	long err = mp->ops->statfs ? mp->ops->statfs(mp, &si) : 0;

	km_vnode_put(vn);
	if (err)
		return err;
	memset(out, 0, sizeof(*out));
	out->f_type = (long)si.magic;
	out->f_bsize = si.bsize ? (long)si.bsize : 4096;
	out->f_frsize = out->f_bsize;
	out->f_blocks = si.blocks;
	out->f_bfree = si.bfree;
	out->f_bavail = si.bavail;
	out->f_files = si.files;
	out->f_ffree = si.ffree;
	out->f_fsid[0] = (int)mp->dev;
	out->f_namelen = si.namelen ? (long)si.namelen : KM_VFS_NAME_MAX;
	out->f_flags = ST_VALID_ | (mp->flags & KM_MNT_RDONLY ? ST_RDONLY_ : 0);
	return 0;
}

KM_SYSCALL_DEFINE(statfs, 2)
{
	struct km_vnode *vn;
	long err;

	if (!a2)
		return -EFAULT;
	err = vfs_lookup(LX_AT_FDCWD, (const char *)a1, 0, &vn);
	return err ? err : statfs_vn(vn, (struct linux_statfs *)a2);
}

KM_SYSCALL_DEFINE(fstatfs, 2)
{
	struct km_vnode *vn;
	long err;

	if (!a2)
		return -EFAULT;
	err = vfs_fd_vnode((int)a1, &vn, -ENOSYS);
	if (err == -ENOSYS) { /* pipes and the console: Linux's pipefs answer */
		memset((void *)a2, 0, sizeof(struct linux_statfs));
		((struct linux_statfs *)a2)->f_type = 0x50495045; /* PIPEFS_MAGIC */
		((struct linux_statfs *)a2)->f_bsize = 4096;
		((struct linux_statfs *)a2)->f_namelen = KM_VFS_NAME_MAX;
		((struct linux_statfs *)a2)->f_flags = ST_VALID_;
		return 0;
	}
	return err ? err : statfs_vn(vn, (struct linux_statfs *)a2);
}
