/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fstype "9pfs": a host folder shared by QEMU over virtio-9p, mounted by
 * its mount_tag (vfs.fstab=fs0:/host:9pfs). Each vnode holds a walked,
 * unopened fid; each open file gets a fid of its own, opened with lopen
 * (or lcreate), which release clunks. Vnodes are not shared between
 * lookups (km/vfs_driver.h allows it): files compare by (mount, qid.path).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <km/print.h>
#include <km/vfs_driver.h>
#include <km/virtio_9p.h>
#include "9p_client.h"

#define V9FS_MAGIC	0x01021997
#define NINEPFS_MSIZE	(512 * 1024 + P9_IOHDR_SIZE)
#define AT_REMOVEDIR	0x200
#define O_ACCMODE_BITS	03
#define O_TRUNC_BIT	01000
#define O_DIRECTORY_BIT 0200000
#define KM_9PFS_DIRBUF	(P9_SMALL_BUF - P9_RREAD_HDR)

struct ninepfs {
	struct p9_client client;
	struct km_virtio_9p *chan;
};

struct ninepfs_node {
	uint32_t fid;
};

struct ninepfs_open {
	uint32_t fid;
	uint32_t iounit;
};

static const struct km_vnode_ops ninepfs_vops;

static struct p9_client *client_of(struct km_vnode *vn)
{
	return &((struct ninepfs *)vn->mount->priv)->client;
}

static uint32_t fid_of(struct km_vnode *vn)
{
	return ((struct ninepfs_node *)vn->priv)->fid;
}

static long transport(void *ctx, const struct p9_iov *iov, unsigned int nout, unsigned int nin)
{
	struct km_virtq_seg segs[4];

	for (unsigned int i = 0; i < nout + nin && i < 4; i++) {
		segs[i].addr = iov[i].base;
		segs[i].len = iov[i].len;
	}
	return km_virtio_9p_rpc(ctx, segs, nout, nin);
}

static uint32_t type_of_mode(uint32_t mode)
{
	return mode & KM_S_IFMT;
}

/* A vnode for @fid (walked to the file): its type from getattr. On error
 * the fid is clunked. */
static int make_vnode(struct km_mount *mp, uint32_t fid, struct km_vnode **out)
{
	struct p9_client *c = &((struct ninepfs *)mp->priv)->client;
	struct ninepfs_node *node;
	struct p9_attr a;
	int rc = p9_getattr(c, fid, &a);

	if (rc < 0)
		goto fail;
	node = malloc(sizeof(*node));
	if (!node) {
		rc = -ENOMEM;
		goto fail;
	}
	node->fid = fid;
	*out = km_vnode_alloc(mp, &ninepfs_vops, type_of_mode(a.mode), a.qid.path, node);
	if (!*out) {
		free(node);
		rc = -ENOMEM;
		goto fail;
	}
	return 0;
fail:
	p9_clunk(c, fid);
	return rc;
}

/* Walk one name from @dir to a new fid and make its vnode. */
static int walk_to_vnode(struct km_vnode *dir, const char *name, size_t len, struct km_vnode **out)
{
	struct p9_client *c = client_of(dir);
	uint32_t fid = p9_fid_alloc(c);
	struct p9_qid qid;
	int rc = p9_walk(c, fid_of(dir), fid, 1, &name, &len, &qid);

	if (rc < 0) {
		p9_clunk(c, fid); /* unbound: the server says so, the number is freed */
		return rc;
	}
	return make_vnode(dir->mount, fid, out);
}

static int ninepfs_lookup(struct km_vnode *dir, const char *name, size_t len, struct km_vnode **out)
{
	return walk_to_vnode(dir, name, len, out);
}

static int ninepfs_create(struct km_vnode *dir, const char *name, size_t len, uint32_t mode,
			  struct km_vnode **out)
{
	struct p9_client *c = client_of(dir);
	uint32_t fid = p9_fid_alloc(c);
	struct p9_qid qid;
	int rc = p9_walk(c, fid_of(dir), fid, 0, NULL, NULL, NULL);

	if (rc == 0) {
		/* lcreate turns the clone into an open fid of the new file */
		rc = p9_lcreate(c, fid, name, len, 02 /* O_RDWR */, mode & 07777, &qid, NULL);
	}
	p9_clunk(c, fid);
	return rc < 0 ? rc : walk_to_vnode(dir, name, len, out);
}

