/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * hostfs: a host directory as a file system of the image (linuxu only),
 * through raw host system calls; no host libc. Each vnode holds one host
 * file descriptor, opened at lookup and closed when the vnode goes
 * (inactive): directories O_RDONLY|O_DIRECTORY (for getdents64 and as the
 * *at() base), regular files O_RDWR (O_RDONLY, then O_PATH, when the host
 * refuses), symlinks and special files O_PATH. Operations then work on
 * that descriptor, so a vnode keeps naming its file across renames of its
 * directories, as a local file system's would.
 *
 * Both sides are Linux x86_64: host errors are returned unchanged.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/print.h>
#include <km/vfs_driver.h>
#include "linuxu/syscall.h" /* the raw host system calls of plat/linuxu */

#define H_SYS_lseek    8
#define H_SYS_umask    95
#define H_SYS_fchmod   91
#define H_SYS_fchownat 260

#define H_O_RDONLY	00
#define H_O_RDWR	02
#define H_O_CREAT	0100
#define H_O_EXCL	0200
#define H_O_DIRECTORY	0200000
#define H_O_NOFOLLOW	0400000
#define H_O_CLOEXEC	02000000
#define H_O_PATH	010000000
#define H_AT_EMPTY_PATH 0x1000

struct hostfs_node {
	int fd;
};

static const struct km_vnode_ops hostfs_vnode_ops;

static inline long host6(long n, long a1, long a2, long a3, long a4, long a5)
{
	return linuxu_syscall6(n, a1, a2, a3, a4, a5, 0);
}

static int node_fd(const struct km_vnode *vn)
{
	return ((const struct hostfs_node *)vn->priv)->fd;
}

/* A NUL-terminated copy of a component (1..255 bytes, the VFS checked). */
static void cname(char buf[KM_VFS_NAME_MAX + 1], const char *name, size_t len)
{
	memcpy(buf, name, len);
	buf[len] = '\0';
}

static void to_vattr(const struct linuxu_stat *st, struct km_vattr *va)
{
	va->mode = st->mode;
	va->uid = st->uid;
	va->gid = st->gid;
	va->nlink = st->nlink;
	va->ino = st->ino;
	va->size = (uint64_t)st->size;
	va->blocks = (uint64_t)st->blocks;
	va->rdev = st->rdev;
	va->atime = (struct km_vfs_time){ st->atime_sec, (uint32_t)st->atime_nsec };
	va->mtime = (struct km_vfs_time){ st->mtime_sec, (uint32_t)st->mtime_nsec };
	va->ctime = (struct km_vfs_time){ st->ctime_sec, (uint32_t)st->ctime_nsec };
}

/* Opens @name under @dirfd (NULL: @dirfd itself, the mount's root) the way
 * its type wants, and wraps it in a vnode of @mp. */
static int open_node(struct km_mount *mp, int dirfd, const char *name, struct km_vnode **out)
{
	struct linuxu_stat st;
	struct hostfs_node *node;
	long fd, rc;
	uint32_t type;

	rc = host6(LINUXU_SYS_newfstatat, dirfd, (long)name, (long)&st, LINUXU_AT_SYMLINK_NOFOLLOW,
		   0);
	if (rc)
		return (int)rc;
	type = st.mode & LINUXU_S_IFMT;
	if (type == LINUXU_S_IFDIR) {
		fd = host6(LINUXU_SYS_openat, dirfd, (long)name,
			   H_O_RDONLY | H_O_DIRECTORY | H_O_NOFOLLOW | H_O_CLOEXEC, 0, 0);
	} else if (type == LINUXU_S_IFREG) {
		fd = host6(LINUXU_SYS_openat, dirfd, (long)name,
			   H_O_RDWR | H_O_NOFOLLOW | H_O_CLOEXEC, 0, 0);
		if (fd < 0 && fd != -ENOENT && fd != -ELOOP)
			fd = host6(LINUXU_SYS_openat, dirfd, (long)name,
				   H_O_RDONLY | H_O_NOFOLLOW | H_O_CLOEXEC, 0, 0);
		if (fd < 0 && fd != -ENOENT && fd != -ELOOP)
			fd = host6(LINUXU_SYS_openat, dirfd, (long)name,
				   H_O_PATH | H_O_NOFOLLOW | H_O_CLOEXEC, 0, 0);
	} else {
		fd = host6(LINUXU_SYS_openat, dirfd, (long)name,
			   H_O_PATH | H_O_NOFOLLOW | H_O_CLOEXEC, 0, 0);
	}
	if (fd < 0)
		return (int)fd;
	/* the type of what was opened, should the host have changed it */
	rc = host6(LINUXU_SYS_fstat, fd, (long)&st, 0, 0, 0);
	node = rc ? NULL : malloc(sizeof(*node));
	if (node) {
		node->fd = (int)fd;
		*out = km_vnode_alloc(mp, &hostfs_vnode_ops, st.mode & KM_S_IFMT, st.ino, node);
		if (*out)
			return 0;
		free(node);
	}
	host6(LINUXU_SYS_close, fd, 0, 0, 0, 0);
	return rc ? (int)rc : -ENOMEM;
}

