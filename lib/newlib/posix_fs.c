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
 * not define; and mknodat, mkfifo(at), pathconf/fpathconf, statvfs/fstatvfs,
 * realpath, ttyname(_r), record locks in fcntl, lockf, flock,
 * posix_fadvise/posix_fallocate, chroot, get_current_dir_name,
 * preadv/pwritev, syncfs, eaccess/euidaccess, lchmod, lutimes and getwd,
 * which POSIX programs expect. Each returns -1 with errno set from
 * the call's -errno. newlib's O_*, AT_* and F_* values are not Linux's and are translated; what
 * Linux has and newlib does not name is refused (EINVAL).
 */
#define _GNU_SOURCE /* AT_EMPTY_PATH */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
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
/* Linux's struct flock and values: newlib's l_type values (F_RDLCK is 1)
 * and commands (F_GETLK is 7) are not Linux's, and its l_pid is a short. */
struct linux_flock {
	short l_type, l_whence;
	long l_start, l_len;
	int l_pid;
};
#define LINUX_F_RDLCK  0
#define LINUX_F_WRLCK  1
#define LINUX_F_UNLCK  2
#define LINUX_F_GETLK  5
#define LINUX_F_SETLK  6
#define LINUX_F_SETLKW 7

static int record_lock(int fd, int cmd, struct flock *fl)
{
	static const short to_linux[] = {
		[F_RDLCK] = LINUX_F_RDLCK, [F_WRLCK] = LINUX_F_WRLCK, [F_UNLCK] = LINUX_F_UNLCK
	};
	static const short from_linux[] = {
		[LINUX_F_RDLCK] = F_RDLCK, [LINUX_F_WRLCK] = F_WRLCK, [LINUX_F_UNLCK] = F_UNLCK
	};
	struct linux_flock l;
	long lcmd = cmd == F_GETLK   ? LINUX_F_GETLK
		    : cmd == F_SETLK ? LINUX_F_SETLK
				     : LINUX_F_SETLKW;

	if (!fl) {
		errno = EFAULT;
		return -1;
	}
	/* an unknown type stays unknown (EINVAL from the call) */
	l.l_type = fl->l_type >= F_RDLCK && fl->l_type <= F_UNLCK ? to_linux[fl->l_type] : -1;
	l.l_whence = fl->l_whence;
	l.l_start = fl->l_start;
	l.l_len = fl->l_len;
	l.l_pid = 0;
	if (newlib_result(km_syscall3(KM_SYS_fcntl, fd, lcmd, &l)) < 0)
		return -1;
	if (cmd == F_GETLK) {
		fl->l_type = l.l_type >= 0 && l.l_type <= LINUX_F_UNLCK ? from_linux[l.l_type]
									: l.l_type;
		fl->l_whence = l.l_whence;
		fl->l_start = l.l_start;
		fl->l_len = l.l_len;
		fl->l_pid = (short)l.l_pid;
	}
	return 0;
}

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
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		return record_lock(fd, cmd, (struct flock *)arg);
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

void sync(void)
{
	km_syscall0(KM_SYS_sync);
}

int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev)
{
	return (int)newlib_result(km_syscall4(KM_SYS_mknodat, linux_dirfd(dirfd), path, mode, dev));
}

/* A FIFO is a mknod of S_IFIFO: whatever the VFS answers (no named pipes:
 * -1/ENOSYS, as musl's gets from the same call). */
int mkfifoat(int dirfd, const char *path, mode_t mode)
{
	return mknodat(dirfd, path, (mode & 07777) | S_IFIFO, 0);
}

int mkfifo(const char *path, mode_t mode)
{
	return mkfifoat(AT_FDCWD, path, mode);
}

/* Linux's answers for every file system of the VFS (those of glibc and
 * musl on Linux's tmpfs); -1 with errno untouched for "no limit". */
static long path_limit(int name)
{
	switch (name) {
	case _PC_LINK_MAX:
		return 127;
	case _PC_MAX_CANON:
	case _PC_MAX_INPUT:
	case _PC_NAME_MAX:
		return 255;
	case _PC_PATH_MAX:
	case _PC_PIPE_BUF:
	case _PC_ALLOC_SIZE_MIN:
	case _PC_REC_INCR_XFER_SIZE:
	case _PC_REC_MAX_XFER_SIZE:
	case _PC_REC_MIN_XFER_SIZE:
	case _PC_REC_XFER_ALIGN:
		return 4096;
	case _PC_CHOWN_RESTRICTED:
	case _PC_NO_TRUNC:
	case _PC_2_SYMLINKS:
		return 1;
	case _PC_VDISABLE:
		return 0;
	case _PC_FILESIZEBITS:
		return 64;
	case _PC_ASYNC_IO:
	case _PC_PRIO_IO:
	case _PC_SYNC_IO:
	case _PC_SYMLINK_MAX:
		return -1;
	default:
		errno = EINVAL;
		return -1;
	}
}

