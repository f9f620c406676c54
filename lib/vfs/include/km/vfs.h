/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/vfs.h - the virtual file system (consumer API of lib/vfs).
 *
 * Programs reach files through system calls (openat, read, getdents64, ...
 * registered by lib/vfs in the syscall table, files living in lib/fdtab's
 * table next to the console, pipes and sockets). This header is for code
 * inside the image that mounts or builds trees before main: the rootfs
 * init class, initrd unpacking, vfs.fstab.
 *
 * Boot order (init classes of km/init.h; priorities are one digit):
 *   rootfs, prio 1: / is mounted (CONFIG_LIBVFS_ROOTFS: "ramfs" by default)
 *   rootfs, prio 2: /dev (devfs, CONFIG_LIBDEVFS)
 *   rootfs, prio 3: the initrd, if any, is unpacked into /
 *   rootfs, prio 4: every vfs.fstab= entry is mounted, in order
 * An fstab entry that fails is reported and the boot goes on without it
 * (one optional library never kills the boot) unless its flags say
 * "required" (then the boot stops with the error).
 *
 * Trees are built with the ordinary calls (km_syscall(KM_SYS_mkdirat, ...)):
 * there is no second, in-kernel file API to keep in step.
 */
#ifndef KM_VFS_H
#define KM_VFS_H

#include <km/vfs_driver.h>

/*
 * Mount file system type @fstype (a KM_VFS_REGISTER name) from @source on
 * directory @target (absolute; "/" only for the first mount), with flags
 * KM_MNT_* and fs-specific @options ("" or NULL for none).
 * 0, or -ENODEV (no such fstype), -ENOENT/-ENOTDIR (target), -EBUSY (already
 * a mount point), -ENOMEM, or the file system's own error.
 */
int km_vfs_mount(const char *source, const char *target, const char *fstype, unsigned long flags,
		 const char *options);

/* Unmount the file system at @target: 0, -EINVAL (not a mount point),
 * -EBUSY (files open on it or mounts below it). */
int km_vfs_unmount(const char *target);

#endif /* KM_VFS_H */
