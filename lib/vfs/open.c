/* SPDX-License-Identifier: BSD-3-Clause */
/* Creating names: open/openat/creat, mkdir/mkdirat, symlink/symlinkat. */
#include <errno.h>
#include <string.h>
#include <km/syscall.h>
#include "vfs_impl.h"

/* Create a regular file @p names (p->vn NULL): the new vnode in p->vn. */
static int create_file(struct vfs_path *p, unsigned int mode)
{
	struct km_vnode *dir = p->dir;
	int err;

	if (p->trailing)
		return -EISDIR;
	if ((err = vfs_writable(dir)))
		return err;
	if (!dir->ops->create)
		return -EROFS;
	return dir->ops->create(dir, p->name, p->len, KM_S_IFREG | (mode & 07777 & ~vfs_umask()),
				&p->vn);
}

static long open_at(long dirfd, const char *path, long oflags, long mode)
{
	unsigned int fl = (unsigned int)oflags, acc = fl & LX_O_ACCMODE;
	unsigned int wf = 0;
	struct vfs_path p;
	struct km_vnode *vn;
	int err;

	if ((fl & LX_O_TMPFILE) == LX_O_TMPFILE || (fl & LX_O_TMPFILE))
		return (fl & LX_O_DIRECTORY) ? -EOPNOTSUPP : -EINVAL;
	if ((fl & LX_O_CREAT) && (fl & LX_O_DIRECTORY))
		return -EINVAL; /* as Linux since 6.4 */
	if (fl & LX_O_PATH)
		fl &= LX_O_PATH | LX_O_DIRECTORY | LX_O_NOFOLLOW | LX_O_CLOEXEC;
	if (fl & LX_O_NOFOLLOW)
		wf |= VFS_NOFOLLOW;
	if (fl & LX_O_CREAT) {
		wf |= VFS_CREATE;
		if (fl & LX_O_EXCL)
			wf |= VFS_NOFOLLOW; /* O_EXCL never follows a last symlink */
	}
	err = vfs_resolve((int)dirfd, path, wf, &p);
	if (err)
		return err;
	if (!p.vn) {
		err = create_file(&p, (unsigned int)mode);
		if (err)
			goto out;
	} else if ((fl & LX_O_CREAT) && (fl & LX_O_EXCL)) {
		err = -EEXIST;
		goto out;
	}
	vn = p.vn;
	if (vn->type == KM_S_IFLNK && !(fl & LX_O_PATH)) {
		err = -ELOOP; /* O_NOFOLLOW on a symlink */
	} else if ((fl & LX_O_DIRECTORY) && vn->type != KM_S_IFDIR) {
		err = -ENOTDIR;
	} else if (vn->type == KM_S_IFDIR && !(fl & LX_O_PATH) &&
		   (acc != LX_O_RDONLY || (fl & (LX_O_CREAT | LX_O_TRUNC)))) {
		err = -EISDIR;
	} else if (vn->type == KM_S_IFREG && !(fl & LX_O_PATH) &&
		   (acc != LX_O_RDONLY || (fl & LX_O_TRUNC)) && (err = vfs_writable(vn))) {
		/* err set: a read-only mount */
	} else if (acc == LX_O_ACCMODE && !(fl & LX_O_PATH)) {
		err = -EINVAL;
	} else if (vn->type == KM_S_IFREG && (fl & LX_O_TRUNC) && !(fl & LX_O_PATH)) {
		struct km_vattr va = { .size = 0 };

		err = vfs_setattr(vn, &va, KM_VATTR_SIZE);
	}
	if (err)
		goto out;
	p.vn = NULL;
	err = vfs_file_open(vn, fl);
out:
	vfs_path_done(&p);
	return err;
}

KM_SYSCALL_DEFINE(open, 3)
{
	return open_at(LX_AT_FDCWD, (const char *)a1, a2, a3);
}

KM_SYSCALL_DEFINE(openat, 4)
{
	return open_at(a1, (const char *)a2, a3, a4);
}

KM_SYSCALL_DEFINE(creat, 2)
{
	return open_at(LX_AT_FDCWD, (const char *)a1, LX_O_CREAT | LX_O_WRONLY | LX_O_TRUNC, a2);
}

static long mkdir_at(long dirfd, const char *path, long mode)
{
	struct vfs_path p;
	struct km_vnode *vn = NULL;
	int err = vfs_resolve((int)dirfd, path, VFS_CREATE | VFS_NOFOLLOW, &p);

	if (err)
		return err;
	if (p.vn)
		err = -EEXIST;
	else if (!(err = vfs_writable(p.dir)))
		err = p.dir->ops->mkdir ? p.dir->ops->mkdir(p.dir, p.name, p.len,
							    KM_S_IFDIR | ((unsigned int)mode &
									  07777 & ~vfs_umask()),
							    &vn)
					: -EROFS;
	km_vnode_put(vn);
	vfs_path_done(&p);
	return err;
}

KM_SYSCALL_DEFINE(mkdir, 2)
{
	return mkdir_at(LX_AT_FDCWD, (const char *)a1, a2);
}

KM_SYSCALL_DEFINE(mkdirat, 3)
{
	return mkdir_at(a1, (const char *)a2, a3);
}

static long symlink_at(const char *target, long dirfd, const char *path)
{
	struct vfs_path p;
	struct km_vnode *vn = NULL;
	size_t tlen;
	int err;

	if (!target)
		return -EFAULT;
	tlen = strnlen(target, KM_VFS_PATH_MAX);
	if (!tlen)
		return -ENOENT;
	if (tlen >= KM_VFS_PATH_MAX)
		return -ENAMETOOLONG;
	err = vfs_resolve((int)dirfd, path, VFS_CREATE | VFS_NOFOLLOW, &p);
	if (err)
		return err;
	if (p.vn)
		err = -EEXIST;
	else if (p.trailing)
		err = -ENOENT;
	else if (!(err = vfs_writable(p.dir)))
		err = p.dir->ops->symlink ? p.dir->ops->symlink(p.dir, p.name, p.len, target, &vn)
					  : -EPERM;
	km_vnode_put(vn);
	vfs_path_done(&p);
	return err;
}

KM_SYSCALL_DEFINE(symlink, 2)
{
	return symlink_at((const char *)a1, LX_AT_FDCWD, (const char *)a2);
}

KM_SYSCALL_DEFINE(symlinkat, 3)
{
	return symlink_at((const char *)a1, a2, (const char *)a3);
}
