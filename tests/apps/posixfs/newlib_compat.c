/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The calls posixfs makes that newlib does not have (yet), through
 * syscall() with Linux's numbers and constants, as a program would have
 * to. Weak: when lib/newlib gains one, its own wins. newlib's AT_* values
 * and AT_FDCWD are not Linux's and are translated; unnamed bits pass as
 * they are (so invalid flags stay invalid). syscall() reads every
 * argument as a long: ints are widened here. Built with LIBNEWLIB only.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "compat.h"

#define WEAK __attribute__((weak))

WEAK int creat(const char *path, mode_t mode)
{
	return (int)syscall(SYS_creat, path, (long)mode);
}

WEAK int statfs(const char *path, struct statfs *buf)
{
	return (int)syscall(SYS_statfs, path, buf);
}

WEAK int fstatfs(int fd, struct statfs *buf)
{
	return (int)syscall(SYS_fstatfs, (long)fd, buf);
}

WEAK int mount(const char *src, const char *target, const char *type, unsigned long flags,
	       const void *data)
{
	return (int)syscall(SYS_mount, src, target, type, flags, data);
}

WEAK int umount2(const char *target, int flags)
{
	return (int)syscall(SYS_umount2, target, (long)flags);
}

WEAK int umount(const char *target)
{
	return umount2(target, 0);
}

WEAK int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *ts, const sigset_t *mask)
{
	(void)mask;
	return (int)syscall(SYS_ppoll, fds, (long)n, ts, NULL, 8L);
}

/* Linux's struct flock, for lockf on fcntl(2). */
struct linux_flock {
	short type, whence;
	long start, len;
	int pid;
};

WEAK int lockf(int fd, int cmd, off_t len)
{
	struct linux_flock fl = { 1 /* F_WRLCK */, 1 /* SEEK_CUR */, 0, len, 0 };

	switch (cmd) {
	case F_ULOCK:
		fl.type = 2;
		return (int)syscall(SYS_fcntl, (long)fd, 6L, &fl);
	case F_LOCK:
		return (int)syscall(SYS_fcntl, (long)fd, 7L, &fl);
	case F_TLOCK:
		return (int)syscall(SYS_fcntl, (long)fd, 6L, &fl);
	case F_TEST:
		fl.type = 0; /* F_RDLCK: a writer elsewhere would show */
		return (int)syscall(SYS_fcntl, (long)fd, 5L, &fl);
	default:
		return (int)syscall(SYS_fcntl, (long)fd, -1L, 0L);
	}
}
