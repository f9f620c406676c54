/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * devfs at /dev: null, zero, full, random, urandom, console, and
 * stdin/stdout/stderr as symlinks to fd/0, fd/1, fd/2, devices that pass
 * every call to whatever file that descriptor is now (as Linux's
 * /proc/self/fd/N links do, without a /proc). A fixed tree: creating
 * names gives -EROFS, device nodes keep no data.
 */
#include <errno.h>
#include <string.h>
#include <km/init.h>
#include <km/print.h>
#include <km/random.h>
#include <km/syscall.h>
#include <km/vfs.h>

#define MKDEV(ma, mi) (((uint64_t)(ma) << 8) | (mi))
#define DEVFS_MAGIC   0x1373
#define DT_CHR_	      2
#define DT_DIR_	      4
#define DT_LNK_	      10
#define POLLIN_	      0x001
#define POLLOUT_      0x004

struct devnode {
	const char *name;
	uint32_t mode;
	uint64_t rdev;
	int dir;	    /* index of the directory holding it (0: /dev) */
	const char *target; /* symlinks */
	long (*read)(const struct devnode *d, void *buf, size_t len);
	long (*write)(const struct devnode *d, const void *buf, size_t len);
	int fd; /* fd/N nodes: the descriptor passed through; -1 for the console */
};

static long read_eof(const struct devnode *d, void *buf, size_t len)
{
	(void)d, (void)buf, (void)len;
	return 0;
}

static long read_zeros(const struct devnode *d, void *buf, size_t len)
{
	(void)d;
	memset(buf, 0, len);
	return (long)len;
}

static long read_random(const struct devnode *d, void *buf, size_t len)
{
	(void)d;
	km_random_fill(buf, len);
	return (long)len;
}

static long write_sink(const struct devnode *d, const void *buf, size_t len)
{
	(void)d, (void)buf;
	return (long)len;
}

static long write_full(const struct devnode *d, const void *buf, size_t len)
{
	(void)d, (void)buf, (void)len;
	return -ENOSPC;
}

/* The file behind a passing node, with a reference, or NULL. */
static struct km_file *passed(const struct devnode *d)
{
	struct km_file *f;

	if (d->fd < 0) {
		f = km_console_file();
		km_file_ref(f);
		return f;
	}
	return km_fd_get(d->fd);
}

static long read_pass(const struct devnode *d, void *buf, size_t len)
{
	struct km_file *f = passed(d);
	long r;

	if (!f)
		return -EBADF;
	r = f->ops->read ? f->ops->read(f, buf, len, NULL) : -EBADF;
	km_file_put(f);
	return r;
}

static long write_pass(const struct devnode *d, const void *buf, size_t len)
{
	struct km_file *f = passed(d);
	long r;

	if (!f)
		return -EBADF;
	r = f->ops->write ? f->ops->write(f, buf, len, NULL) : -EBADF;
	km_file_put(f);
	return r;
}

#define CHR(n, ma, mi, r, w)                                                                       \
	{                                                                                          \
		.name = n, .mode = KM_S_IFCHR | 0666, .rdev = MKDEV(ma, mi), .read = r, .write = w \
	}
#define PASS(n, f)                                                                                 \
	{                                                                                          \
		.name = n, .mode = KM_S_IFCHR | 0620, .rdev = MKDEV(136, 0), .dir = 9,             \
		.read = read_pass, .write = write_pass, .fd = f                                    \
	}
#define LNK(n, t)                                                                                  \
	{                                                                                          \
		.name = n, .mode = KM_S_IFLNK | 0777, .target = t                                  \
	}

/* Index 0 is /dev itself; ino is index + 1. */
static const struct devnode nodes[] = {
	{ .name = "", .mode = KM_S_IFDIR | 0755, .dir = -1 },
	CHR("null", 1, 3, read_eof, write_sink),
	CHR("zero", 1, 5, read_zeros, write_sink),
	CHR("full", 1, 7, read_zeros, write_full),
	CHR("random", 1, 8, read_random, write_sink),
	CHR("urandom", 1, 9, read_random, write_sink),
	{ .name = "console",
	  .mode = KM_S_IFCHR | 0600,
	  .rdev = MKDEV(5, 1),
	  .read = read_pass,
	  .write = write_pass,
	  .fd = -1 },
	LNK("stdin", "fd/0"),
	LNK("stdout", "fd/1"),
	{ .name = "fd", .mode = KM_S_IFDIR | 0755 },
	PASS("0", 0),
	PASS("1", 1),
	PASS("2", 2),
	LNK("stderr", "fd/2"),
};

static struct km_vfs_time mount_time;
static const struct km_vnode_ops devfs_vops;

static const struct devnode *dev_of(struct km_vnode *vn)
{
	return vn->priv;
}

static int vnode_for(struct km_mount *mp, size_t i, struct km_vnode **out)
{
	*out = km_vnode_alloc(mp, &devfs_vops, nodes[i].mode, i + 1, (void *)&nodes[i]);
	return *out ? 0 : -ENOMEM;
}

