/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * getcwd, chdir, fchdir. The working directory is a vnode; its name is
 * found when asked, by walking ".." and searching each parent for the
 * child's inode number (no name cache to keep in step with renames).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/syscall.h>
#include "vfs_impl.h"

struct find_ctx {
	uint64_t ino;
	char *name;
	size_t len;
};

static int find_ino(void *c, const char *name, size_t len, uint64_t ino, unsigned int dtype,
		    uint64_t next)
{
	struct find_ctx *ctx = c;

	(void)dtype;
	(void)next;
	if (ino != ctx->ino)
		return 0;
	memcpy(ctx->name, name, len);
	ctx->len = len;
	return 1;
}

/* Prepend "/" @name to the path being built backwards at @buf + *@at. */
static int prepend(char *buf, size_t *at, const char *name, size_t len)
{
	if (*at < len + 1)
		return -ERANGE;
	*at -= len;
	memcpy(buf + *at, name, len);
	buf[--*at] = '/';
	return 0;
}

/* The absolute path of directory @dir into @out (size @size): its length
 * with the NUL, or -ERANGE, -ENOENT (@dir was removed), -ENOMEM. */
static long dir_path(struct km_vnode *dir, char *out, size_t size)
{
	char *buf = malloc(KM_VFS_PATH_MAX + KM_VFS_NAME_MAX + 1);
	char *name = buf + KM_VFS_PATH_MAX;
	struct km_vnode *root = vfs_root(), *cur = dir, *up;
	size_t at = KM_VFS_PATH_MAX - 1;
	long err = 0;

	if (!buf || !root) {
		free(buf);
		km_vnode_put(root);
		return -ENOMEM;
	}
	buf[at] = '\0';
	km_vnode_ref(cur);
	while (!vfs_same(cur, root)) {
		struct find_ctx ctx = { cur->ino, name, 0 };
		struct km_vnode *named = cur;

		/* A mount's root is named by the directory it covers. */
		if (vfs_is_mount_root(cur) && cur->mount->covered) {
			named = vfs_covered(cur);
			km_vnode_put(cur);
			cur = named;
			ctx.ino = cur->ino;
			if (vfs_same(cur, root))
				break;
		}
		err = vfs_step(cur, "..", 2, &up);
		if (err)
			break;
		if (vfs_same(up, cur)) { /* a root that is not ours */
			km_vnode_put(up);
			err = -ENOENT;
			break;
		}
		err = up->ops->readdir ? up->ops->readdir(up, 0, find_ino, &ctx) : -ENOENT;
		if (!err && !ctx.len)
			err = -ENOENT; /* removed, as Linux's "(unreachable)" */
		if (!err)
			err = prepend(buf, &at, name, ctx.len);
		km_vnode_put(cur);
		cur = up;
		if (err)
			break;
	}
	km_vnode_put(cur);
	km_vnode_put(root);
	if (!err && at == KM_VFS_PATH_MAX - 1)
		buf[--at] = '/';
	if (!err) {
		size_t len = KM_VFS_PATH_MAX - at;

		if (len > size)
			err = -ERANGE;
		else {
			memcpy(out, buf + at, len);
			err = (long)len;
		}
	}
	free(buf);
	return err;
}

KM_SYSCALL_DEFINE(getcwd, 2)
{
	struct km_vnode *cwd;
	long ret;

	if (!a1)
		return -EFAULT;
	if (!a2)
		return -ERANGE;
	cwd = vfs_cwd();
	if (!cwd)
		return -ENOENT;
	ret = dir_path(cwd, (char *)a1, (size_t)a2);
	km_vnode_put(cwd);
	return ret;
}

static long chdir_vn(struct km_vnode *vn)
{
	if (vn->type != KM_S_IFDIR) {
		km_vnode_put(vn);
		return -ENOTDIR;
	}
	vfs_set_cwd(vn);
	return 0;
}

KM_SYSCALL_DEFINE(chdir, 1)
{
	struct km_vnode *vn;
	long err = vfs_lookup(LX_AT_FDCWD, (const char *)a1, 0, &vn);

	return err ? err : chdir_vn(vn);
}

KM_SYSCALL_DEFINE(fchdir, 1)
{
	struct km_vnode *vn;
	long err = vfs_fd_vnode((int)a1, &vn, -ENOTDIR);

	return err ? err : chdir_vn(vn);
}
