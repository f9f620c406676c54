/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ramfs: a writable file system in memory (km/ramfs.h). One mutex per
 * mount guards every node; vnodes are made fresh by each lookup (the
 * contract allows two for one file), and a node lives while a directory
 * names it or a vnode points at it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/alloc.h>
#include <km/print.h>
#include "ramfs_impl.h"

#define RAMFS_MAGIC   0x858458f6
#define RAMFS_MAX_OFF ((uint64_t)1 << 44) /* 16 TiB, past it -EFBIG */

#define DT_FIFO 1
#define DT_CHR	2
#define DT_DIR	4
#define DT_BLK	6
#define DT_REG	8
#define DT_LNK	10
#define DT_SOCK 12

static const struct km_vnode_ops ramfs_vops;

static struct ramfs *fs_of(struct km_vnode *vn)
{
	return vn->mount->priv;
}

static struct ramfs_node *node_of(struct km_vnode *vn)
{
	return vn->priv;
}

static void lock(struct km_vnode *vn)
{
	km_mutex_lock(&fs_of(vn)->lock);
}

static void unlock(struct km_vnode *vn)
{
	km_mutex_unlock(&fs_of(vn)->lock);
}

static void node_free(struct ramfs *fs, struct ramfs_node *n)
{
	ramfs_map_trim(&n->map, 0);
	free(n->target);
	free(n);
	fs->nodes--;
}

/* A node that lost its last name and its last vnode goes. Lock held. */
static void maybe_free(struct ramfs *fs, struct ramfs_node *n)
{
	if (!n->nlink && !n->vnodes)
		node_free(fs, n);
}

static struct ramfs_node *node_new(struct ramfs *fs, uint32_t mode)
{
	struct ramfs_node *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->mode = mode;
	n->ino = fs->next_ino++;
	n->atime = n->mtime = n->ctime = km_vfs_now();
	n->tail = &n->entries;
	fs->nodes++;
	return n;
}

/* A vnode for @n, lock held. */
static int vnode_for(struct km_mount *mp, struct ramfs_node *n, struct km_vnode **out)
{
	struct km_vnode *vn = km_vnode_alloc(mp, &ramfs_vops, n->mode & KM_S_IFMT, n->ino, n);

	if (!vn)
		return -ENOMEM;
	n->vnodes++;
	*out = vn;
	return 0;
}

static struct ramfs_dirent *find(struct ramfs_node *dir, const char *name, size_t len,
				 struct ramfs_dirent ***link)
{
	struct ramfs_dirent **pp;

	for (pp = &dir->entries; *pp; pp = &(*pp)->next)
		if ((*pp)->len == len && !memcmp((*pp)->name, name, len)) {
			if (link)
				*link = pp;
			return *pp;
		}
	return NULL;
}

static struct ramfs_dirent *dirent_new(const char *name, size_t len, struct ramfs_node *n)
{
	struct ramfs_dirent *d = malloc(sizeof(*d) + len);

	if (d) {
		d->node = n;
		d->len = len;
		memcpy(d->name, name, len);
	}
	return d;
}

static void dir_append(struct ramfs_node *dir, struct ramfs_dirent *d)
{
	d->next = NULL;
	d->cookie = dir->next_cookie++;
	*dir->tail = d;
	dir->tail = &d->next;
	dir->mtime = dir->ctime = km_vfs_now();
}

static void dir_remove(struct ramfs_node *dir, struct ramfs_dirent **link)
{
	struct ramfs_dirent *d = *link;

	*link = d->next;
	if (dir->tail == &d->next)
		dir->tail = link;
	dir->mtime = dir->ctime = km_vfs_now();
	free(d);
}

static int ramfs_lookup(struct km_vnode *dvn, const char *name, size_t len, struct km_vnode **out)
{
	struct ramfs_node *dir = node_of(dvn), *n = NULL;
	struct ramfs_dirent *d;
	int err;

	lock(dvn);
	if (len == 2 && name[0] == '.' && name[1] == '.')
		n = dir->parent;
	else if ((d = find(dir, name, len, NULL)))
		n = d->node;
	err = n ? vnode_for(dvn->mount, n, out) : -ENOENT;
	unlock(dvn);
	return err;
}