static int devfs_lookup(struct km_vnode *dvn, const char *name, size_t len, struct km_vnode **out)
{
	int dir = (int)(dev_of(dvn) - nodes);

	if (len == 2 && !memcmp(name, "..", 2))
		return vnode_for(dvn->mount, 0, out); /* only fd/.. reaches here */
	for (size_t i = 1; i < KM_ARRAY_SIZE(nodes); i++)
		if (nodes[i].dir == dir && strlen(nodes[i].name) == len &&
		    !memcmp(nodes[i].name, name, len))
			return vnode_for(dvn->mount, i, out);
	return -ENOENT;
}

static int devfs_readdir(struct km_vnode *dvn, uint64_t cookie, km_vfs_filldir_fn fill, void *ctx)
{
	int dir = (int)(dev_of(dvn) - nodes);

	for (size_t i = (size_t)cookie + 1; i < KM_ARRAY_SIZE(nodes); i++) {
		unsigned int t = (nodes[i].mode & KM_S_IFMT) == KM_S_IFDIR   ? DT_DIR_
				 : (nodes[i].mode & KM_S_IFMT) == KM_S_IFLNK ? DT_LNK_
									     : DT_CHR_;

		if (nodes[i].dir != dir)
			continue;
		if (fill(ctx, nodes[i].name, strlen(nodes[i].name), i + 1, t, i))
			break;
	}
	return 0;
}

static int devfs_getattr(struct km_vnode *vn, struct km_vattr *va)
{
	const struct devnode *d = dev_of(vn);

	va->mode = d->mode;
	va->nlink = (d->mode & KM_S_IFMT) == KM_S_IFDIR ? 2 : 1;
	va->ino = vn->ino;
	va->rdev = d->rdev;
	va->size = d->target ? strlen(d->target) : 0;
	va->atime = va->mtime = va->ctime = mount_time;
	return 0;
}

/* Modes and times of device nodes are accepted and not kept (a fixed tree). */
static int devfs_setattr(struct km_vnode *vn, const struct km_vattr *va, unsigned int mask)
{
	(void)va;
	if (mask & KM_VATTR_SIZE)
		return (dev_of(vn)->mode & KM_S_IFMT) == KM_S_IFDIR ? -EISDIR : 0;
	return 0;
}

static long devfs_readlink(struct km_vnode *vn, char *buf, size_t len)
{
	const char *t = dev_of(vn)->target;
	size_t n = KM_MIN(len, strlen(t));

	memcpy(buf, t, n);
	return (long)n;
}

static long devfs_read(struct km_vnode *vn, void *handle, void *buf, size_t len, uint64_t off)
{
	(void)handle, (void)off;
	return dev_of(vn)->read(dev_of(vn), buf, len);
}

static long devfs_write(struct km_vnode *vn, void *handle, const void *buf, size_t len,
			uint64_t off)
{
	(void)handle, (void)off;
	return dev_of(vn)->write(dev_of(vn), buf, len);
}

static unsigned int devfs_poll(struct km_vnode *vn, void *handle, unsigned int events)
{
	const struct devnode *d = dev_of(vn);
	struct km_file *f;
	unsigned int got;

	(void)handle;
	if (d->read != read_pass)
		return POLLIN_ | POLLOUT_;
	f = passed(d);
	if (!f)
		return 0x020; /* POLLNVAL */
	got = f->ops->poll ? f->ops->poll(f, events) : POLLIN_ | POLLOUT_;
	km_file_put(f);
	return got;
}

static long devfs_ioctl(struct km_vnode *vn, void *handle, unsigned long req, unsigned long arg)
{
	const struct devnode *d = dev_of(vn);
	struct km_file *f;
	long r;

	(void)handle;
	if (d->read != read_pass || !(f = passed(d)))
		return -ENOTTY;
	r = f->ops->ioctl ? f->ops->ioctl(f, req, arg) : -ENOTTY;
	km_file_put(f);
	return r;
}

static const struct km_vnode_ops devfs_vops = {
	.lookup = devfs_lookup,
	.readdir = devfs_readdir,
	.getattr = devfs_getattr,
	.setattr = devfs_setattr,
	.readlink = devfs_readlink,
	.read = devfs_read,
	.write = devfs_write,
	.poll = devfs_poll,
	.ioctl = devfs_ioctl,
};

static int devfs_mount(struct km_mount *mp, const char *source, const char *options)
{
	(void)source;
	if (*options) {
		km_pr_err("devfs: unknown mount options '%s' (devfs takes none)\n", options);
		return -EINVAL;
	}
	mount_time = km_vfs_now();
	return vnode_for(mp, 0, &mp->root);
}

static int devfs_statfs(struct km_mount *mp, struct km_statfs_info *st)
{
	(void)mp;
	st->magic = DEVFS_MAGIC;
	st->bsize = 4096;
	st->files = KM_ARRAY_SIZE(nodes);
	st->namelen = KM_VFS_NAME_MAX;
	return 0;
}

static const struct km_vfsops devfs_ops = {
	.name = "devfs",
	.mount = devfs_mount,
	.statfs = devfs_statfs,
};
KM_VFS_REGISTER(devfs_ops);

static int devfs_mount_dev(void)
{
	long err = km_syscall2(KM_SYS_mkdir, "/dev", 0755);

	if (err && err != -EEXIST)
		return (int)err;
	return km_vfs_mount("", "/dev", "devfs", 0, "");
}
KM_INIT_ROOTFS(devfs_mount_dev, 2);
