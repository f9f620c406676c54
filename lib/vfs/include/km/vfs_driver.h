/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/vfs_driver.h - what a file system implements for lib/vfs.
 *
 * A file system (ramfs, devfs, 9pfs, hostfs) is a struct km_vfsops placed
 * in a linker table with KM_VFS_REGISTER(); `vfs.fstab=` and km_vfs_mount()
 * find it by name. Mounting gives a struct km_mount whose root is a vnode;
 * every file, directory, symlink or device node the VFS touches is a
 * struct km_vnode with a struct km_vnode_ops table.
 *
 * The VFS keeps no name cache: path lookup calls ops->lookup one component
 * at a time, and handles ".", "..", symlinks (at most KM_VFS_SYMLOOP_MAX per
 * lookup, else -ELOOP), mount crossings, NAME_MAX (255) and PATH_MAX (4096)
 * itself. A file system never sees "." or an empty name; it does see ".."
 * only through ops->lookup of a directory that is not its mount's root.
 *
 * Vnode lifetime:
 * - km_vnode_alloc() returns a vnode with one reference, owned by the caller.
 * - Every op that hands out a vnode (lookup, create, mkdir, symlink) returns
 *   it with one reference that the caller (the VFS) owns.
 * - When the last reference goes (km_vnode_put), ops->inactive runs; the
 *   file system then frees @priv if nothing else of its own keeps it (ramfs
 *   keeps a file alive while a directory names it; 9pfs clunks its fid).
 *   The VFS frees the struct km_vnode itself after inactive returns.
 * - A vnode MAY be looked up twice and yield two struct km_vnode for the
 *   same file (9pfs does): the VFS compares files by (mount, ino) only.
 *
 * Every op returns 0 (or a byte count where said) on success, else a
 * negative Linux errno. An op left NULL gives the errno written next to it.
 * Names passed to ops are NOT NUL-terminated: (name, len), 1 <= len <= 255,
 * never containing '/' or NUL, never "." (".." only as said above).
 * Ops are called in thread context with interrupts enabled, and MAY block.
 * The VFS serialises nothing: a file system with shared state locks it.
 *
 * Non-goals: a page cache, mmap of files, hard-link counts across mounts,
 * permission checks (everything runs as root; mode bits are stored and
 * reported only), file locks inside file systems (F_SETLK is the VFS's).
 */
#ifndef KM_VFS_DRIVER_H
#define KM_VFS_DRIVER_H

#include <stddef.h>
#include <stdint.h>
#include <km/fdtab.h>

#define KM_VFS_NAME_MAX	   255
#define KM_VFS_PATH_MAX	   4096
#define KM_VFS_SYMLOOP_MAX 40

struct km_vnode;
struct km_mount;

/* File types, as in st_mode's S_IFMT bits (Linux values). */
#define KM_S_IFMT   0170000
#define KM_S_IFSOCK 0140000
#define KM_S_IFLNK  0120000
#define KM_S_IFREG  0100000
#define KM_S_IFBLK  0060000
#define KM_S_IFDIR  0040000
#define KM_S_IFCHR  0020000
#define KM_S_IFIFO  0010000

struct km_vfs_time {
	int64_t sec;
	uint32_t nsec; /* 0..999999999 */
};

/* Attributes (stat's, without st_dev, which the VFS fills per mount). */
struct km_vattr {
	uint32_t mode; /* type | permission bits */
	uint32_t uid, gid;
	uint64_t nlink;
	uint64_t ino;
	uint64_t size;	 /* bytes */
	uint64_t blocks; /* 512-byte units actually allocated */
	uint64_t rdev;	 /* device nodes: makedev(major, minor) */
	struct km_vfs_time atime, mtime, ctime;
};

/* Which fields of a km_vattr a setattr changes. */
#define KM_VATTR_MODE  0x01 /* permission bits only; the type never changes */
#define KM_VATTR_UID   0x02
#define KM_VATTR_GID   0x04
#define KM_VATTR_SIZE  0x08 /* truncate or extend with zeros */
#define KM_VATTR_ATIME 0x10
#define KM_VATTR_MTIME 0x20

/*
 * readdir's callback: one entry (name, len) of type @dtype (DT_REG, DT_DIR,
 * ... the d_type values of getdents64) with inode number @ino; @next_cookie
 * is the position just past it. It returns 0 to continue, or non-zero when
 * the caller's buffer is full (the entry was NOT consumed: readdir stops and
 * resumes at this entry's own cookie next time).
 */
typedef int (*km_vfs_filldir_fn)(void *ctx, const char *name, size_t len, uint64_t ino,
				 unsigned int dtype, uint64_t next_cookie);

struct km_vnode_ops {
	/* Directories. @dir is a directory of this file system. */
	int (*lookup)(struct km_vnode *dir, const char *name, size_t len,
		      struct km_vnode **out); /* NULL: -ENOTDIR; absent: -ENOENT */
	int (*create)(struct km_vnode *dir, const char *name, size_t len, uint32_t mode,
		      struct km_vnode **out); /* a regular file; NULL: -EROFS */
	int (*mkdir)(struct km_vnode *dir, const char *name, size_t len, uint32_t mode,
		     struct km_vnode **out); /* NULL: -EROFS */
	int (*symlink)(struct km_vnode *dir, const char *name, size_t len, const char *target,
		       struct km_vnode **out); /* NULL: -EROFS (-EPERM per Linux if no symlinks) */
	int (*link)(struct km_vnode *dir, const char *name, size_t len,
		    struct km_vnode *target); /* NULL: -EPERM */
	/* Remove the name; -EISDIR for a directory (unlink), -ENOTDIR /
	 * -ENOTEMPTY (rmdir). Open files stay usable until released. */
	int (*unlink)(struct km_vnode *dir, const char *name, size_t len); /* NULL: -EROFS */
	int (*rmdir)(struct km_vnode *dir, const char *name, size_t len);  /* NULL: -EROFS */
	/* Both directories are on this mount (the VFS returns -EXDEV otherwise).
	 * Replaces an existing target as rename(2) does, with its errors. */
	int (*rename)(struct km_vnode *olddir, const char *oldname, size_t oldlen,
		      struct km_vnode *newdir, const char *newname,
		      size_t newlen); /* NULL: -EROFS */
	/* Entries from position *@cookie (0 = the start; "." and ".." are the
	 * VFS's, never reported here). Returns 0 at the end or when fill said
	 * full. NULL: -ENOTDIR. */
	int (*readdir)(struct km_vnode *dir, uint64_t cookie, km_vfs_filldir_fn fill, void *ctx);

	/* Any vnode. */
	int (*getattr)(struct km_vnode *vn, struct km_vattr *va); /* required */
	int (*setattr)(struct km_vnode *vn, const struct km_vattr *va,
		       unsigned int mask);			      /* NULL: -EROFS */
	long (*readlink)(struct km_vnode *vn, char *buf, size_t len); /* bytes; NULL: -EINVAL */

	/*
	 * Open files. open runs once per open(2) of this vnode, and MAY set
	 * *@handle (an fs-private per-open pointer, e.g. a 9P fid) given back
	 * to read/write/... and to release when the last descriptor of that
	 * open file closes. NULL open: nothing to set up.
	 * read/write transfer at byte offset @off (the VFS keeps positions and
	 * O_APPEND: for appends it passes the size as @off); they return the
	 * bytes moved, 0 at end of file. write past the end extends the file;
	 * a file that cannot grow gives -ENOSPC (or -EFBIG), never a crash.
	 * poll/ioctl are for device nodes; NULL: always ready / -ENOTTY.
	 */
	int (*open)(struct km_vnode *vn, unsigned int oflags, void **handle);
	void (*release)(struct km_vnode *vn, void *handle);
	long (*read)(struct km_vnode *vn, void *handle, void *buf, size_t len,
		     uint64_t off); /* NULL: -EINVAL (-EISDIR for directories, by the VFS) */
	long (*write)(struct km_vnode *vn, void *handle, const void *buf, size_t len,
		      uint64_t off);			 /* NULL: -EINVAL */
	int (*fsync)(struct km_vnode *vn, void *handle); /* NULL: 0 */
	unsigned int (*poll)(struct km_vnode *vn, void *handle, unsigned int events);
	long (*ioctl)(struct km_vnode *vn, void *handle, unsigned long req, unsigned long arg);

	/* The last reference went away (see lifetime above). NULL: nothing. */
	void (*inactive)(struct km_vnode *vn);
};

struct km_vnode {
	const struct km_vnode_ops *ops;
	struct km_mount *mount;
	void *priv;	   /* the file system's */
	uint32_t type;	   /* KM_S_IFREG, KM_S_IFDIR, ...: fixed for the vnode's life */
	uint64_t ino;	   /* unique within the mount, fixed */
	unsigned int refs; /* private to the VFS: use km_vnode_ref/put */
};

struct km_statfs_info {
	uint64_t bsize, blocks, bfree, bavail, files, ffree, namelen;
	uint64_t magic; /* f_type, e.g. RAMFS_MAGIC 0x858458f6, V9FS_MAGIC 0x01021997 */
};

struct km_mount {
	const struct km_vfsops *ops;
	struct km_vnode *root; /* set by ops->mount, with one reference */
	void *priv;	       /* the file system's */
	unsigned long flags;   /* KM_MNT_RDONLY, ... */
	uint64_t dev;	       /* st_dev of every file here, given by the VFS */
	/* the rest is private to the VFS */
	struct km_mount *next;
	struct km_vnode *covered; /* the directory mounted over, NULL for / */
	char *path;		  /* absolute mount point, for logs and /proc-less tools */
	unsigned int vnodes;	  /* live struct km_vnode of this mount (busy check) */
};

#define KM_MNT_RDONLY 0x1

struct km_vfsops {
	const char *name; /* the fstype of vfs.fstab= and mount(2): "ramfs", "9pfs" */
	/*
	 * Fill @mp->root (one reference) and @mp->priv. @source is fstab's
	 * first field (a 9P mount_tag, a host path; "" when none), @options its
	 * fifth ("" when none). Unknown options give -EINVAL with a message.
	 */
	int (*mount)(struct km_mount *mp, const char *source, const char *options);
	int (*unmount)(struct km_mount *mp);			       /* NULL: 0 */
	int (*statfs)(struct km_mount *mp, struct km_statfs_info *st); /* NULL: zeros */
};

/* Put @ops in the table of file systems (a linker table, no init call). */
#define KM_VFS_REGISTER(ops)                                                                       \
	static const struct km_vfsops *const __km_vfsops_##ops                                     \
		__attribute__((used, section(".km_vfsops"), aligned(sizeof(void *)))) = &(ops)

/*
 * A new vnode of @mount with one reference: @type one of KM_S_IF*, @ino
 * unique in the mount. NULL when out of memory. The VFS owns the struct;
 * @priv stays the file system's.
 */
struct km_vnode *km_vnode_alloc(struct km_mount *mount, const struct km_vnode_ops *ops,
				uint32_t type, uint64_t ino, void *priv);
void km_vnode_ref(struct km_vnode *vn);
void km_vnode_put(struct km_vnode *vn);

/* Seconds and nanoseconds of the platform's wall clock, for timestamps. */
struct km_vfs_time km_vfs_now(void);

#endif /* KM_VFS_DRIVER_H */