static int hostfs_lookup(struct km_vnode *dir, const char *name, size_t len, struct km_vnode **out)
{
	char n[KM_VFS_NAME_MAX + 1];

	cname(n, name, len);
	return open_node(dir->mount, node_fd(dir), n, out);
}

static int hostfs_create(struct km_vnode *dir, const char *name, size_t len, uint32_t mode,
			 struct km_vnode **out)
{
	char n[KM_VFS_NAME_MAX + 1];
	long fd;

	cname(n, name, len);
	fd = host6(LINUXU_SYS_openat, node_fd(dir), (long)n,
		   H_O_RDWR | H_O_CREAT | H_O_EXCL | H_O_NOFOLLOW | H_O_CLOEXEC, mode & 07777, 0);
	if (fd < 0)
		return (int)fd;
	host6(LINUXU_SYS_close, fd, 0, 0, 0, 0);
	return open_node(dir->mount, node_fd(dir), n, out);
}

static int hostfs_mkdir(struct km_vnode *dir, const char *name, size_t len, uint32_t mode,
			struct km_vnode **out)
{
	char n[KM_VFS_NAME_MAX + 1];
	long rc;

	cname(n, name, len);
	rc = host6(LINUXU_SYS_mkdirat, node_fd(dir), (long)n, mode & 07777, 0, 0);
	return rc ? (int)rc : open_node(dir->mount, node_fd(dir), n, out);
}

static int hostfs_symlink(struct km_vnode *dir, const char *name, size_t len, const char *target,
			  struct km_vnode **out)
{
	char n[KM_VFS_NAME_MAX + 1];
	long rc;

	cname(n, name, len);
	rc = host6(LINUXU_SYS_symlinkat, (long)target, node_fd(dir), (long)n, 0, 0);
	return rc ? (int)rc : open_node(dir->mount, node_fd(dir), n, out);
}

static int hostfs_link(struct km_vnode *dir, const char *name, size_t len, struct km_vnode *target)
{
	char n[KM_VFS_NAME_MAX + 1];

	cname(n, name, len);
	return (int)host6(LINUXU_SYS_linkat, node_fd(target), (long)"", node_fd(dir), (long)n,
			  H_AT_EMPTY_PATH);
}

static int hostfs_unlink(struct km_vnode *dir, const char *name, size_t len)
{
	char n[KM_VFS_NAME_MAX + 1];

	cname(n, name, len);
	return (int)host6(LINUXU_SYS_unlinkat, node_fd(dir), (long)n, 0, 0, 0);
}

static int hostfs_rmdir(struct km_vnode *dir, const char *name, size_t len)
{
	char n[KM_VFS_NAME_MAX + 1];

	cname(n, name, len);
	return (int)host6(LINUXU_SYS_unlinkat, node_fd(dir), (long)n, LINUXU_AT_REMOVEDIR, 0, 0);
}

