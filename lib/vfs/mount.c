/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The mount list, km_vfs_mount/unmount, the root file system at boot, and
 * mount(2)/umount2(2). Walkers read the list with interrupts masked (one
 * CPU); mount and unmount are serialised by a mutex, since file systems
 * MAY block in their mount op.
 */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <km/init.h>
#include <km/lock.h>
#include <km/plat/timer.h>
#include <km/print.h>
#include <km/syscall.h>
#include "vfs_impl.h"

extern const struct km_vfsops *const __km_vfsops_start[], *const __km_vfsops_end[];

static struct km_mount *mounts; /* newest first */
static struct km_vnode *root_vn;
static struct km_mutex mount_lock = KM_MUTEX_INIT(mount_lock);
static uint64_t next_dev = 1;

static const struct km_vfsops *find_fs(const char *name)
{
	for (const struct km_vfsops *const *o = __km_vfsops_start; o < __km_vfsops_end; o++)
		if (!strcmp((*o)->name, name))
			return *o;
	return NULL;
}

int vfs_fstype_known(const char *name)
{
	return find_fs(name) != NULL;
}

void vfs_fstype_names(char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (const struct km_vfsops *const *o = __km_vfsops_start; o < __km_vfsops_end; o++) {
		int w = snprintf(buf + n, len - n, "%s%s", n ? ", " : "", (*o)->name);

		if (w < 0 || (size_t)w >= len - n)
			break;
		n += (size_t)w;
	}
}

struct km_vnode *vfs_root(void)
{
	return vfs_ref_slot(&root_vn);
}

struct km_vnode *vfs_cross_down(struct km_vnode *vn)
{
	for (;;) {
		struct km_vnode *top = NULL;
		unsigned long irq = km_plat_irq_save();

		for (struct km_mount *mp = mounts; mp; mp = mp->next)
			if (vfs_same(mp->covered, vn)) {
				top = mp->root;
				km_vnode_ref(top);
				break;
			}
		km_plat_irq_restore(irq);
		if (!top)
			return vn;
		km_vnode_put(vn);
		vn = top;
	}
}

struct km_vnode *vfs_covered(struct km_vnode *vn)
{
	struct km_vnode *c = vn->mount->covered;

	if (c)
		km_vnode_ref(c);
	return c;
}

static int mount_on(struct km_vnode *covered, const char *source, const char *target,
		    const struct km_vfsops *ops, unsigned long flags, const char *options)
{
	struct km_mount *mp = calloc(1, sizeof(*mp));
	int err;

	if (!mp || !(mp->path = strdup(target))) {
		free(mp);
		return -ENOMEM;
	}
	mp->ops = ops;
	mp->flags = flags & KM_MNT_RDONLY;
	err = ops->mount(mp, source ? source : "", options ? options : "");
	if (!err && !mp->root)
		err = -EIO;
	if (!err && (mp->root->type != KM_S_IFDIR || mp->root->mount != mp))
		err = -ENOTDIR;
	if (err) {
		if (mp->root)
			km_vnode_put(mp->root);
		free(mp->path);
		free(mp);
		return err;
	}
	unsigned long irq = km_plat_irq_save();
	mp->dev = next_dev++;
	mp->covered = covered;
	mp->next = mounts;
	mounts = mp;
	if (!covered) {
		km_vnode_ref(mp->root);
		root_vn = mp->root;
	}
	km_plat_irq_restore(irq);
	km_pr_debug("mounted %s (%s) on %s\n", ops->name, source && *source ? source : "-", target);
	return 0;
}

int km_vfs_mount(const char *source, const char *target, const char *fstype, unsigned long flags,
		 const char *options)
{
	const struct km_vfsops *ops;
	struct km_vnode *vn = NULL;
	int err;

	if (!target || !fstype)
		return -EFAULT;
	ops = find_fs(fstype);
	if (!ops)
		return -ENODEV;
	km_mutex_lock(&mount_lock);
	if (!root_vn) {
		err = strcmp(target, "/") ? -ENOENT
					  : mount_on(NULL, source, "/", ops, flags, options);
		km_mutex_unlock(&mount_lock);
		if (!err) {
			struct km_vnode *r = vfs_root();

			vfs_set_cwd(r);
		}
		return err;
	}
	err = vfs_lookup(LX_AT_FDCWD, target, 0, &vn);
	if (!err && vn->type != KM_S_IFDIR)
		err = -ENOTDIR;
	if (!err && vfs_is_mount_root(vn))
		err = -EBUSY;
	if (!err)
		err = mount_on(vn, source, target, ops, flags, options);
	if (err)
		km_vnode_put(vn);
	km_mutex_unlock(&mount_lock);
	return err;
}

