/* SPDX-License-Identifier: BSD-3-Clause */
/* Removing and moving names: rmdir, unlink(at), rename(at/at2), link(at), readlink(at). */
#include <errno.h>
#include <string.h>
#include <km/syscall.h>
#include "vfs_impl.h"

static int dot_kind(const struct vfs_path *p)
{
	if (p->len == 1 && p->name[0] == '.')
		return 1;
	if (p->len == 2 && p->name[0] == '.' && p->name[1] == '.')
		return 2;
	return 0;
}

static long rmdir_at(long dirfd, const char *path)
{
	struct vfs_path p;
	struct km_vnode *root;
	int err = vfs_resolve((int)dirfd, path, VFS_NOFOLLOW, &p);

	if (err)
		return err;
	root = vfs_root();
	if (dot_kind(&p))
		err = dot_kind(&p) == 1 ? -EINVAL : -ENOTEMPTY;
	else if (!p.len || vfs_same(p.vn, root) || vfs_is_mount_root(p.vn))
		err = -EBUSY;
	else if (p.vn->type != KM_S_IFDIR)
		err = -ENOTDIR;
	else if (!(err = vfs_writable(p.dir)))
		err = p.dir->ops->rmdir ? p.dir->ops->rmdir(p.dir, p.name, p.len) : -EROFS;
	km_vnode_put(root);
	vfs_path_done(&p);
	return err;
}

static long unlink_at(long dirfd, const char *path)
{
	struct vfs_path p;
	int err = vfs_resolve((int)dirfd, path, VFS_NOFOLLOW, &p);

	if (err)
		return err;
	if (!p.len || dot_kind(&p) || p.vn->type == KM_S_IFDIR)
		err = -EISDIR;
	else if (!(err = vfs_writable(p.dir)))
		err = p.dir->ops->unlink ? p.dir->ops->unlink(p.dir, p.name, p.len) : -EROFS;
	vfs_path_done(&p);
	return err;
}

KM_SYSCALL_DEFINE(rmdir, 1)
{
	return rmdir_at(LX_AT_FDCWD, (const char *)a1);
}

KM_SYSCALL_DEFINE(unlink, 1)
{
	return unlink_at(LX_AT_FDCWD, (const char *)a1);
}

KM_SYSCALL_DEFINE(unlinkat, 3)
{
	if (a3 & ~(long)LX_AT_REMOVEDIR)
		return -EINVAL;
	return a3 ? rmdir_at(a1, (const char *)a2) : unlink_at(a1, (const char *)a2);
}

/* Is @dir @ancestor or below it (on one mount)? Walks "..". */
static int is_below(struct km_vnode *dir, struct km_vnode *ancestor)
{
	struct km_vnode *cur = dir, *up;
	int below = 0;

	km_vnode_ref(cur);
	while (!(below = vfs_same(cur, ancestor)) && !vfs_is_mount_root(cur)) {
		if (vfs_step(cur, "..", 2, &up)) {
			break;
		}
		km_vnode_put(cur);
		cur = up;
	}
	km_vnode_put(cur);
	return below;
}

#define RENAME_NOREPLACE_ 1
#define RENAME_EXCHANGE_  2
#define RENAME_WHITEOUT_  4

