/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The file calls a bare newlib lacks, on the syscall layer (the fd table
 * and the VFS behind it serve them): openat, lstat/fstatat, mkdir, rmdir,
 * rename, unlinkat, getcwd, chdir, access, fcntl, pipe, dup3, readlink,
 * ftruncate, fsync, mknod, symlink, chmod, truncate, statfs, fstatfs and umask. Each returns -1
 * with errno set from the call's -errno. newlib's O_*, AT_* and F_* values are not Linux's and are
 * translated; what Linux has and newlib does not name is refused (EINVAL).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>
#include <km/fdtab.h>
#include <km/syscall.h>
#include "newlib_glue.h"

#define LINUX_AT_FDCWD		  -100
#define LINUX_AT_SYMLINK_NOFOLLOW 0x100
#define LINUX_AT_REMOVEDIR	  0x200
#define LINUX_AT_SYMLINK_FOLLOW	  0x400
#define LINUX_AT_EACCESS	  0x200
#define LINUX_F_DUPFD		  0
#define LINUX_F_GETFD		  1
#define LINUX_F_SETFD		  2
#define LINUX_F_GETFL		  3
#define LINUX_F_SETFL		  4
#define LINUX_F_DUPFD_CLOEXEC	  1030
#define PATH_BUF		  4096

static long linux_dirfd(int dirfd)
{
	return dirfd == AT_FDCWD ? LINUX_AT_FDCWD : dirfd;
}

/* newlib's AT_* bits @flags as Linux's; -1 when one is not in @allowed. */
static long linux_at_flags(int flags, int allowed)
{
	long out = 0;

	if (flags & ~allowed)
		return -1;
	if (flags & AT_SYMLINK_NOFOLLOW)
		out |= LINUX_AT_SYMLINK_NOFOLLOW;
	if (flags & AT_SYMLINK_FOLLOW)
		out |= LINUX_AT_SYMLINK_FOLLOW;
	if (flags & AT_REMOVEDIR)
		out |= LINUX_AT_REMOVEDIR;
	if (flags & AT_EACCESS)
		out |= LINUX_AT_EACCESS;
	return out;
}

static int einval(void)
{
	errno = EINVAL;
	return -1;
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	int mode;

	va_start(ap, flags);
	mode = flags & O_CREAT ? va_arg(ap, int) : 0;
	va_end(ap);
	return (int)newlib_result(km_syscall4(KM_SYS_openat, linux_dirfd(dirfd), path,
					      newlib_linux_open_flags(flags), mode));
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	long lflags = linux_at_flags(flags, AT_SYMLINK_NOFOLLOW);
	struct km_stat k;
	long ret;

	if (lflags < 0)
		return einval();
	ret = km_syscall4(KM_SYS_newfstatat, linux_dirfd(dirfd), path, &k, lflags);
	if (ret == 0)
		newlib_stat_from_linux(&k, st);
	return (int)newlib_result(ret);
}

int mkdir(const char *path, mode_t mode)
{
	return (int)newlib_result(km_syscall2(KM_SYS_mkdir, path, mode));
}
extern __typeof__(mkdir) _mkdir __attribute__((alias("mkdir")));

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return (int)newlib_result(km_syscall3(KM_SYS_mkdirat, linux_dirfd(dirfd), path, mode));
}

int rmdir(const char *path)
{
	return (int)newlib_result(km_syscall1(KM_SYS_rmdir, path));
}

/* In place of newlib's, which links and unlinks: one rename(2). */
int rename(const char *old, const char *new_)
{
	return (int)newlib_result(km_syscall2(KM_SYS_rename, old, new_));
}

int unlinkat(int dirfd, const char *path, int flags)
{
	long lflags = linux_at_flags(flags, AT_REMOVEDIR);

	if (lflags < 0)
		return einval();
	return (int)newlib_result(km_syscall3(KM_SYS_unlinkat, linux_dirfd(dirfd), path, lflags));
}

/* @buf NULL: a buffer of @size bytes (PATH_BUF when 0) is allocated, as
 * glibc and musl do; the caller frees it. */
char *getcwd(char *buf, size_t size)
{
	char *mine = NULL;
	long ret;

	if (!buf) {
		size = size ? size : PATH_BUF;
		buf = mine = malloc(size);
		if (!buf)
			return NULL;
	} else if (!size) {
		errno = EINVAL;
		return NULL;
	}
	ret = newlib_result(km_syscall2(KM_SYS_getcwd, buf, size));
	if (ret < 0) {
		free(mine);
		return NULL;
	}
	return buf;
}