static int unmount_vnode(struct km_vnode *vn)
{
	struct km_mount *mp = vn->mount, **pp;
	unsigned long irq;
	int err;

	if (!vfs_is_mount_root(vn))
		return -EINVAL;
	if (!mp->covered)
		return -EBUSY; /* the root */
	/* Busy: any vnode besides the root and the caller's @vn is alive, or
	 * the root has holders besides the mount and the caller (a working
	 * directory, an open directory, a walk under way). */
	if (mp->vnodes > (vn == mp->root ? 1u : 2u) || mp->root->refs > (vn == mp->root ? 2u : 1u))
		return -EBUSY;
	err = mp->ops->unmount ? mp->ops->unmount(mp) : 0;
	if (err)
		return err;
	irq = km_plat_irq_save();
	for (pp = &mounts; *pp != mp; pp = &(*pp)->next)
		;
	*pp = mp->next;
	km_plat_irq_restore(irq);
	km_vnode_put(vn);
	km_vnode_put(mp->root);
	km_vnode_put(mp->covered);
	free(mp->path);
	free(mp);
	return 0;
}

static int unmount_path(const char *target, unsigned int walkflags)
{
	struct km_vnode *vn;
	int err;

	if (!target)
		return -EFAULT;
	km_mutex_lock(&mount_lock);
	err = vfs_lookup(LX_AT_FDCWD, target, walkflags, &vn);
	if (!err) {
		err = unmount_vnode(vn);
		if (err)
			km_vnode_put(vn);
	}
	km_mutex_unlock(&mount_lock);
	return err;
}

int km_vfs_unmount(const char *target)
{
	return unmount_path(target, 0);
}

/* / from CONFIG_LIBVFS_ROOTFS; "" leaves it to the first vfs.fstab entry. */
static int vfs_mount_root(void)
{
	const char *fstype = CONFIG_LIBVFS_ROOTFS;
	int err;

	if (!*fstype)
		return 0;
	err = km_vfs_mount("", "/", fstype, 0, "");
	if (err)
		km_pr_err("cannot mount %s on /: %s\n", fstype, km_errno_name(-err));
	return err;
}
KM_INIT_ROOTFS_REQUIRED(vfs_mount_root, 1);

/* mount(2): MS_RDONLY is applied; MS_NOSUID/NODEV/NOEXEC/NOATIME/... are
 * accepted and mean nothing here; remount, bind, move and propagation
 * changes are -EINVAL. @data is the file system's option string. */
#define MS_RDONLY_	1
#define MS_REMOUNT_	32
#define MS_BIND_	4096
#define MS_MOVE_	8192
#define MS_PROPAGATION_ (0x20000 | 0x40000 | 0x80000 | 0x100000) /* unbindable.. shared */
#define MS_MGC_MSK_	0xffff0000UL
#define MS_MGC_VAL_	0xC0ED0000UL

KM_SYSCALL_DEFINE(mount, 5)
{
	unsigned long flags = (unsigned long)a4;

	if (!a2 || !a3)
		return -EFAULT;
	if ((flags & MS_MGC_MSK_) == MS_MGC_VAL_)
		flags &= ~MS_MGC_MSK_;
	if (flags & (MS_REMOUNT_ | MS_BIND_ | MS_MOVE_ | MS_PROPAGATION_))
		return -EINVAL;
	return km_vfs_mount((const char *)a1, (const char *)a2, (const char *)a3,
			    flags & MS_RDONLY_ ? KM_MNT_RDONLY : 0, (const char *)a5);
}

#define MNT_FORCE_	 1
#define MNT_DETACH_	 2
#define MNT_EXPIRE_	 4
#define UMOUNT_NOFOLLOW_ 8

KM_SYSCALL_DEFINE(umount2, 2)
{
	if (a2 & ~(long)(MNT_FORCE_ | MNT_DETACH_ | MNT_EXPIRE_ | UMOUNT_NOFOLLOW_))
		return -EINVAL;
	if ((a2 & MNT_EXPIRE_) && (a2 & (MNT_FORCE_ | MNT_DETACH_)))
		return -EINVAL;
	return unmount_path((const char *)a1, a2 & UMOUNT_NOFOLLOW_ ? VFS_NOFOLLOW : 0);
}
