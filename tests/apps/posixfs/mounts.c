/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mount and umount2, crossing mounts, read-only mounts. Arguments name
 * mount points the boot's vfs.fstab made: "fstype:path[:ro]" each.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "compat.h"
#include <unistd.h>
#include "posixfs.h"

int cmd_mounts(int argc, char **argv)
{
	struct stat a, b;
	struct statfs sf;
	char buf[64];
	int fd;

	for (int i = 1; i < argc; i++) {
		char path[256], what[300], *ro;
		const char *colon = strchr(argv[i], ':');

		snprintf(path, sizeof(path), "%s", colon ? colon + 1 : "");
		ro = strstr(path, ":ro");
		if (ro)
			*ro = '\0';
		snprintf(what, sizeof(what), "%s is a mount point of another device", argv[i]);
		pf_true(what, !stat(path, &a) && !stat("/", &b) && a.st_dev != b.st_dev);
		snprintf(what, sizeof(what), "%s is %s", path, ro ? "read-only" : "writable");
		pf_true(what, !statfs(path, &sf) && !!(sf.f_flags & ST_RDONLY) == !!ro);
	}
	OK(mkdir("/mnt", 0755));
	OK(mount("", "/mnt", "ramfs", 0, ""));
	OK(stat("/mnt", &a));
	OK(stat("/", &b));
	TRUE(a.st_dev != b.st_dev);
	ERR(mount("", "/mnt", "ramfs", 0, ""), EBUSY);
	ERR(mount("", "/none", "ramfs", 0, ""), ENOENT);
	ERR(mount("", "/mnt", "nosuchfs", 0, ""), ENODEV);
	pf_write_file("/file", "f", 1);
	ERR(mount("", "/file", "ramfs", 0, ""), ENOTDIR);
	ERR(mount("", "/mnt", "ramfs", MS_BIND, ""), EINVAL);
	ERR(mount("", "/", "ramfs", 0, ""), EBUSY);
	OK(mkdir("/opt", 0755));
	ERR(mount("", "/opt", "ramfs", 0, "size=1"), EINVAL); /* ramfs takes no options */
	OK(rmdir("/opt"));
	pf_write_file("/mnt/inside", "i", 1);
	ERR(rename("/mnt/inside", "/inside"), EXDEV);
	ERR(link("/mnt/inside", "/inside"), EXDEV);
	fd = OK(open("/mnt/inside", O_RDONLY));
	ERR(umount2("/mnt", 0), EBUSY);
	close(fd);
	OK(chdir("/mnt"));
	ERR(umount("/mnt"), EBUSY);
	OK(chdir(".."));
	TRUE(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/"));
	ERR(umount2("/", 0), EBUSY);
	ERR(umount2("/file", 0), EINVAL);
	ERR(umount2("/none", 0), ENOENT);
	ERR(umount2("/mnt", 0x100), EINVAL);
	ERR(rmdir("/mnt"), EBUSY);
	OK(umount2("/mnt", 0));
	ERR(stat("/mnt/inside", &a), ENOENT);
	/* Read-only: nothing changes, EROFS. */
	OK(mount("", "/mnt", "ramfs", MS_RDONLY, ""));
	ERR(mkdir("/mnt/d", 0755), EROFS);
	ERR(open("/mnt/f", O_RDWR | O_CREAT, 0644), EROFS);
	ERR(symlink("x", "/mnt/l"), EROFS);
	ERR(chmod("/mnt", 0700), EROFS);
	ERR(access("/mnt", W_OK), EROFS);
	OK(access("/mnt", R_OK));
	OK(statfs("/mnt", &sf));
	TRUE(sf.f_flags & ST_RDONLY);
	OK(umount("/mnt"));
	OK(rmdir("/mnt"));
	return 0;
}