/* The file must exist (ENOENT, ENOTDIR, ... as glibc), then Linux's value. */
long pathconf(const char *path, int name)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return path_limit(name);
}

long fpathconf(int fd, int name)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	return path_limit(name);
}

static void statvfs_from_statfs(const struct statfs *in, struct statvfs *out)
{
	memset(out, 0, sizeof(*out));
	out->f_bsize = (unsigned long)in->f_bsize;
	out->f_frsize = (unsigned long)(in->f_frsize ? in->f_frsize : in->f_bsize);
	out->f_blocks = in->f_blocks;
	out->f_bfree = in->f_bfree;
	out->f_bavail = in->f_bavail;
	out->f_files = in->f_files;
	out->f_ffree = in->f_ffree;
	out->f_favail = in->f_ffree;
	out->f_fsid = (unsigned)in->f_fsid.__val[0];
	/* Linux's f_flags has ST_VALID (0x20) besides the ST_* mount flags. */
	out->f_flag = (unsigned long)in->f_flags & ~0x20UL;
	out->f_namemax = (unsigned long)in->f_namelen;
}

int statvfs(const char *path, struct statvfs *buf)
{
	struct statfs sf;

	if (statfs(path, &sf) < 0)
		return -1;
	statvfs_from_statfs(&sf, buf);
	return 0;
}

int fstatvfs(int fd, struct statvfs *buf)
{
	struct statfs sf;

	if (fstatfs(fd, &sf) < 0)
		return -1;
	statvfs_from_statfs(&sf, buf);
	return 0;
}

/* Drops @out's last component ("/a/b" -> "/a", "/a" -> "/"); @len is its length. */
static size_t path_parent(char *out, size_t len)
{
	while (len > 1 && out[len - 1] != '/')
		len--;
	if (len > 1)
		len--;
	out[len] = '\0';
	return len;
}

#define SYMLINK_HOPS 40 /* Linux's MAXSYMLINKS: ELOOP past it */

/*
 * realpath: each component of @path looked up with lstat from the root or
 * the working directory, symbolic links spliced into what is left, "."
 * and ".." taken by name after the links before them are resolved, as
 * Linux does. Errors as glibc: EINVAL (NULL path), ENOENT (empty, or a
 * missing component), ENOTDIR, ELOOP, ENAMETOOLONG, ENOMEM.
 */
char *realpath(const char *restrict path, char *restrict resolved)
{
	char *out, *rest, *link;
	size_t len, pos = 0, restlen;
	int hops = 0;

	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	if (!*path) {
		errno = ENOENT;
		return NULL;
	}
	restlen = strlen(path);
	if (restlen >= PATH_BUF) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	out = malloc(3 * PATH_BUF);
	if (!out)
		return NULL;
	rest = out + PATH_BUF;
	link = rest + PATH_BUF;
	memcpy(rest, path, restlen + 1);
	if (*rest == '/') {
		strcpy(out, "/");
	} else if (!getcwd(out, PATH_BUF)) {
		goto fail;
	}
	len = strlen(out);
	for (;;) {
		size_t start, n;
		struct stat st;
		long got;

		while (rest[pos] == '/')
			pos++;
		if (!rest[pos])
			break;
		start = pos;
		while (rest[pos] && rest[pos] != '/')
			pos++;
		n = pos - start;
		if (n == 1 && rest[start] == '.')
			continue;
		if (n == 2 && rest[start] == '.' && rest[start + 1] == '.') {
			len = path_parent(out, len);
			continue;
		}
		if (len + (len > 1) + n >= PATH_BUF) {
			errno = ENAMETOOLONG;
			goto fail;
		}
		if (len > 1)
			out[len++] = '/';
		memcpy(out + len, rest + start, n);
		len += n;
		out[len] = '\0';
		if (lstat(out, &st) < 0)
			goto fail;
		if (S_ISLNK(st.st_mode)) {
			size_t tail = strlen(rest + pos);

			if (++hops > SYMLINK_HOPS) {
				errno = ELOOP;
				goto fail;
			}
			got = readlink(out, link, PATH_BUF - 1);
			if (got < 0)
				goto fail;
			if ((size_t)got + tail >= PATH_BUF) {
				errno = ENAMETOOLONG;
				goto fail;
			}
			/* what is left: the link's target, then the rest */
			memmove(rest + got, rest + pos, tail + 1);
			memcpy(rest, link, (size_t)got);
			pos = 0;
			if (got > 0 && link[0] == '/') {
				strcpy(out, "/");
				len = 1;
			} else {
				len = path_parent(out, len);
			}
			continue;
		}
		if (!S_ISDIR(st.st_mode) && rest[pos]) {
			errno = ENOTDIR;
			goto fail;
		}
	}
	if (resolved) {
		memcpy(resolved, out, len + 1);
		free(out);
		return resolved;
	}
	/* the caller frees it: the result, moved to the block's start */
	return realloc(out, len + 1) ?: out;
fail:
	free(out);
	return NULL;
}

