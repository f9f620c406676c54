/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The file calls a bare newlib lacks, on the syscall layer (the fd table
 * and the VFS behind it serve them): openat, lstat/fstatat, mkdir, rmdir,
 * rename, unlinkat, getcwd, chdir, access, fcntl, pipe, dup3, readlink,
 * ftruncate, fsync, mknod, symlink, chmod, truncate and umask; the chown
 * family, fchmodat, the utime family (utime, utimes, futimes, utimensat,
 * futimens), linkat, symlinkat, readlinkat, renameat, pread, pwrite,
 * readv and writev (with <sys/uio.h>, which newlib lacks),
 * fdatasync, sync, statfs and fstatfs, which newlib's headers declare and its library does
 * not define; posix_fadvise (with include/fcntl.h). Each returns -1 with errno set from
 * the call's -errno. newlib's O_*, AT_* and F_* values are not Linux's and are translated; what
 * Linux has and newlib does not name is refused (EINVAL).
 */
#define _GNU_SOURCE /* AT_EMPTY_PATH */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>
#include <utime.h>
#include <km/fdtab.h>
#include <km/syscall.h>
#include "newlib_glue.h"

#define LINUX_AT_FDCWD		  -100
#define LINUX_AT_SYMLINK_NOFOLLOW 0x100
#define LINUX_AT_REMOVEDIR	  0x200
#define LINUX_AT_SYMLINK_FOLLOW	  0x400
#define LINUX_AT_EACCESS	  0x200
#define LINUX_AT_EMPTY_PATH	  0x1000
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
	if (flags & AT_EMPTY_PATH)
		out |= LINUX_AT_EMPTY_PATH;
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
	long lflags = linux_at_flags(flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH);
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

/* Linux's fchmodat(2) takes no flags: AT_SYMLINK_NOFOLLOW is honoured
 * here, as musl does, with EOPNOTSUPP for a symbolic link (whose mode
 * Linux cannot change). */
int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	struct stat st;

	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return einval();
	if (flags && fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW))
		return -1;
	if (flags && S_ISLNK(st.st_mode)) {
		errno = EOPNOTSUPP;
		return -1;
	}
	return (int)newlib_result(km_syscall3(KM_SYS_fchmodat, linux_dirfd(dirfd), path, mode));
}

/* uid or gid (uid_t)-1 leaves that one unchanged, as on Linux: widened
 * to the long -1 the syscall layer reads, not 65535 or 4294967295. */
static long linux_id(unsigned long id, unsigned long none)
{
	return id == none ? -1L : (long)id;
}

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
	long lflags = linux_at_flags(flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH);

	if (lflags < 0)
		return einval();
	return (int)newlib_result(km_syscall6(KM_SYS_fchownat, linux_dirfd(dirfd), path,
					      linux_id(uid, (uid_t)-1), linux_id(gid, (gid_t)-1),
					      lflags, 0));
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	return fchownat(AT_FDCWD, path, uid, gid, 0);
}

int lchown(const char *path, uid_t uid, gid_t gid)
{
	return fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

int fchown(int fd, uid_t uid, gid_t gid)
{
	return (int)newlib_result(
		km_syscall3(KM_SYS_fchown, fd, linux_id(uid, (uid_t)-1), linux_id(gid, (gid_t)-1)));
}

int utimensat(int dirfd, const char *path, const struct timespec *ts, int flags)
{
	long lflags = linux_at_flags(flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH);

	if (lflags < 0)
		return einval();
	return (int)newlib_result(
		km_syscall4(KM_SYS_utimensat, linux_dirfd(dirfd), path, ts, lflags));
}

int futimens(int fd, const struct timespec *ts)
{
	/* utimensat(2) with a NULL path: the descriptor's own file. */
	return (int)newlib_result(km_syscall4(KM_SYS_utimensat, fd, NULL, ts, 0));
}

/* Microseconds past 999999 are EINVAL, as Linux's utimes(2) says. */
static const struct timespec *times_from_timevals(const struct timeval *tv, struct timespec ts[2],
						  int *bad)
{
	*bad = 0;
	if (!tv)
		return NULL;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec > 999999)
			*bad = 1;
		ts[i].tv_sec = tv[i].tv_sec;
		ts[i].tv_nsec = tv[i].tv_usec * 1000;
	}
	return ts;
}

int utimes(const char *path, const struct timeval *tv)
{
	struct timespec ts[2];
	int bad;
	const struct timespec *t = times_from_timevals(tv, ts, &bad);

	return bad ? einval() : utimensat(AT_FDCWD, path, t, 0);
}

int futimes(int fd, const struct timeval *tv)
{
	struct timespec ts[2];
	int bad;
	const struct timespec *t = times_from_timevals(tv, ts, &bad);

	return bad ? einval() : futimens(fd, t);
}

int utime(const char *path, const struct utimbuf *times)
{
	struct timespec ts[2];

	if (!times)
		return utimensat(AT_FDCWD, path, NULL, 0);
	ts[0] = (struct timespec){ times->actime, 0 };
	ts[1] = (struct timespec){ times->modtime, 0 };
	return utimensat(AT_FDCWD, path, ts, 0);
}

int linkat(int olddir, const char *old, int newdir, const char *new_, int flags)
{
	long lflags = linux_at_flags(flags, AT_SYMLINK_FOLLOW | AT_EMPTY_PATH);

	if (lflags < 0)
		return einval();
	return (int)newlib_result(km_syscall6(KM_SYS_linkat, linux_dirfd(olddir), old,
					      linux_dirfd(newdir), new_, lflags, 0));
}

int symlinkat(const char *target, int dirfd, const char *path)
{
	return (int)newlib_result(km_syscall3(KM_SYS_symlinkat, target, linux_dirfd(dirfd), path));
}

ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t len)
{
	return newlib_result(km_syscall4(KM_SYS_readlinkat, linux_dirfd(dirfd), path, buf, len));
}

int renameat(int olddir, const char *old, int newdir, const char *new_)
{
	return (int)newlib_result(
		km_syscall4(KM_SYS_renameat, linux_dirfd(olddir), old, linux_dirfd(newdir), new_));
}

ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
	return newlib_result(km_syscall4(KM_SYS_pread64, fd, buf, len, off));
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	return newlib_result(km_syscall4(KM_SYS_pwrite64, fd, buf, len, off));
}

ssize_t readv(int fd, const struct iovec *iov, int cnt)
{
	return newlib_result(km_syscall3(KM_SYS_readv, fd, iov, cnt));
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
	return newlib_result(km_syscall3(KM_SYS_writev, fd, iov, cnt));
}

int fdatasync(int fd)
{
	return (int)newlib_result(km_syscall1(KM_SYS_fdatasync, fd));
}

/* The one call here that returns its error rather than setting errno. */
int posix_fadvise(int fd, off_t offset, off_t len, int advice)
{
	return (int)-km_syscall4(KM_SYS_fadvise64, fd, offset, len, advice);
}

void sync(void)
{
	km_syscall0(KM_SYS_sync);
}