static int ninepfs_mkdir(struct km_vnode *dir, const char *name, size_t len, uint32_t mode,
			 struct km_vnode **out)
{
	struct p9_qid qid;
	int rc = p9_mkdir(client_of(dir), fid_of(dir), name, len, mode & 07777, &qid);

	return rc < 0 ? rc : walk_to_vnode(dir, name, len, out);
}

static int ninepfs_symlink(struct km_vnode *dir, const char *name, size_t len, const char *target,
			   struct km_vnode **out)
{
	struct p9_qid qid;
	int rc = p9_symlink(client_of(dir), fid_of(dir), name, len, target, &qid);

	return rc < 0 ? rc : walk_to_vnode(dir, name, len, out);
}

static int ninepfs_link(struct km_vnode *dir, const char *name, size_t len, struct km_vnode *target)
{
	return p9_link(client_of(dir), fid_of(dir), fid_of(target), name, len);
}

static int ninepfs_unlink(struct km_vnode *dir, const char *name, size_t len)
{
	return p9_unlinkat(client_of(dir), fid_of(dir), name, len, 0);
}

static int ninepfs_rmdir(struct km_vnode *dir, const char *name, size_t len)
{
	return p9_unlinkat(client_of(dir), fid_of(dir), name, len, AT_REMOVEDIR);
}

static int ninepfs_rename(struct km_vnode *olddir, const char *oldname, size_t oldlen,
			  struct km_vnode *newdir, const char *newname, size_t newlen)
{
	return p9_renameat(client_of(olddir), fid_of(olddir), oldname, oldlen, fid_of(newdir),
			   newname, newlen);
}

/* A new fid of @vn opened with @flags. */
static int open_fid(struct km_vnode *vn, uint32_t flags, uint32_t *fid, uint32_t *iounit)
{
	struct p9_client *c = client_of(vn);
	int rc;

	*fid = p9_fid_alloc(c);
	rc = p9_walk(c, fid_of(vn), *fid, 0, NULL, NULL, NULL);
	if (rc == 0)
		rc = p9_lopen(c, *fid, flags, NULL, iounit);
	if (rc < 0)
		p9_clunk(c, *fid);
	return rc;
}

static int ninepfs_readdir(struct km_vnode *dir, uint64_t cookie, km_vfs_filldir_fn fill, void *ctx)
{
	struct p9_client *c = client_of(dir);
	uint8_t *buf = malloc(KM_9PFS_DIRBUF);
	uint32_t fid;
	int rc;

	if (!buf)
		return -ENOMEM;
	rc = open_fid(dir, O_DIRECTORY_BIT, &fid, NULL);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	for (;;) {
		long n = p9_readdir(c, fid, cookie, buf, KM_9PFS_DIRBUF);
		struct p9_dirent d;
		size_t pos = 0;
		int more;

		if (n <= 0) {
			rc = (int)n;
			break;
		}
		while ((more = p9_dirent_next(buf, (size_t)n, &pos, &d)) == 1) {
			cookie = d.offset;
			if ((d.name.len == 1 && d.name.s[0] == '.') ||
			    (d.name.len == 2 && !memcmp(d.name.s, "..", 2)))
				continue;
			if (fill(ctx, d.name.s, d.name.len, d.qid.path, d.type, d.offset))
				goto full;
		}
		if (more < 0) {
			rc = -EIO;
			break;
		}
	}
full:
	p9_clunk(c, fid);
	free(buf);
	return rc;
}

static int ninepfs_getattr(struct km_vnode *vn, struct km_vattr *va)
{
	struct p9_attr a;
	int rc = p9_getattr(client_of(vn), fid_of(vn), &a);

	if (rc < 0)
		return rc;
	va->mode = a.mode;
	va->uid = a.uid;
	va->gid = a.gid;
	va->nlink = a.nlink;
	va->ino = a.qid.path;
	va->size = a.size;
	va->blocks = a.blocks;
	va->rdev = a.rdev;
	va->atime = (struct km_vfs_time){ (int64_t)a.atime_sec, (uint32_t)a.atime_nsec };
	va->mtime = (struct km_vfs_time){ (int64_t)a.mtime_sec, (uint32_t)a.mtime_nsec };
	va->ctime = (struct km_vfs_time){ (int64_t)a.ctime_sec, (uint32_t)a.ctime_nsec };
	return 0;
}