int chdir(const char *path)
{
	return (int)newlib_result(km_syscall1(KM_SYS_chdir, path));
}

int fchdir(int fd)
{
	return (int)newlib_result(km_syscall1(KM_SYS_fchdir, fd));
}

/* F_OK, R_OK, W_OK and X_OK are the same numbers in newlib and Linux. */
int access(const char *path, int mode)
{
	return (int)newlib_result(km_syscall2(KM_SYS_access, path, mode));
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	long lflags = linux_at_flags(flags, AT_EACCESS | AT_SYMLINK_NOFOLLOW);

	if (lflags < 0)
		return einval();
	return (int)newlib_result(
		km_syscall4(KM_SYS_faccessat2, linux_dirfd(dirfd), path, mode, lflags));
}

/* The commands both number alike in meaning (F_DUPFD, F_GETFD, F_SETFD,
 * F_GETFL, F_SETFL, F_DUPFD_CLOEXEC); locks and owners are EINVAL. */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg, ret;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	switch (cmd) {
	case F_DUPFD:
		return (int)newlib_result(km_syscall3(KM_SYS_fcntl, fd, LINUX_F_DUPFD, arg));
	case F_DUPFD_CLOEXEC:
		return (int)newlib_result(
			km_syscall3(KM_SYS_fcntl, fd, LINUX_F_DUPFD_CLOEXEC, arg));
	case F_GETFD:
		return (int)newlib_result(km_syscall2(KM_SYS_fcntl, fd, LINUX_F_GETFD));
	case F_SETFD: /* FD_CLOEXEC is 1 in both */
		return (int)newlib_result(km_syscall3(KM_SYS_fcntl, fd, LINUX_F_SETFD, arg));
	case F_GETFL:
		ret = newlib_result(km_syscall2(KM_SYS_fcntl, fd, LINUX_F_GETFL));
		return ret < 0 ? -1 : newlib_open_flags_from_linux(ret);
	case F_SETFL:
		return (int)newlib_result(km_syscall3(KM_SYS_fcntl, fd, LINUX_F_SETFL,
						      newlib_linux_open_flags((int)arg)));
	default:
		return einval();
	}
}
extern __typeof__(fcntl) _fcntl __attribute__((alias("fcntl")));

/* Only O_CLOEXEC and O_NONBLOCK mean something for a pipe. */
int pipe2(int fds[2], int flags)
{
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return einval();
	return (int)newlib_result(km_syscall2(KM_SYS_pipe2, fds, newlib_linux_open_flags(flags)));
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}

int dup3(int fd, int to, int flags)
{
	if (flags & ~O_CLOEXEC)
		return einval();
	return (int)newlib_result(km_syscall3(KM_SYS_dup3, fd, to, newlib_linux_open_flags(flags)));
}

ssize_t readlink(const char *path, char *buf, size_t len)
{
	return newlib_result(km_syscall3(KM_SYS_readlink, path, buf, len));
}

int ftruncate(int fd, off_t len)
{
	return (int)newlib_result(km_syscall2(KM_SYS_ftruncate, fd, len));
}

int fsync(int fd)
{
	return (int)newlib_result(km_syscall1(KM_SYS_fsync, fd));
}

int mknod(const char *path, mode_t mode, dev_t dev)
{
	return (int)newlib_result(km_syscall3(KM_SYS_mknod, path, mode, dev));
}

int symlink(const char *target, const char *path)
{
	return (int)newlib_result(km_syscall2(KM_SYS_symlink, target, path));
}

int chmod(const char *path, mode_t mode)
{
	return (int)newlib_result(km_syscall2(KM_SYS_chmod, path, mode));
}

int fchmod(int fd, mode_t mode)
{
	return (int)newlib_result(km_syscall2(KM_SYS_fchmod, fd, mode));
}

int truncate(const char *path, off_t len)
{
	return (int)newlib_result(km_syscall2(KM_SYS_truncate, path, len));
}

_Static_assert(sizeof(struct statfs) == 120, "struct statfs is Linux x86_64's");

int statfs(const char *path, struct statfs *buf)
{
	return (int)newlib_result(km_syscall2(KM_SYS_statfs, path, buf));
}

int fstatfs(int fd, struct statfs *buf)
{
	return (int)newlib_result(km_syscall2(KM_SYS_fstatfs, fd, buf));
}

/* Never fails: the previous mask. */
mode_t umask(mode_t mask)
{
	return (mode_t)km_syscall1(KM_SYS_umask, mask);
}