static int hostfs_rename(struct km_vnode *olddir, const char *oldname, size_t oldlen,
			 struct km_vnode *newdir, const char *newname, size_t newlen)
{
	char o[KM_VFS_NAME_MAX + 1], n[KM_VFS_NAME_MAX + 1];

	cname(o, oldname, oldlen);
	cname(n, newname, newlen);
	return (int)host6(LINUXU_SYS_renameat, node_fd(olddir), (long)o, node_fd(newdir), (long)n,
			  0);
}

/* struct linux_dirent64 */
struct host_dirent {
	uint64_t ino;
	int64_t off; /* the position after this entry */
	uint16_t reclen;
	uint8_t type;
	char name[];
};

/*
 * The host's own directory positions are the cookies (getdents64's d_off,
 * what lseek takes back), so a readdir resumes exactly where the last one
 * stopped even if entries came and went in between.
 */
static int hostfs_readdir(struct km_vnode *dir, uint64_t cookie, km_vfs_filldir_fn fill, void *ctx)
{
	char buf[2048] __km_aligned(8);
	int fd = node_fd(dir);
	long n, rc;

	rc = host6(H_SYS_lseek, fd, (long)cookie, 0 /* SEEK_SET */, 0, 0);
	if (rc < 0)
		return (int)rc;
	while ((n = host6(LINUXU_SYS_getdents64, fd, (long)buf, sizeof(buf), 0, 0)) > 0) {
		for (long pos = 0; pos < n;) {
			const struct host_dirent *d = (const struct host_dirent *)(buf + pos);
			size_t len = strlen(d->name);

			pos += d->reclen;
			if ((len == 1 && d->name[0] == '.') ||
			    (len == 2 && d->name[0] == '.' && d->name[1] == '.'))
				continue;
			if (fill(ctx, d->name, len, d->ino, d->type, (uint64_t)d->off))
				return 0;
		}
	}
	return (int)n;
}

static int hostfs_getattr(struct km_vnode *vn, struct km_vattr *va)
{
	struct linuxu_stat st;
	long rc = host6(LINUXU_SYS_fstat, node_fd(vn), (long)&st, 0, 0, 0);

	if (rc)
		return (int)rc;
	to_vattr(&st, va);
	return 0;
}

static int hostfs_setattr(struct km_vnode *vn, const struct km_vattr *va, unsigned int mask)
{
	int fd = node_fd(vn);
	long rc = 0;

	if (mask & KM_VATTR_MODE)
		rc = host6(H_SYS_fchmod, fd, va->mode & 07777, 0, 0, 0);
	if (!rc && (mask & (KM_VATTR_UID | KM_VATTR_GID)))
		rc = host6(H_SYS_fchownat, fd, (long)"", mask & KM_VATTR_UID ? (long)va->uid : -1L,
			   mask & KM_VATTR_GID ? (long)va->gid : -1L,
			   H_AT_EMPTY_PATH | LINUXU_AT_SYMLINK_NOFOLLOW);
	if (!rc && (mask & KM_VATTR_SIZE))
		rc = host6(LINUXU_SYS_ftruncate, fd, (long)va->size, 0, 0, 0);
	if (!rc && (mask & (KM_VATTR_ATIME | KM_VATTR_MTIME))) {
		/* UTIME_OMIT leaves a time alone; "" with AT_EMPTY_PATH is fd
		 * itself, also an O_PATH one (a symlink's) */
		struct linuxu_timespec ts[2] = {
			{ va->atime.sec, mask & KM_VATTR_ATIME ? va->atime.nsec : (1L << 30) - 2 },
			{ va->mtime.sec, mask & KM_VATTR_MTIME ? va->mtime.nsec : (1L << 30) - 2 },
		};

		rc = host6(LINUXU_SYS_utimensat, fd, (long)"", (long)ts, H_AT_EMPTY_PATH, 0);
	}
	if (rc == -EBADF) /* an O_PATH descriptor: the host did not let us open it */
		rc = -EACCES;
	return (int)rc;
}

