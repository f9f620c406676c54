/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu.initrd=<host path>: the host file is mapped read-only (private,
 * so nothing the image does reaches it) and becomes the boot info's initrd
 * region, which lib/initrd unpacks into / in the rootfs class. Built only
 * with lib/initrd: without it the parameter is unknown (status 64) rather
 * than silently ignored.
 */
#include <errno.h>
#include <km/init.h>
#include <km/param.h>
#include <km/plat/bootinfo.h>
#include <km/print.h>
#include <km/syscall.h>
#include "linuxu.h"

static const char *initrd_path = "";
KM_PARAM(linuxu, initrd, string, initrd_path,
	 "host path of a cpio archive unpacked into / at boot (lib/initrd)");

static int cannot(const char *what, long err)
{
	const char *name = km_errno_name(-err);

	km_pr_crit("linuxu.initrd=%s: %s: %s\n", initrd_path, what, name ? name : "error");
	return (int)err;
}

static int linuxu_initrd_map(void)
{
	struct linuxu_stat st;
	long fd, addr, rc;

	if (!initrd_path[0])
		return 0;
	fd = linuxu_syscall6(LINUXU_SYS_openat, LINUXU_AT_FDCWD, (long)initrd_path,
			     LINUXU_O_RDONLY | LINUXU_O_CLOEXEC, 0, 0, 0);
	if (fd < 0)
		return cannot("cannot open the host file", fd);
	rc = linuxu_syscall(LINUXU_SYS_fstat, fd, &st, 0);
	if (rc < 0 || (st.mode & LINUXU_S_IFMT) != LINUXU_S_IFREG || st.size == 0) {
		linuxu_syscall(LINUXU_SYS_close, fd, 0, 0);
		if (rc < 0)
			return cannot("cannot stat the host file", rc);
		km_pr_crit("linuxu.initrd=%s: %s\n", initrd_path,
			   st.size ? "not a regular file" : "empty file (not a cpio archive)");
		return -EINVAL;
	}
	addr = linuxu_syscall6(LINUXU_SYS_mmap, 0, st.size, LINUXU_PROT_READ, LINUXU_MAP_PRIVATE,
			       fd, 0);
	linuxu_syscall(LINUXU_SYS_close, fd, 0, 0);
	if (addr < 0 && addr > -4096)
		return cannot("cannot map the host file", addr);
	/* Named by its host path: lib/initrd's messages then say which file. */
	return km_bootinfo_add_region(km_bootinfo_get(), (uintptr_t)addr, (size_t)st.size,
				      KM_REGION_INITRD, initrd_path);
}
KM_INIT_PLAT_REQUIRED(linuxu_initrd_map, 1);
