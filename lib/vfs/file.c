/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The fdtab kind for vnodes: positions, O_APPEND, directories' positions
 * for getdents64, record locks (fcntl), and the calls on open files that
 * only a vnode answers (ftruncate, fsync, fdatasync, getdents64).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/lock.h>
#include <km/syscall.h>
#include "vfs_impl.h"

static const struct km_file_ops vfs_file_ops;

struct vfs_file *vfs_file_of(struct km_file *f)
{
	return f && f->ops == &vfs_file_ops ? KM_CONTAINER_OF(f, struct vfs_file, f) : NULL;
}

int vfs_fd_vnode(int fd, struct km_vnode **out, int notvfs)
{
	struct km_file *f = km_fd_get(fd);
	struct vfs_file *vf = vfs_file_of(f);

	if (!f)
		return -EBADF;
	if (vf) {
		km_vnode_ref(vf->vn);
		*out = vf->vn;
	}
	km_file_put(f);
	return vf ? 0 : notvfs;
}

/* Serialises O_APPEND writes: reading the size and writing there is one
 * step for every appender, as Linux promises (two vnodes MAY stand for
 * one file, so the lock is not per vnode). */
static struct km_mutex append_lock = KM_MUTEX_INIT(append_lock);

/* read into @rbuf or (@write) write @wbuf, at @off or at the file's position. */
static long transfer(struct km_file *f, int write, void *rbuf, const void *wbuf, size_t len,
		     int64_t *off)
{
	struct vfs_file *vf = vfs_file_of(f);
	struct km_vnode *vn = vf->vn;
	uint64_t pos = off ? (uint64_t)*off : vf->pos;
	int append = write && (f->flags & LX_O_APPEND) && vn->type == KM_S_IFREG;
	long r;

	if (vf->path_only)
		return -EBADF;
	if (!write && vn->type == KM_S_IFDIR)
		return -EISDIR;
	if (write ? !vn->ops->write : !vn->ops->read)
		return -EINVAL;
	if (append) {
		/* As Linux: O_APPEND wins over pwrite's offset too. */
		struct km_vattr va;

		km_mutex_lock(&append_lock);
		r = vfs_getattr(vn, &va);
		if (r) {
			km_mutex_unlock(&append_lock);
			return r;
		}
		pos = va.size;
	}
	if (write && (pos + len < pos || pos + len > INT64_MAX))
		r = -EINVAL; /* as Linux: the end overflows loff_t */
	else if (write)
		r = vn->ops->write(vn, vf->handle, wbuf, len, pos);
	else
		r = vn->ops->read(vn, vf->handle, rbuf, len, pos);
	if (append)
		km_mutex_unlock(&append_lock);
	if (r > 0 && !off)
		vf->pos = pos + (uint64_t)r;
	return r;
}

static long vfs_read(struct km_file *f, void *buf, size_t len, int64_t *off)
{
	return transfer(f, 0, buf, NULL, len, off);
}

static long vfs_write(struct km_file *f, const void *buf, size_t len, int64_t *off)
{
	return transfer(f, 1, NULL, buf, len, off);
}

#define SEEK_SET_  0
#define SEEK_CUR_  1
#define SEEK_END_  2
#define SEEK_DATA_ 3
#define SEEK_HOLE_ 4