static int ninepfs_setattr(struct km_vnode *vn, const struct km_vattr *va, unsigned int mask)
{
	struct p9_attr a = { 0 };
	uint32_t valid = 0;

	if (mask & KM_VATTR_MODE)
		valid |= P9_SETATTR_MODE, a.mode = va->mode & 07777;
	if (mask & KM_VATTR_UID)
		valid |= P9_SETATTR_UID, a.uid = va->uid;
	if (mask & KM_VATTR_GID)
		valid |= P9_SETATTR_GID, a.gid = va->gid;
	if (mask & KM_VATTR_SIZE)
		valid |= P9_SETATTR_SIZE, a.size = va->size;
	if (mask & KM_VATTR_ATIME) {
		valid |= P9_SETATTR_ATIME | P9_SETATTR_ATIME_SET;
		a.atime_sec = (uint64_t)va->atime.sec;
		a.atime_nsec = va->atime.nsec;
	}
	if (mask & KM_VATTR_MTIME) {
		valid |= P9_SETATTR_MTIME | P9_SETATTR_MTIME_SET;
		a.mtime_sec = (uint64_t)va->mtime.sec;
		a.mtime_nsec = va->mtime.nsec;
	}
	if (mask & (KM_VATTR_SIZE | KM_VATTR_MODE | KM_VATTR_UID | KM_VATTR_GID))
		valid |= P9_SETATTR_CTIME;
	return p9_setattr(client_of(vn), fid_of(vn), valid, &a);
}

static long ninepfs_readlink(struct km_vnode *vn, char *buf, size_t len)
{
	return p9_readlink(client_of(vn), fid_of(vn), buf, len);
}

static int ninepfs_open(struct km_vnode *vn, unsigned int oflags, void **handle)
{
	struct ninepfs_open *h = malloc(sizeof(*h));
	uint32_t flags = oflags & (O_ACCMODE_BITS | O_TRUNC_BIT);
	int rc;

	if (!h)
		return -ENOMEM;
	if (vn->type == KM_S_IFDIR) {
		/* readdir opens its own fid; nothing for an open directory */
		free(h);
		*handle = NULL;
		return 0;
	}
	if (vn->type != KM_S_IFREG) {
		free(h);
		return -ENXIO; /* device nodes, fifos and sockets of the host */
	}
	rc = open_fid(vn, flags, &h->fid, &h->iounit);
	if (rc < 0) {
		free(h);
		return rc;
	}
	*handle = h;
	return 0;
}

static void ninepfs_release(struct km_vnode *vn, void *handle)
{
	struct ninepfs_open *h = handle;

	if (h) {
		p9_clunk(client_of(vn), h->fid);
		free(h);
	}
}

/*
 * Read or write in chunks of at most what one message carries (or the
 * server's iounit) until done, a short read (the end of the file) or an
 * error; after some bytes an error is left for the next call.
 */
static long transfer(struct km_vnode *vn, struct ninepfs_open *h, char *buf, size_t len,
		     uint64_t off, int writing)
{
	struct p9_client *c = client_of(vn);
	uint32_t max = c->msize - P9_IOHDR_SIZE;
	size_t done = 0;

	if (!h)
		return -EISDIR;
	if (h->iounit && h->iounit < max)
		max = h->iounit;
	while (done < len) {
		uint32_t chunk = len - done > max ? max : (uint32_t)(len - done);
		long n = writing ? p9_write(c, h->fid, off + done, buf + done, chunk)
				 : p9_read(c, h->fid, off + done, buf + done, chunk);

		if (n < 0)
			return done ? (long)done : n;
		if (writing && !n)
			return done ? (long)done : -EIO; /* no progress: never loop */
		done += (size_t)n;
		if (!writing && (uint32_t)n < chunk)
			break;
	}
	return (long)done;
}

static long ninepfs_read(struct km_vnode *vn, void *handle, void *buf, size_t len, uint64_t off)
{
	return transfer(vn, handle, buf, len, off, 0);
}

static long ninepfs_write(struct km_vnode *vn, void *handle, const void *buf, size_t len,
			  uint64_t off)
{
	return transfer(vn, handle, (char *)buf, len, off, 1); /* only read from */
}

static int ninepfs_fsync(struct km_vnode *vn, void *handle)
{
	struct ninepfs_open *h = handle;

	return h ? p9_fsync(client_of(vn), h->fid) : 0;
}

static void ninepfs_inactive(struct km_vnode *vn)
{
	struct ninepfs_node *node = vn->priv;

	if (node) {
		p9_clunk(client_of(vn), node->fid);
		free(node);
	}
}