static long hostfs_readlink(struct km_vnode *vn, char *buf, size_t len)
{
	return host6(LINUXU_SYS_readlinkat, node_fd(vn), (long)"", (long)buf, (long)len, 0);
}

static long hostfs_read(struct km_vnode *vn, void *handle, void *buf, size_t len, uint64_t off)
{
	long rc = host6(LINUXU_SYS_pread64, node_fd(vn), (long)buf, (long)len, (long)off, 0);

	(void)handle;
	return rc == -EBADF ? -EACCES : rc;
}

static long hostfs_write(struct km_vnode *vn, void *handle, const void *buf, size_t len,
			 uint64_t off)
{
	long rc = host6(LINUXU_SYS_pwrite64, node_fd(vn), (long)buf, (long)len, (long)off, 0);

	(void)handle;
	return rc == -EBADF ? -EACCES : rc;
}

static int hostfs_fsync(struct km_vnode *vn, void *handle)
{
	(void)handle;
	return (int)host6(LINUXU_SYS_fsync, node_fd(vn), 0, 0, 0, 0);
}

static void hostfs_inactive(struct km_vnode *vn)
{
	struct hostfs_node *node = vn->priv;

	host6(LINUXU_SYS_close, node->fd, 0, 0, 0, 0);
	free(node);
}

static const struct km_vnode_ops hostfs_vnode_ops = {
	.lookup = hostfs_lookup,
	.create = hostfs_create,
	.mkdir = hostfs_mkdir,
	.symlink = hostfs_symlink,
	.link = hostfs_link,
	.unlink = hostfs_unlink,
	.rmdir = hostfs_rmdir,
	.rename = hostfs_rename,
	.readdir = hostfs_readdir,
	.getattr = hostfs_getattr,
	.setattr = hostfs_setattr,
	.readlink = hostfs_readlink,
	.read = hostfs_read,
	.write = hostfs_write,
	.fsync = hostfs_fsync,
	.inactive = hostfs_inactive,
};

static int hostfs_mount(struct km_mount *mp, const char *source, const char *options)
{
	struct km_vnode *root;
	int rc;

	if (options && options[0]) {
		km_pr_err("unknown options '%s' (hostfs takes none)\n", options);
		return -EINVAL;
	}
	if (!source || source[0] != '/') {
		km_pr_err("hostfs source '%s' must be an absolute host path\n",
			  source ? source : "");
		return -EINVAL;
	}
	/* The VFS applied the image's umask to every mode it passes: the
	 * host's own must not take bits away a second time. */
	host6(H_SYS_umask, 0, 0, 0, 0, 0);
	rc = open_node(mp, LINUXU_AT_FDCWD, source, &root);
	if (rc == 0 && root->type != KM_S_IFDIR) {
		km_vnode_put(root);
		rc = -ENOTDIR;
	}
	if (rc) {
		km_pr_err("cannot use host directory %s: %s\n", source, strerror(-rc));
		return rc;
	}
	mp->root = root;
	return 0;
}

static int hostfs_statfs(struct km_mount *mp, struct km_statfs_info *st)
{
	struct {
		long type, bsize;
		unsigned long blocks, bfree, bavail, files, ffree;
		int fsid[2];
		long namelen, frsize, flags, spare[4];
	} hs;
	long rc = host6(LINUXU_SYS_fstatfs, node_fd(mp->root), (long)&hs, 0, 0, 0);

	if (rc)
		return (int)rc;
	*st = (struct km_statfs_info){
		(uint64_t)hs.bsize,   hs.blocks,	hs.bfree, hs.bavail, hs.files, hs.ffree,
		(uint64_t)hs.namelen, (uint64_t)hs.type
	};
	return 0;
}

static const struct km_vfsops hostfs_ops = {
	.name = "hostfs",
	.mount = hostfs_mount,
	.statfs = hostfs_statfs,
};
KM_VFS_REGISTER(hostfs_ops);