static long vfs_lseek(struct km_file *f, int64_t off, int whence)
{
	struct vfs_file *vf = vfs_file_of(f);
	struct km_vattr va;
	int64_t base;
	int err;

	if (vf->vn->type == KM_S_IFDIR) {
		/* Directory positions are cookies: only absolute ones. */
		if (whence != SEEK_SET_ && !(whence == SEEK_CUR_ && !off))
			return -EINVAL;
		if (whence == SEEK_SET_) {
			if (off < 0)
				return -EINVAL;
			vf->pos = (uint64_t)off;
		}
		return (long)vf->pos;
	}
	switch (whence) {
	case SEEK_SET_:
		base = 0;
		break;
	case SEEK_CUR_:
		base = (int64_t)vf->pos;
		break;
	case SEEK_END_:
	case SEEK_DATA_:
	case SEEK_HOLE_:
		err = vfs_getattr(vf->vn, &va);
		if (err)
			return err;
		if (whence == SEEK_END_) {
			base = (int64_t)va.size;
			break;
		}
		/* Holes read as zeros; every byte counts as data (Linux's
		 * generic answer for file systems without extent maps). */
		if (off < 0 || (uint64_t)off >= va.size)
			return -ENXIO;
		vf->pos = whence == SEEK_DATA_ ? (uint64_t)off : va.size;
		return (long)vf->pos;
	default:
		return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return off > 0 ? -EOVERFLOW : -EINVAL;
	vf->pos = (uint64_t)(base + off);
	return (long)vf->pos;
}

static unsigned int vfs_poll(struct km_file *f, unsigned int events)
{
	struct vfs_file *vf = vfs_file_of(f);
	struct km_vnode *vn = vf->vn;

	if (vn->ops->poll)
		return vn->ops->poll(vn, vf->handle, events);
	return LX_POLLIN | LX_POLLOUT; /* regular files never wait */
}

static long vfs_ioctl(struct km_file *f, unsigned long req, unsigned long arg)
{
	struct vfs_file *vf = vfs_file_of(f);
	struct km_vnode *vn = vf->vn;

	return vn->ops->ioctl ? vn->ops->ioctl(vn, vf->handle, req, arg) : -ENOTTY;
}

static int vfs_fstat(struct km_file *f, struct km_stat *st)
{
	struct vfs_file *vf = vfs_file_of(f);
	struct km_vattr va;
	int err = vfs_getattr(vf->vn, &va);

	if (!err)
		vfs_vattr_to_stat(vf->vn, &va, st);
	return err;
}

static void vfs_close(struct km_file *f)
{
	struct vfs_file *vf = vfs_file_of(f);

	if (!vf->path_only && vf->vn->ops->release)
		vf->vn->ops->release(vf->vn, vf->handle);
	km_vnode_put(vf->vn);
	free(vf);
}

/* Record locks (fcntl F_GETLK/F_SETLK/F_SETLKW and the OFD variants).
 * One process: its own locks never conflict with each other, so a lock is
 * always granted and F_GETLK always answers F_UNLCK; arguments are checked
 * as Linux checks them. */
#define F_GETLK_     5
#define F_SETLK_     6
#define F_SETLKW_    7
#define F_OFD_GETLK_ 36
#define F_OFD_SETLK_ 37
#define F_OFD_SETLKW 38
#define F_RDLCK_     0
#define F_WRLCK_     1
#define F_UNLCK_     2

struct linux_flock {
	short l_type, l_whence;
	int64_t l_start, l_len;
	int l_pid;
};

static long vfs_lock(struct km_file *f, int cmd, struct linux_flock *fl)
{
	struct vfs_file *vf = vfs_file_of(f);
	int getlk = cmd == F_GETLK_ || cmd == F_OFD_GETLK_;
	unsigned int acc = f->flags & LX_O_ACCMODE;
	int64_t start;

	if (!fl)
		return -EFAULT;
	if (fl->l_type != F_RDLCK_ && fl->l_type != F_WRLCK_ && fl->l_type != F_UNLCK_)
		return -EINVAL;
	if (cmd >= F_OFD_GETLK_ && fl->l_pid != 0)
		return -EINVAL;
	if (vf->path_only)
		return -EBADF;
	if (!getlk && ((fl->l_type == F_RDLCK_ && acc == LX_O_WRONLY) ||
		       (fl->l_type == F_WRLCK_ && acc == LX_O_RDONLY)))
		return -EBADF;
	switch (fl->l_whence) {
	case SEEK_SET_:
		start = 0;
		break;
	case SEEK_CUR_:
		start = (int64_t)vf->pos;
		break;
	case SEEK_END_: {
		struct km_vattr va;
		int err = vfs_getattr(vf->vn, &va);

		if (err)
			return err;
		start = (int64_t)va.size;
		break;
	}
	default:
		return -EINVAL;
	}
	start += fl->l_start;
	if (start < 0 || (fl->l_len < 0 && start + fl->l_len < 0))
		return -EINVAL;
	if (getlk)
		fl->l_type = F_UNLCK_;
	return 0;
}

static long vfs_fcntl(struct km_file *f, int cmd, unsigned long arg)
{
	switch (cmd) {
	case F_GETLK_:
	case F_SETLK_:
	case F_SETLKW_:
	case F_OFD_GETLK_:
	case F_OFD_SETLK_:
	case F_OFD_SETLKW:
		return vfs_lock(f, cmd, (struct linux_flock *)arg);
	default:
		return -EINVAL;
	}
}

/* flock(2): whole-file advisory locks, always granted, on any open
 * descriptor (Linux takes pipes and sockets too). Unlike Linux, where two
 * open file descriptions of one file conflict even in one process, nothing
 * is recorded: locks exist to keep processes apart, and an image is one.
 * Linux's checks: a bad or O_PATH descriptor is -EBADF; LOCK_MAND is
 * ignored (0, as Linux since 5.15); an operation other than LOCK_SH,
 * LOCK_EX or LOCK_UN (each optionally | LOCK_NB) is -EINVAL. */
#define LOCK_SH_   1
#define LOCK_EX_   2
#define LOCK_NB_   4
#define LOCK_UN_   8
#define LOCK_MAND_ 32

KM_SYSCALL_DEFINE(flock, 2)
{
	struct km_file *f = km_fd_get((int)a1);
	struct vfs_file *vf = vfs_file_of(f);
	long op = a2 & ~(long)LOCK_NB_, ret = 0;

	if (!f)
		return -EBADF;
	if (vf && vf->path_only)
		ret = -EBADF;
	else if (op & LOCK_MAND_)
		ret = 0;
	else if (op != LOCK_SH_ && op != LOCK_EX_ && op != LOCK_UN_)
		ret = -EINVAL;
	km_file_put(f);
	return ret;
}

static const struct km_file_ops vfs_file_ops = {
	.kind = "vfs",
	.read = vfs_read,
	.write = vfs_write,
	.lseek = vfs_lseek,
	.poll = vfs_poll,
	.ioctl = vfs_ioctl,
	.fstat = vfs_fstat,
	.close = vfs_close,
	.fcntl = vfs_fcntl,
};

#define VFS_STATUS_FLAGS                                                                           \
	(LX_O_ACCMODE | LX_O_APPEND | LX_O_NONBLOCK | LX_O_DSYNC | LX_O_SYNC | LX_O_DIRECT |       \
	 LX_O_NOATIME | LX_O_LARGEFILE | LX_O_PATH)

int vfs_file_open(struct km_vnode *vn, unsigned int oflags)
{
	struct vfs_file *vf = calloc(1, sizeof(*vf));
	int fd, err;

	if (!vf) {
		km_vnode_put(vn);
		return -ENOMEM;
	}
	vf->vn = vn;
	vf->path_only = !!(oflags & LX_O_PATH);
	if (!vf->path_only && vn->ops->open) {
		err = vn->ops->open(vn, oflags, &vf->handle);
		if (err) {
			km_vnode_put(vn);
			free(vf);
			return err;
		}
	}
	vf->f.ops = &vfs_file_ops;
	/* 64-bit Linux reports O_LARGEFILE on every file. */
	vf->f.flags = (oflags & VFS_STATUS_FLAGS) | LX_O_LARGEFILE;
	if (vf->path_only)
		vf->f.flags = LX_O_PATH | LX_O_LARGEFILE;
	fd = km_fd_install(&vf->f, 0, oflags & LX_O_CLOEXEC ? KM_FD_CLOEXEC : 0);
	if (fd < 0)
		vfs_close(&vf->f);
	return fd;
}

/* --- calls on open files --- */

KM_SYSCALL_DEFINE(ftruncate, 2)
{
	struct km_file *f = km_fd_get((int)a1);
	struct vfs_file *vf = vfs_file_of(f);
	struct km_vattr va = { .size = (uint64_t)a2 };
	long ret;

	if (!f)
		return -EBADF;
	if (!vf || a2 < 0 || vf->vn->type != KM_S_IFREG || (f->flags & LX_O_ACCMODE) == 0 ||
	    vf->path_only)
		ret = vf && vf->path_only ? -EBADF : -EINVAL;
	else if ((ret = vfs_writable(vf->vn)) == 0)
		ret = vfs_setattr(vf->vn, &va, KM_VATTR_SIZE);
	km_file_put(f);
	return ret;
}

static long sync_fd(int fd)
{
	struct km_file *f = km_fd_get(fd);
	struct vfs_file *vf = vfs_file_of(f);
	long ret;

	if (!f)
		return -EBADF;
	if (!vf)
		ret = -EINVAL; /* pipes, the console: nothing to sync, as Linux says */
	else if (vf->path_only)
		ret = -EBADF;
	else
		ret = vf->vn->ops->fsync ? vf->vn->ops->fsync(vf->vn, vf->handle) : 0;
	km_file_put(f);
	return ret;
}

KM_SYSCALL_DEFINE(fsync, 1)
{
	return sync_fd((int)a1);
}

KM_SYSCALL_DEFINE(fdatasync, 1)
{
	return sync_fd((int)a1);
}

/* Nothing is cached above the file systems: their fsync ops write through. */
KM_SYSCALL_DEFINE(sync, 0)
{
	return 0;
}

KM_SYSCALL_DEFINE(syncfs, 1)
{
	struct km_file *f = km_fd_get((int)a1);

	if (!f)
		return -EBADF;
	km_file_put(f);
	return 0;
}

/*
 * posix_fadvise(2): the advice (0 NORMAL .. 5 NOREUSE) is accepted and
 * checked as Linux checks it; nothing is cached above the file systems to
 * act on it. -EBADF a bad fd, -ESPIPE a pipe, -EINVAL a negative length
 * or unknown advice.
 */
KM_SYSCALL_DEFINE(fadvise64, 4)
{
	struct km_file *f = km_fd_get((int)a1);
	struct km_stat st = { 0 };
	long ret = 0;

	if (!f)
		return -EBADF;
	if (f->ops->fstat && !f->ops->fstat(f, &st) && (st.st_mode & KM_S_IFMT) == KM_S_IFIFO)
		ret = -ESPIPE;
	else if (a3 < 0 || (unsigned long)a4 > 5)
		ret = -EINVAL;
	km_file_put(f);
	return ret;
}

/* struct linux_dirent64 */
struct dirent_ctx {
	char *buf;
	size_t size, used;
	struct vfs_file *vf;
	int full; /* an entry did not fit */
};

static int put_dirent(void *c, const char *name, size_t len, uint64_t ino, unsigned int dtype,
		      uint64_t next_pos)
{
	struct dirent_ctx *ctx = c;
	size_t reclen = KM_ALIGN_UP(19 + len + 1, (size_t)8);
	char *d = ctx->buf + ctx->used;
	uint16_t rl = (uint16_t)reclen;
	int64_t off = (int64_t)next_pos;

	if (ctx->used + reclen > ctx->size) {
		ctx->full = 1;
		return 1;
	}
	memcpy(d, &ino, 8);
	memcpy(d + 8, &off, 8);
	memcpy(d + 16, &rl, 2);
	d[18] = (char)dtype;
	memcpy(d + 19, name, len);
	memset(d + 19 + len, 0, reclen - 19 - len);
	ctx->used += reclen;
	ctx->vf->pos = next_pos;
	return 0;
}

/* The file system's cookies, shifted past "." and "..". */
static int put_fs_dirent(void *c, const char *name, size_t len, uint64_t ino, unsigned int dtype,
			 uint64_t next_cookie)
{
	return put_dirent(c, name, len, ino, dtype, next_cookie + 2);
}

#define DT_DIR_ 4

KM_SYSCALL_DEFINE(getdents64, 3)
{
	struct km_file *f = km_fd_get((int)a1);
	struct vfs_file *vf = vfs_file_of(f);
	struct dirent_ctx ctx = { (char *)a2, (size_t)(unsigned int)a3, 0, vf, 0 };
	struct km_vnode *vn;
	long ret = 0;

	if (!f)
		return -EBADF;
	if (!vf || vf->vn->type != KM_S_IFDIR || vf->path_only) {
		km_file_put(f);
		return vf && vf->path_only ? -EBADF : -ENOTDIR;
	}
	if (!a2) {
		km_file_put(f);
		return -EFAULT;
	}
	vn = vf->vn;
	if (vf->pos == 0 && put_dirent(&ctx, ".", 1, vn->ino, DT_DIR_, 1))
		goto full;
	if (vf->pos == 1 && put_dirent(&ctx, "..", 2, vn->ino, DT_DIR_, 2))
		goto full;
	if (vn->ops->readdir)
		ret = vn->ops->readdir(vn, vf->pos - 2, put_fs_dirent, &ctx);
full:
	km_file_put(f);
	if (ret < 0 && !ctx.used)
		return ret;
	if (!ctx.used && ctx.full)
		return -EINVAL; /* not even one entry fits */
	return (long)ctx.used;
}