static long rename_at(long olddirfd, const char *oldpath, long newdirfd, const char *newpath,
		      long flags)
{
	struct vfs_path o, n;
	int err;

	if (flags & ~(long)(RENAME_NOREPLACE_ | RENAME_EXCHANGE_ | RENAME_WHITEOUT_))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE_) && (flags & (RENAME_NOREPLACE_ | RENAME_WHITEOUT_)))
		return -EINVAL;
	if (flags & (RENAME_EXCHANGE_ | RENAME_WHITEOUT_))
		return -EINVAL; /* not offered by any file system here */
	err = vfs_resolve((int)olddirfd, oldpath, VFS_NOFOLLOW, &o);
	if (err)
		return err;
	err = vfs_resolve((int)newdirfd, newpath, VFS_NOFOLLOW | VFS_CREATE, &n);
	if (err) {
		vfs_path_done(&o);
		return err;
	}
	if (!o.len || dot_kind(&o))
		err = -EBUSY;
	else if ((flags & RENAME_NOREPLACE_) && n.vn)
		err = -EEXIST;
	else if (!n.len || dot_kind(&n))
		err = -EBUSY;
	else if (o.dir->mount != n.dir->mount)
		err = -EXDEV;
	else if (vfs_is_mount_root(o.vn) || (n.vn && vfs_is_mount_root(n.vn)))
		err = -EBUSY;
	else if (o.vn->type != KM_S_IFDIR && (o.trailing || n.trailing))
		err = -ENOTDIR;
	else if (n.vn && vfs_same(o.vn, n.vn))
		err = 0; /* one file: nothing to do */
	else if (n.vn && o.vn->type == KM_S_IFDIR && n.vn->type != KM_S_IFDIR)
		err = -ENOTDIR;
	else if (n.vn && o.vn->type != KM_S_IFDIR && n.vn->type == KM_S_IFDIR)
		err = -EISDIR;
	else if (o.vn->type == KM_S_IFDIR && is_below(n.dir, o.vn))
		err = -EINVAL; /* into itself */
	else if (!(err = vfs_writable(o.dir)))
		err = o.dir->ops->rename
			      ? o.dir->ops->rename(o.dir, o.name, o.len, n.dir, n.name, n.len)
			      : -EROFS;
	vfs_path_done(&n);
	vfs_path_done(&o);
	return err;
}

KM_SYSCALL_DEFINE(rename, 2)
{
	return rename_at(LX_AT_FDCWD, (const char *)a1, LX_AT_FDCWD, (const char *)a2, 0);
}

KM_SYSCALL_DEFINE(renameat, 4)
{
	return rename_at(a1, (const char *)a2, a3, (const char *)a4, 0);
}

KM_SYSCALL_DEFINE(renameat2, 5)
{
	return rename_at(a1, (const char *)a2, a3, (const char *)a4, a5);
}

static long link_at(long olddirfd, const char *oldpath, long newdirfd, const char *newpath,
		    long flags)
{
	struct km_vnode *old;
	struct vfs_path n;
	int err;

	if (flags & ~(long)(LX_AT_SYMLINK_FOLLOW | LX_AT_EMPTY_PATH))
		return -EINVAL;
	err = vfs_lookup((int)olddirfd, oldpath,
			 (flags & LX_AT_SYMLINK_FOLLOW ? 0 : VFS_NOFOLLOW) |
				 (flags & LX_AT_EMPTY_PATH ? VFS_EMPTY : 0),
			 &old);
	if (err)
		return err;
	if (old->type == KM_S_IFDIR) {
		km_vnode_put(old);
		return -EPERM;
	}
	err = vfs_resolve((int)newdirfd, newpath, VFS_NOFOLLOW | VFS_CREATE, &n);
	if (err) {
		km_vnode_put(old);
		return err;
	}
	if (n.vn)
		err = -EEXIST;
	else if (n.trailing)
		err = -ENOENT;
	else if (old->mount != n.dir->mount)
		err = -EXDEV;
	else if (!(err = vfs_writable(n.dir)))
		err = n.dir->ops->link ? n.dir->ops->link(n.dir, n.name, n.len, old) : -EPERM;
	vfs_path_done(&n);
	km_vnode_put(old);
	return err;
}

KM_SYSCALL_DEFINE(link, 2)
{
	return link_at(LX_AT_FDCWD, (const char *)a1, LX_AT_FDCWD, (const char *)a2, 0);
}

KM_SYSCALL_DEFINE(linkat, 5)
{
	return link_at(a1, (const char *)a2, a3, (const char *)a4, a5);
}

static long readlink_at(long dirfd, const char *path, char *buf, long size)
{
	struct km_vnode *vn;
	long n;

	if (size <= 0)
		return -EINVAL;
	if (!buf)
		return -EFAULT;
	n = vfs_lookup((int)dirfd, path, VFS_NOFOLLOW | VFS_EMPTY, &vn);
	if (n)
		return n;
	if (vn->type != KM_S_IFLNK)
		n = path && !*path ? -ENOENT : -EINVAL;
	else
		n = vn->ops->readlink ? vn->ops->readlink(vn, buf, (size_t)size) : -EINVAL;
	km_vnode_put(vn);
	return n;
}

KM_SYSCALL_DEFINE(readlink, 3)
{
	return readlink_at(LX_AT_FDCWD, (const char *)a1, (char *)a2, a3);
}

KM_SYSCALL_DEFINE(readlinkat, 4)
{
	return readlink_at(a1, (const char *)a2, (char *)a3, a4);
}
