/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Path lookup: one component at a time through ops->lookup, with ".",
 * "..", mount crossings (down at a covered directory, up at a mount's
 * root) and symlinks (KM_VFS_SYMLOOP_MAX per walk, then -ELOOP). A symlink
 * met mid-path is expanded into a new string "target/rest of the path".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/plat/timer.h>
#include "vfs_impl.h"

static struct km_vnode *cwd_vn;

struct km_vnode *vfs_cwd(void)
{
	return vfs_ref_slot(&cwd_vn);
}

void vfs_set_cwd(struct km_vnode *vn)
{
	unsigned long irq = km_plat_irq_save();
	struct km_vnode *old = cwd_vn;

	cwd_vn = vn;
	km_plat_irq_restore(irq);
	km_vnode_put(old);
}

int vfs_step(struct km_vnode *dir, const char *name, size_t len, struct km_vnode **out)
{
	struct km_vnode *cur, *root;
	int err;

	if (dir->type != KM_S_IFDIR)
		return -ENOTDIR;
	if (len == 1 && name[0] == '.') {
		km_vnode_ref(dir);
		*out = dir;
		return 0;
	}
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		root = vfs_root();
		km_vnode_ref(dir);
		cur = dir;
		/* Up through mount points: ".." of a mount's root is the
		 * covered directory's "..". Never above the root. */
		while (!vfs_same(cur, root) && vfs_is_mount_root(cur) && cur->mount->covered) {
			struct km_vnode *c = vfs_covered(cur);

			km_vnode_put(cur);
			cur = c;
		}
		if (vfs_same(cur, root) || vfs_is_mount_root(cur)) {
			km_vnode_put(root);
			*out = cur;
			return 0;
		}
		km_vnode_put(root);
		err = cur->ops->lookup ? cur->ops->lookup(cur, name, len, out) : -ENOTDIR;
		km_vnode_put(cur);
	} else {
		err = dir->ops->lookup ? dir->ops->lookup(dir, name, len, out) : -ENOTDIR;
	}
	if (err)
		return err;
	*out = vfs_cross_down(*out);
	return 0;
}

/*
 * Replace the walk's remaining path by the target of symlink @link
 * followed by "/" @rest. @mem owns the current string (freed here).
 */
static int follow(struct km_vnode *link, const char *rest, int *links, char **mem, const char **s)
{
	size_t restlen = strlen(rest);
	char *buf;
	long n;

	if (++*links > KM_VFS_SYMLOOP_MAX)
		return -ELOOP;
	if (!link->ops->readlink)
		return -EINVAL;
	buf = malloc(KM_VFS_PATH_MAX + restlen + 2);
	if (!buf)
		return -ENOMEM;
	n = link->ops->readlink(link, buf, KM_VFS_PATH_MAX);
	if (n <= 0 || memchr(buf, '\0', (size_t)n)) {
		free(buf);
		return n < 0 ? (int)n : -ENOENT;
	}
	if (restlen) {
		buf[n++] = '/';
		memcpy(buf + n, rest, restlen);
		n += (long)restlen;
	}
	buf[n] = '\0';
	if (n >= KM_VFS_PATH_MAX) {
		free(buf);
		return -ENAMETOOLONG;
	}
	free(*mem);
	*mem = buf;
	*s = buf;
	return 0;
}

/* At an absolute path, restart from the root. */
static int maybe_root(const char **s, struct km_vnode **dir)
{
	if (**s != '/')
		return 0;
	km_vnode_put(*dir);
	*dir = vfs_root();
	if (!*dir)
		return -ENOENT;
	while (**s == '/')
		(*s)++;
	return 0;
}