/* The name under /dev of the terminal @fd, found by its device number. */
int ttyname_r(int fd, char *buf, size_t size)
{
	struct stat st, dev;
	struct dirent *e;
	char path[6 + 256];
	int err = ENODEV;
	DIR *d;

	if (!isatty(fd))
		return errno == EBADF ? EBADF : ENOTTY;
	if (fstat(fd, &st) < 0)
		return errno;
	d = opendir("/dev");
	if (!d)
		return ENODEV;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);

		memcpy(path, "/dev/", 5);
		memcpy(path + 5, e->d_name, n + 1);
		if (stat(path, &dev) < 0 || !S_ISCHR(dev.st_mode) || dev.st_rdev != st.st_rdev)
			continue;
		if (n + 6 > size) {
			err = ERANGE;
		} else {
			memcpy(buf, path, n + 6);
			err = 0;
		}
		break;
	}
	closedir(d);
	return err;
}

char *ttyname(int fd)
{
	static char name[6 + 256];
	int err = ttyname_r(fd, name, sizeof(name));

	if (err) {
		errno = err;
		return NULL;
	}
	return name;
}

/* lockf on fcntl's write locks from the current offset, as glibc and musl. */
int lockf(int fd, int cmd, off_t len)
{
	struct flock fl = { F_WRLCK, SEEK_CUR, 0, len, 0, 0 };

	switch (cmd) {
	case F_ULOCK:
		fl.l_type = F_UNLCK;
		return fcntl(fd, F_SETLK, &fl);
	case F_LOCK:
		return fcntl(fd, F_SETLKW, &fl);
	case F_TLOCK:
		return fcntl(fd, F_SETLK, &fl);
	case F_TEST:
		fl.l_type = F_RDLCK;
		if (fcntl(fd, F_GETLK, &fl) < 0)
			return -1;
		if (fl.l_type == F_UNLCK || fl.l_pid == getpid())
			return 0;
		errno = EACCES;
		return -1;
	default:
		return einval();
	}
}

/* LOCK_* are Linux's values in newlib too. */
int flock(int fd, int op)
{
	return (int)newlib_result(km_syscall2(KM_SYS_flock, fd, op));
}

int posix_fadvise(int fd, off_t off, off_t len, int advice)
{
	return -(int)km_syscall4(KM_SYS_fadvise64, fd, off, len, advice);
}

/* Returns the error number, as POSIX says (not -1/errno). */
int posix_fallocate(int fd, off_t off, off_t len)
{
	return -(int)km_syscall4(KM_SYS_fallocate, fd, 0, off, len);
}

int chroot(const char *path)
{
	return (int)newlib_result(km_syscall1(KM_SYS_chroot, path));
}

/* The working directory, allocated (as getcwd(NULL, 0)). */
char *get_current_dir_name(void)
{
	return getcwd(NULL, 0);
}

/* At @off, the descriptor's offset unchanged; the offset in two halves
 * as the system call takes it (the high one 0 on x86_64's 64-bit off_t). */
ssize_t preadv(int fd, const struct iovec *iov, int cnt, off_t off)
{
	return newlib_result(km_syscall(KM_SYS_preadv, fd, (long)iov, cnt, off, 0, 0));
}

ssize_t pwritev(int fd, const struct iovec *iov, int cnt, off_t off)
{
	return newlib_result(km_syscall(KM_SYS_pwritev, fd, (long)iov, cnt, off, 0, 0));
}

int syncfs(int fd)
{
	return (int)newlib_result(km_syscall1(KM_SYS_syncfs, fd));
}

/* access with the effective ids (one user here: the same answer). */
int eaccess(const char *path, int mode)
{
	return faccessat(AT_FDCWD, path, mode, AT_EACCESS);
}

int euidaccess(const char *path, int mode)
{
	return eaccess(path, mode);
}

/* The link itself: EOPNOTSUPP for a link, as musl's. */
int lchmod(const char *path, mode_t mode)
{
	return fchmodat(AT_FDCWD, path, mode, AT_SYMLINK_NOFOLLOW);
}

int lutimes(const char *path, const struct timeval *tv)
{
	struct timespec ts[2];

	if (!tv)
		return utimensat(AT_FDCWD, path, NULL, AT_SYMLINK_NOFOLLOW);
	ts[0].tv_sec = tv[0].tv_sec;
	ts[0].tv_nsec = tv[0].tv_usec * 1000;
	ts[1].tv_sec = tv[1].tv_sec;
	ts[1].tv_nsec = tv[1].tv_usec * 1000;
	return utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW);
}

char *getwd(char *buf)
{
	return getcwd(buf, PATH_BUF);
}