/* Make a node of @mode named @name in @dvn. Lock taken here. */
static int make(struct km_vnode *dvn, const char *name, size_t len, uint32_t mode,
		const char *target, struct km_vnode **out)
{
	struct ramfs *fs = fs_of(dvn);
	struct ramfs_node *dir = node_of(dvn), *n;
	struct ramfs_dirent *d;
	int err = 0;

	lock(dvn);
	if (!dir->nlink)
		err = -ENOENT; /* the directory was removed */
	else if (find(dir, name, len, NULL))
		err = -EEXIST;
	if (err) {
		unlock(dvn);
		return err;
	}
	n = node_new(fs, mode);
	d = n ? dirent_new(name, len, n) : NULL;
	if (n && target && !(n->target = strdup(target)))
		d = (free(d), NULL);
	if (!d || (err = vnode_for(dvn->mount, n, out))) {
		free(d);
		if (n)
			node_free(fs, n);
		unlock(dvn);
		return err ? err : -ENOSPC;
	}
	n->nlink = 1;
	if ((mode & KM_S_IFMT) == KM_S_IFDIR) {
		n->nlink = 2;
		n->parent = dir;
		dir->nlink++;
	}
	if (target)
		n->size = strlen(target);
	dir_append(dir, d);
	unlock(dvn);
	return 0;
}

static int ramfs_create(struct km_vnode *dvn, const char *name, size_t len, uint32_t mode,
			struct km_vnode **out)
{
	return make(dvn, name, len, KM_S_IFREG | (mode & 07777), NULL, out);
}

static int ramfs_mkdir(struct km_vnode *dvn, const char *name, size_t len, uint32_t mode,
		       struct km_vnode **out)
{
	return make(dvn, name, len, KM_S_IFDIR | (mode & 07777), NULL, out);
}

static int ramfs_symlink(struct km_vnode *dvn, const char *name, size_t len, const char *target,
			 struct km_vnode **out)
{
	return make(dvn, name, len, KM_S_IFLNK | 0777, target, out);
}

static int ramfs_link(struct km_vnode *dvn, const char *name, size_t len, struct km_vnode *target)
{
	struct ramfs_node *dir = node_of(dvn), *n = node_of(target);
	struct ramfs_dirent *d;
	int err = 0;

	if (target->mount != dvn->mount)
		return -EXDEV;
	lock(dvn);
	if (!dir->nlink || !n->nlink)
		err = -ENOENT;
	else if (find(dir, name, len, NULL))
		err = -EEXIST;
	else if (!(d = dirent_new(name, len, n)))
		err = -ENOSPC;
	else {
		n->nlink++;
		n->ctime = km_vfs_now();
		dir_append(dir, d);
	}
	unlock(dvn);
	return err;
}

static int is_dir(const struct ramfs_node *n)
{
	return (n->mode & KM_S_IFMT) == KM_S_IFDIR;
}

/* Drop the name @link points at from @dir. Lock held. */
static void drop(struct ramfs *fs, struct ramfs_node *dir, struct ramfs_dirent **link)
{
	struct ramfs_node *n = (*link)->node;

	dir_remove(dir, link);
	if (is_dir(n)) {
		n->nlink = 0;
		dir->nlink--;
	} else {
		n->nlink--;
	}
	n->ctime = km_vfs_now();
	maybe_free(fs, n);
}

static int remove_name(struct km_vnode *dvn, const char *name, size_t len, int want_dir)
{
	struct ramfs_node *dir = node_of(dvn);
	struct ramfs_dirent *d, **link;
	int err = 0;

	lock(dvn);
	d = find(dir, name, len, &link);
	if (!d)
		err = -ENOENT;
	else if (want_dir && !is_dir(d->node))
		err = -ENOTDIR;
	else if (!want_dir && is_dir(d->node))
		err = -EISDIR;
	else if (want_dir && d->node->entries)
		err = -ENOTEMPTY;
	else
		drop(fs_of(dvn), dir, link);
	unlock(dvn);
	return err;
}

static int ramfs_unlink(struct km_vnode *dvn, const char *name, size_t len)
{
	return remove_name(dvn, name, len, 0);
}

static int ramfs_rmdir(struct km_vnode *dvn, const char *name, size_t len)
{
	return remove_name(dvn, name, len, 1);
}

static int ramfs_rename(struct km_vnode *odvn, const char *oname, size_t olen,
			struct km_vnode *ndvn, const char *nname, size_t nlen)
{
	struct ramfs_node *odir = node_of(odvn), *ndir = node_of(ndvn), *n;
	struct ramfs_dirent *od, *nd, **olink = NULL, **nlink = NULL, *moved;
	int err = 0;