static const struct km_vnode_ops ninepfs_vops = {
	.lookup = ninepfs_lookup,
	.create = ninepfs_create,
	.mkdir = ninepfs_mkdir,
	.symlink = ninepfs_symlink,
	.link = ninepfs_link,
	.unlink = ninepfs_unlink,
	.rmdir = ninepfs_rmdir,
	.rename = ninepfs_rename,
	.readdir = ninepfs_readdir,
	.getattr = ninepfs_getattr,
	.setattr = ninepfs_setattr,
	.readlink = ninepfs_readlink,
	.open = ninepfs_open,
	.release = ninepfs_release,
	.read = ninepfs_read,
	.write = ninepfs_write,
	.fsync = ninepfs_fsync,
	.inactive = ninepfs_inactive,
};

/* The decoder's complaints about a malformed reply, at error level. */
static void log_decode_error(const char *fmt, ...)
{
	va_list ap;

	if (KM_LOG_ERR > km_print_level)
		return;
	va_start(ap, fmt);
	km_vprintk(KM_LOG_ERR, KM_LIBNAME_STR, fmt, ap);
	va_end(ap);
}

static void log_tags(const char *source)
{
	const char *tag = km_virtio_9p_tag(0);

	if (!tag) {
		km_pr_err("no virtio-9p device for mount_tag \"%s\" (the machine has none: "
			  "QEMU -fsdev local,id=...,path=DIR,security_model=none -device "
			  "virtio-9p-pci,fsdev=...,mount_tag=%s)\n",
			  source, source);
		return;
	}
	km_pr_err("no virtio-9p device with mount_tag \"%s\"; the machine has:\n", source);
	for (unsigned int i = 0; (tag = km_virtio_9p_tag(i)); i++)
		km_pr_err("  \"%s\"\n", tag);
}

static int ninepfs_mount(struct km_mount *mp, const char *source, const char *options)
{
	struct ninepfs *fs;
	struct p9_qid qid;
	uint32_t fid;
	int rc;

	if (options && *options) {
		km_pr_err("unknown mount options \"%s\" (9pfs takes none)\n", options);
		return -EINVAL;
	}
	p9_log = log_decode_error;
	fs = calloc(1, sizeof(*fs));
	if (!fs)
		return -ENOMEM;
	fs->chan = km_virtio_9p_find(source);
	if (!fs->chan) {
		log_tags(source);
		free(fs);
		return -ENODEV;
	}
	rc = p9_connect(&fs->client, transport, fs->chan, NINEPFS_MSIZE);
	if (rc < 0) {
		km_pr_err("%s: version negotiation failed: error %d\n", source, rc);
		free(fs);
		return rc;
	}
	mp->priv = fs;
	fid = p9_fid_alloc(&fs->client);
	rc = p9_attach(&fs->client, fid, "", &qid);
	if (rc < 0) {
		km_pr_err("%s: attach failed: error %d\n", source, rc);
		goto fail;
	}
	rc = make_vnode(mp, fid, &mp->root);
	if (rc < 0)
		goto fail;
	if (mp->root->type != KM_S_IFDIR) {
		km_vnode_put(mp->root);
		rc = -ENOTDIR;
		goto fail;
	}
	return 0;
fail:
	mp->priv = NULL;
	free(fs->client.free_fids);
	free(fs);
	return rc;
}

/* The VFS puts the root vnode after this: its fid is clunked here, while
 * the client still exists, and its inactive then finds nothing to do. */
static int ninepfs_unmount(struct km_mount *mp)
{
	struct ninepfs *fs = mp->priv;
	struct ninepfs_node *root = mp->root->priv;

	if (root) {
		p9_clunk(&fs->client, root->fid);
		free(root);
		mp->root->priv = NULL;
	}
	free(fs->client.free_fids);
	free(fs);
	mp->priv = NULL;
	return 0;
}

static int ninepfs_statfs(struct km_mount *mp, struct km_statfs_info *st)
{
	struct ninepfs *fs = mp->priv;
	struct p9_statfs s;
	int rc = p9_statfs(&fs->client, fid_of(mp->root), &s);

	if (rc < 0)
		return rc;
	st->bsize = s.bsize;
	st->blocks = s.blocks;
	st->bfree = s.bfree;
	st->bavail = s.bavail;
	st->files = s.files;
	st->ffree = s.ffree;
	st->namelen = s.namelen;
	st->magic = V9FS_MAGIC;
	return 0;
}

static const struct km_vfsops ninepfs_ops = {
	.name = "9pfs",
	.mount = ninepfs_mount,
	.unmount = ninepfs_unmount,
	.statfs = ninepfs_statfs,
};
KM_VFS_REGISTER(ninepfs_ops);
