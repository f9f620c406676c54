/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/vfs internals: Linux ABI values, path walking, the file kind. */
#ifndef VFS_IMPL_H
#define VFS_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <km/fdtab.h>
#include <km/posix_process.h>
#include <km/vfs.h>

/* Linux x86_64 values: the ABI, whatever the C library's headers say. */
#define LX_O_ACCMODE   03
#define LX_O_RDONLY    0
#define LX_O_WRONLY    01
#define LX_O_RDWR      02
#define LX_O_CREAT     0100
#define LX_O_EXCL      0200
#define LX_O_TRUNC     01000
#define LX_O_APPEND    02000
#define LX_O_NONBLOCK  04000
#define LX_O_DSYNC     010000
#define LX_O_DIRECT    040000
#define LX_O_LARGEFILE 0100000
#define LX_O_DIRECTORY 0200000
#define LX_O_NOFOLLOW  0400000
#define LX_O_NOATIME   01000000
#define LX_O_CLOEXEC   02000000
#define LX_O_SYNC      04010000
#define LX_O_PATH      010000000
#define LX_O_TMPFILE   020000000

#define LX_AT_FDCWD	       (-100)
#define LX_AT_SYMLINK_NOFOLLOW 0x100
#define LX_AT_REMOVEDIR	       0x200
#define LX_AT_EACCESS	       0x200
#define LX_AT_SYMLINK_FOLLOW   0x400
#define LX_AT_NO_AUTOMOUNT     0x800
#define LX_AT_EMPTY_PATH       0x1000
#define LX_AT_STATX_SYNC_TYPE  0x6000

#define LX_POLLIN  0x001
#define LX_POLLPRI 0x002
#define LX_POLLOUT 0x004
#define LX_POLLERR 0x008
#define LX_POLLHUP 0x010

#define DT_UNKNOWN_ 0

/* Compare files by (mount, ino): two vnodes MAY stand for one file. */
static inline int vfs_same(const struct km_vnode *a, const struct km_vnode *b)
{
	return a && b && a->mount == b->mount && a->ino == b->ino;
}

static inline int vfs_is_mount_root(const struct km_vnode *vn)
{
	return vfs_same(vn, vn->mount->root);
}

/* The vnode in *@slot (a root or cwd pointer), with a reference, read
 * with interrupts masked against a concurrent swap; NULL if none. */
struct km_vnode *vfs_ref_slot(struct km_vnode *const *slot);

/* --- mounts (mount.c) --- */
/* 1 when a file system of type @name is in the image. */
int vfs_fstype_known(const char *name);
/* The image's file system types, ", "-separated, into @buf (@len > 0). */
void vfs_fstype_names(char *buf, size_t len);
/* The root directory, with a reference; NULL before / is mounted. */
struct km_vnode *vfs_root(void);
/* If a mount covers @vn, replace it (and put it) by that mount's root. */
struct km_vnode *vfs_cross_down(struct km_vnode *vn);
/* The covered directory of the mount rooted at @vn, with a reference. */
struct km_vnode *vfs_covered(struct km_vnode *vn);

/* --- path walking (lookup.c) --- */
#define VFS_NOFOLLOW 0x1 /* a symlink as last component is the result */
#define VFS_CREATE   0x2 /* a missing last component is no error: vn = NULL */
#define VFS_EMPTY    0x4 /* AT_EMPTY_PATH: "" names @dirfd itself */

struct vfs_path {
	struct km_vnode *dir; /* the last component's directory (a reference) */
	struct km_vnode *vn;  /* the last component (a reference), NULL if missing */
	size_t len;	      /* of name; 0 when the path named a root or "" */
	int trailing;	      /* the path ended in '/' */
	char name[KM_VFS_NAME_MAX + 1];
};

/*
 * Resolve @path relative to @dirfd (AT_FDCWD or an open directory).
 * 0 with @p filled (release with vfs_path_done), or -ENOENT, -ENOTDIR,
 * -ELOOP, -ENAMETOOLONG, -EBADF, -EFAULT, -ENOMEM or a file system error.
 */
int vfs_resolve(int dirfd, const char *path, unsigned int flags, struct vfs_path *p);
/* The same from directory @start (a reference the walk takes over). */
int vfs_resolve_at(struct km_vnode *start, const char *path, unsigned int flags,
		   struct vfs_path *p);
void vfs_path_done(struct vfs_path *p);
/* Just the vnode: 0 and *@out (a reference), or the errors above. */
int vfs_lookup(int dirfd, const char *path, unsigned int flags, struct km_vnode **out);
/* One component of directory @dir, ".." and mounts included. */
int vfs_step(struct km_vnode *dir, const char *name, size_t len, struct km_vnode **out);
/* The working directory, with a reference (NULL before / exists). */
struct km_vnode *vfs_cwd(void);
/* Make @vn (a reference it takes over) the working directory. */
void vfs_set_cwd(struct km_vnode *vn);

/* --- open files (file.c) --- */
struct vfs_file {
	struct km_file f;
	struct km_vnode *vn;
	void *handle;  /* the file system's per-open pointer */
	uint64_t pos;  /* directories: 0 ".", 1 "..", else 2 + the fs cookie */
	int path_only; /* O_PATH: no data transfer */
};

/* The vfs file behind @f, or NULL for another kind (console, pipe). */
struct vfs_file *vfs_file_of(struct km_file *f);
/* Open @vn (a reference the file takes over) with @oflags; install at the
 * lowest free descriptor. The descriptor, or -EMFILE/-ENOMEM/the fs's. */
int vfs_file_open(struct km_vnode *vn, unsigned int oflags);
/* The vnode of descriptor @fd with a reference: 0, -EBADF, or @notvfs
 * when @fd is another kind of file. */
int vfs_fd_vnode(int fd, struct km_vnode **out, int notvfs);

/* --- attributes (attr.c) --- */
int vfs_getattr(struct km_vnode *vn, struct km_vattr *va);
void vfs_vattr_to_stat(const struct km_vnode *vn, const struct km_vattr *va, struct km_stat *st);
int vfs_setattr(struct km_vnode *vn, const struct km_vattr *va, unsigned int mask);
/* -EROFS when @vn's mount is read-only. */
int vfs_writable(const struct km_vnode *vn);
/* The process's umask (0..0777), lib/posix-process's. */
#define vfs_umask km_posix_umask

#endif