	lock(odvn);
	od = find(odir, oname, olen, &olink);
	nd = find(ndir, nname, nlen, &nlink);
	if (!od)
		err = -ENOENT;
	else if (!ndir->nlink)
		err = -ENOENT;
	else if (nd && nd->node == od->node)
		err = 0;
	else if (nd && is_dir(od->node) && !is_dir(nd->node))
		err = -ENOTDIR;
	else if (nd && !is_dir(od->node) && is_dir(nd->node))
		err = -EISDIR;
	else if (nd && is_dir(nd->node) && nd->node->entries)
		err = -ENOTEMPTY;
	else if (!(moved = dirent_new(nname, nlen, od->node)))
		err = -ENOSPC;
	else {
		if (nd)
			drop(fs_of(odvn), ndir, nlink);
		/* The old entry is found again: dropping @nd may have moved it. */
		od = find(odir, oname, olen, &olink);
		n = od->node;
		dir_remove(odir, olink);
		dir_append(ndir, moved);
		if (is_dir(n) && odir != ndir) {
			odir->nlink--;
			ndir->nlink++;
			n->parent = ndir;
		}
		n->ctime = km_vfs_now();
	}
	unlock(odvn);
	return err;
}

static int ramfs_readdir(struct km_vnode *dvn, uint64_t cookie, km_vfs_filldir_fn fill, void *ctx)
{
	static const unsigned char dtypes[16] = {
		[1] = DT_FIFO, [2] = DT_CHR,  [4] = DT_DIR,  [6] = DT_BLK,
		[8] = DT_REG,  [10] = DT_LNK, [12] = DT_SOCK
	};
	struct ramfs_node *dir = node_of(dvn);

	lock(dvn);
	for (struct ramfs_dirent *d = dir->entries; d; d = d->next) {
		if (d->cookie < cookie)
			continue;
		if (fill(ctx, d->name, d->len, d->node->ino, dtypes[(d->node->mode >> 12) & 15],
			 d->cookie + 1))
			break;
	}
	dir->atime = km_vfs_now();
	unlock(dvn);
	return 0;
}

static int ramfs_getattr(struct km_vnode *vn, struct km_vattr *va)
{
	struct ramfs_node *n = node_of(vn);

	lock(vn);
	va->mode = n->mode;
	va->uid = n->uid;
	va->gid = n->gid;
	va->nlink = n->nlink;
	va->ino = n->ino;
	va->size = is_dir(n) ? RAMFS_BLOCK : n->size;
	va->blocks = n->map.blocks * (RAMFS_BLOCK / 512);
	va->rdev = n->rdev;
	va->atime = n->atime;
	va->mtime = n->mtime;
	va->ctime = n->ctime;
	unlock(vn);
	return 0;
}

/* Set the size of regular file @n to @size. Lock held. */
static int resize(struct ramfs_node *n, uint64_t size)
{
	if (size > RAMFS_MAX_OFF)
		return -EFBIG;
	if (size < n->size) {
		uint64_t keep = (size + RAMFS_BLOCK - 1) / RAMFS_BLOCK;
		char *b = size % RAMFS_BLOCK ? ramfs_map_get(&n->map, size / RAMFS_BLOCK) : NULL;

		ramfs_map_trim(&n->map, keep);
		/* The kept part of the last block must read as zeros past the
		 * end if the file grows again. */
		if (b)
			memset(b + size % RAMFS_BLOCK, 0, RAMFS_BLOCK - size % RAMFS_BLOCK);
	}
	n->size = size;
	n->mtime = n->ctime = km_vfs_now();
	return 0;
}

static int ramfs_setattr(struct km_vnode *vn, const struct km_vattr *va, unsigned int mask)
{
	struct ramfs_node *n = node_of(vn);
	int err = 0;

	lock(vn);
	if (mask & KM_VATTR_SIZE)
		err = is_dir(n) ? -EISDIR : resize(n, va->size);
	if (!err) {
		if (mask & KM_VATTR_MODE)
			n->mode = (n->mode & KM_S_IFMT) | (va->mode & 07777);
		if (mask & KM_VATTR_UID)
			n->uid = va->uid;
		if (mask & KM_VATTR_GID)
			n->gid = va->gid;
		if (mask & KM_VATTR_ATIME)
			n->atime = va->atime;
		if (mask & KM_VATTR_MTIME)
			n->mtime = va->mtime;
		n->ctime = km_vfs_now();
	}
	unlock(vn);
	return err;
}

static long ramfs_readlink(struct km_vnode *vn, char *buf, size_t len)
{
	struct ramfs_node *n = node_of(vn);
	size_t l;

	lock(vn);
	l = KM_MIN(len, (size_t)n->size);
	memcpy(buf, n->target, l);
	unlock(vn);
	return (long)l;
}

