/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * /tmp in a ramfs root (LIBVFS_ROOT_TMP): programs take a writable,
 * sticky, world-writable /tmp for granted (tmpfile, mkstemp, P_tmpdir), as
 * every Linux system gives one. Made before the initrd and vfs.fstab, so
 * that an archive may fill it and an fstab entry may mount over it.
 */
#include <errno.h>
#include <km/init.h>
#include <km/syscall.h>

#define TMP_MODE 01777 /* sticky: only a file's owner may remove it */

static int vfs_make_tmp(void)
{
	long err = km_syscall2(KM_SYS_mkdir, "/tmp", TMP_MODE);

	if (err == -EEXIST)
		return 0;
	if (!err) /* mkdir applied the umask */
		err = km_syscall2(KM_SYS_chmod, "/tmp", TMP_MODE);
	return (int)err;
}
KM_INIT_ROOTFS(vfs_make_tmp, 2);