int vfs_resolve_at(struct km_vnode *dir, const char *path, unsigned int flags, struct vfs_path *p)
{
	const char *s = path;
	char *mem = NULL;
	int links = 0, err;
	struct km_vnode *vn;

	memset(p, 0, sizeof(*p));
	if (!*s && !(flags & VFS_EMPTY)) {
		km_vnode_put(dir);
		return -ENOENT;
	}
again:
	if ((err = maybe_root(&s, &dir)))
		goto fail;
	for (;;) {
		size_t n = strcspn(s, "/");
		const char *after = s + n;

		while (*after == '/')
			after++;
		if (n > KM_VFS_NAME_MAX) {
			err = -ENAMETOOLONG;
			goto fail;
		}
		if (!n) { /* "/" or "" (AT_EMPTY_PATH): the directory itself */
			km_vnode_ref(dir);
			p->dir = dir;
			p->vn = dir;
			free(mem);
			return 0;
		}
		if (!*after) { /* the last component */
			p->trailing = after != s + n;
			memcpy(p->name, s, n);
			p->name[n] = '\0';
			p->len = n;
			break;
		}
		err = vfs_step(dir, s, n, &vn);
		if (err)
			goto fail;
		if (vn->type == KM_S_IFLNK) {
			err = follow(vn, after, &links, &mem, &s);
			km_vnode_put(vn);
			if (err)
				goto fail;
			goto again;
		}
		if (vn->type != KM_S_IFDIR) {
			km_vnode_put(vn);
			err = -ENOTDIR;
			goto fail;
		}
		km_vnode_put(dir);
		dir = vn;
		s = after;
	}
	err = vfs_step(dir, p->name, p->len, &vn);
	if (err == -ENOENT && (flags & VFS_CREATE)) {
		vn = NULL;
		err = 0;
	}
	if (err)
		goto fail;
	if (vn && vn->type == KM_S_IFLNK && (!(flags & VFS_NOFOLLOW) || p->trailing)) {
		/* Keep a trailing slash: "link/" must name a directory. */
		err = follow(vn, p->trailing ? "/" : "", &links, &mem, &s);
		km_vnode_put(vn);
		if (err)
			goto fail;
		p->len = 0;
		p->trailing = 0;
		goto again;
	}
	if (vn && p->trailing && vn->type != KM_S_IFDIR) {
		km_vnode_put(vn);
		err = -ENOTDIR;
		goto fail;
	}
	p->dir = dir;
	p->vn = vn;
	free(mem);
	return 0;
fail:
	km_vnode_put(dir);
	free(mem);
	memset(p, 0, sizeof(*p));
	return err;
}

/* The starting directory of a walk from @dirfd, for a relative @path. */
static int start_dir(int dirfd, const char *path, struct km_vnode **out)
{
	int err;

	if (*path == '/' || dirfd == LX_AT_FDCWD) {
		*out = *path == '/' ? vfs_root() : vfs_cwd();
		return *out ? 0 : -ENOENT;
	}
	err = vfs_fd_vnode(dirfd, out, -ENOTDIR);
	if (!err && (*out)->type != KM_S_IFDIR && *path) {
		km_vnode_put(*out);
		err = -ENOTDIR;
	}
	return err;
}

int vfs_resolve(int dirfd, const char *path, unsigned int flags, struct vfs_path *p)
{
	struct km_vnode *start;
	size_t len;
	int err;

	if (!path)
		return -EFAULT;
	len = strnlen(path, KM_VFS_PATH_MAX);
	if (len >= KM_VFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (!len && !(flags & VFS_EMPTY))
		return -ENOENT;
	err = start_dir(dirfd, path, &start);
	if (err)
		return err;
	return vfs_resolve_at(start, path, flags, p);
}

void vfs_path_done(struct vfs_path *p)
{
	km_vnode_put(p->vn);
	km_vnode_put(p->dir);
	p->vn = p->dir = NULL;
}

int vfs_lookup(int dirfd, const char *path, unsigned int flags, struct km_vnode **out)
{
	struct vfs_path p;
	int err = vfs_resolve(dirfd, path, flags & ~(unsigned int)VFS_CREATE, &p);

	if (err)
		return err;
	*out = p.vn;
	p.vn = NULL;
	vfs_path_done(&p);
	return 0;
}