static long ramfs_read(struct km_vnode *vn, void *handle, void *buf, size_t len, uint64_t off)
{
	struct ramfs_node *n = node_of(vn);
	size_t done = 0;

	(void)handle;
	lock(vn);
	if (off < n->size)
		len = (size_t)KM_MIN((uint64_t)len, n->size - off);
	else
		len = 0;
	while (done < len) {
		uint64_t pos = off + done;
		size_t in = (size_t)(pos % RAMFS_BLOCK),
		       chunk = KM_MIN(len - done, RAMFS_BLOCK - in);
		const char *b = ramfs_map_get(&n->map, pos / RAMFS_BLOCK);

		if (b)
			memcpy((char *)buf + done, b + in, chunk);
		else
			memset((char *)buf + done, 0, chunk); /* a hole */
		done += chunk;
	}
	unlock(vn);
	return (long)done;
}

static long ramfs_write(struct km_vnode *vn, void *handle, const void *buf, size_t len,
			uint64_t off)
{
	struct ramfs_node *n = node_of(vn);
	size_t done = 0;

	(void)handle;
	if (off >= RAMFS_MAX_OFF)
		return -EFBIG;
	len = (size_t)KM_MIN((uint64_t)len, RAMFS_MAX_OFF - off);
	lock(vn);
	while (done < len) {
		uint64_t pos = off + done;
		size_t in = (size_t)(pos % RAMFS_BLOCK),
		       chunk = KM_MIN(len - done, RAMFS_BLOCK - in);
		char *b = ramfs_map_get_or_alloc(&n->map, pos / RAMFS_BLOCK);

		if (!b)
			break; /* out of memory: what fitted, or -ENOSPC */
		memcpy(b + in, (const char *)buf + done, chunk);
		done += chunk;
	}
	if (done) {
		if (off + done > n->size)
			n->size = off + done;
		n->mtime = n->ctime = km_vfs_now();
	}
	unlock(vn);
	return done || !len ? (long)done : -ENOSPC;
}

static void ramfs_inactive(struct km_vnode *vn)
{
	struct ramfs_node *n = node_of(vn);

	lock(vn);
	n->vnodes--;
	maybe_free(fs_of(vn), n);
	unlock(vn);
}

static const struct km_vnode_ops ramfs_vops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.readdir = ramfs_readdir,
	.getattr = ramfs_getattr,
	.setattr = ramfs_setattr,
	.readlink = ramfs_readlink,
	.read = ramfs_read,
	.write = ramfs_write,
	.inactive = ramfs_inactive,
};

static int ramfs_mount(struct km_mount *mp, const char *source, const char *options)
{
	struct ramfs *fs;
	struct ramfs_node *root;
	int err;

	(void)source;
	if (*options) {
		km_pr_err("ramfs: unknown mount options '%s' (ramfs takes none)\n", options);
		return -EINVAL;
	}
	fs = calloc(1, sizeof(*fs));
	if (!fs)
		return -ENOMEM;
	km_mutex_init(&fs->lock, 0);
	fs->next_ino = 1;
	mp->priv = fs;
	root = node_new(fs, KM_S_IFDIR | 0755);
	if (!root) {
		free(fs);
		return -ENOMEM;
	}
	root->nlink = 2;
	root->parent = root;
	err = vnode_for(mp, root, &mp->root);
	if (err) {
		node_free(fs, root);
		free(fs);
	}
	return err;
}

/* Every node goes (the VFS checked that no vnode but the root is alive). */
static void free_tree(struct ramfs *fs, struct ramfs_node *dir)
{
	while (dir->entries) {
		struct ramfs_dirent *d = dir->entries;
		struct ramfs_node *n = d->node;

		dir->entries = d->next;
		free(d);
		if (is_dir(n)) {
			free_tree(fs, n);
			node_free(fs, n);
		} else if (!--n->nlink) {
			node_free(fs, n);
		}
	}
}

static int ramfs_unmount(struct km_mount *mp)
{
	struct ramfs *fs = mp->priv;
	struct ramfs_node *root = node_of(mp->root);

	km_mutex_lock(&fs->lock);
	free_tree(fs, root);
	root->nlink = 0; /* freed with the root vnode */
	km_mutex_unlock(&fs->lock);
	return 0;
}

static int ramfs_statfs(struct km_mount *mp, struct km_statfs_info *st)
{
	struct ramfs *fs = mp->priv;
	uint64_t avail = km_alloc_available() / RAMFS_BLOCK;

	st->magic = RAMFS_MAGIC;
	st->bsize = RAMFS_BLOCK;
	st->bfree = st->bavail = avail;
	st->blocks = avail + fs->nodes; /* a rough total: free plus one per node */
	st->files = fs->nodes + avail;
	st->ffree = avail;
	st->namelen = KM_VFS_NAME_MAX;
	return 0;
}

static const struct km_vfsops ramfs_ops = {
	.name = "ramfs",
	.mount = ramfs_mount,
	.unmount = ramfs_unmount,
	.statfs = ramfs_statfs,
};
KM_VFS_REGISTER(ramfs_ops);
