/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's OS stubs on Kumiki's syscall layer. newlib is configured for a
 * bare x86_64-elf host without OS support (build-libc), so its reentrant
 * wrappers (_read_r, _write_r, _sbrk_r, ...) call these functions. newlib
 * names them with MISSING_SYSCALL_NAMES, i.e. by their POSIX names (read,
 * write, sbrk, ...), which the application sees too; the underscored names
 * of newlib's porting guide (_read, _write, ...) are aliases, for code that
 * calls them directly.
 *
 * Every stub is one km_syscall() with the x86_64 Linux number; a negative
 * result is -errno and sets newlib's errno, which __errno() finds in the
 * calling thread's reent (glue.c). The structures passed through (stat,
 * timeval, tms) have the x86_64 Linux layout: newlib's timeval and tms
 * match it, its struct stat does not and is converted.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/types.h>
#include <unistd.h>
#include <km/fdtab.h>
#include <km/syscall.h>
#include "newlib_glue.h"

#define NEWLIB_STUB_ALIAS(name) extern __typeof__(name) _##name __attribute__((alias(#name)))

/* newlib and Linux agree on O_RDONLY/WRONLY/RDWR; the rest differ. */
#define LINUX_O_CREAT	  0100
#define LINUX_O_EXCL	  0200
#define LINUX_O_NOCTTY	  0400
#define LINUX_O_TRUNC	  01000
#define LINUX_O_APPEND	  02000
#define LINUX_O_NONBLOCK  04000
#define LINUX_O_SYNC	  04010000
#define LINUX_O_CLOEXEC	  02000000
#define LINUX_O_DIRECTORY 0200000
#define LINUX_O_NOFOLLOW  0400000
#define LINUX_TIOCGWINSZ  0x5413

long newlib_result(long ret)
{
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

ssize_t read(int fd, void *buf, size_t len)
{
	return newlib_result(km_syscall3(KM_SYS_read, fd, buf, len));
}
NEWLIB_STUB_ALIAS(read);

ssize_t write(int fd, const void *buf, size_t len)
{
	return newlib_result(km_syscall3(KM_SYS_write, fd, buf, len));
}
NEWLIB_STUB_ALIAS(write);

static const struct {
	int newlib, linux_;
} open_flag_map[] = {
	{ O_CREAT, LINUX_O_CREAT },	    { O_EXCL, LINUX_O_EXCL },
	{ O_NOCTTY, LINUX_O_NOCTTY },	    { O_TRUNC, LINUX_O_TRUNC },
	{ O_APPEND, LINUX_O_APPEND },	    { O_NONBLOCK, LINUX_O_NONBLOCK },
	{ O_SYNC, LINUX_O_SYNC },	    { O_CLOEXEC, LINUX_O_CLOEXEC },
	{ O_DIRECTORY, LINUX_O_DIRECTORY }, { O_NOFOLLOW, LINUX_O_NOFOLLOW },
};

long newlib_linux_open_flags(int flags)
{
	long out = flags & O_ACCMODE;

	for (size_t i = 0; i < sizeof(open_flag_map) / sizeof(open_flag_map[0]); i++)
		if (flags & open_flag_map[i].newlib)
			out |= open_flag_map[i].linux_;
	return out;
}

int newlib_open_flags_from_linux(long flags)
{
	int out = (int)(flags & O_ACCMODE);

	for (size_t i = 0; i < sizeof(open_flag_map) / sizeof(open_flag_map[0]); i++)
		if ((flags & open_flag_map[i].linux_) == open_flag_map[i].linux_)
			out |= open_flag_map[i].newlib;
	return out;
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	int mode;

	va_start(ap, flags);
	mode = flags & O_CREAT ? va_arg(ap, int) : 0;
	va_end(ap);
	return (int)newlib_result(
		km_syscall3(KM_SYS_open, path, newlib_linux_open_flags(flags), mode));
}
NEWLIB_STUB_ALIAS(open);

int close(int fd)
{
	return (int)newlib_result(km_syscall1(KM_SYS_close, fd));
}
NEWLIB_STUB_ALIAS(close);

off_t lseek(int fd, off_t off, int whence)
{
	return newlib_result(km_syscall3(KM_SYS_lseek, fd, off, whence));
}
NEWLIB_STUB_ALIAS(lseek);

void newlib_stat_from_linux(const struct km_stat *k, struct stat *st)
{
	*st = (struct stat){
		.st_dev = k->st_dev,
		.st_ino = k->st_ino,
		.st_mode = k->st_mode,
		.st_nlink = k->st_nlink,
		.st_uid = k->st_uid,
		.st_gid = k->st_gid,
		.st_rdev = k->st_rdev,
		.st_size = k->st_size,
		.st_blksize = k->st_blksize,
		.st_blocks = k->st_blocks,
		.st_atim = { (time_t)k->st_atime_, (long)k->st_atime_nsec },
		.st_mtim = { (time_t)k->st_mtime_, (long)k->st_mtime_nsec },
		.st_ctim = { (time_t)k->st_ctime_, (long)k->st_ctime_nsec },
	};
}

/* fstat, stat or lstat (@nr) on @arg into newlib's struct stat @st. */
static int stat_call(long nr, long arg, struct stat *st)
{
	struct km_stat k;
	long ret = km_syscall2(nr, arg, &k);

	if (ret == 0)
		newlib_stat_from_linux(&k, st);
	return (int)newlib_result(ret);
}

int fstat(int fd, struct stat *st)
{
	return stat_call(KM_SYS_fstat, fd, st);
}
NEWLIB_STUB_ALIAS(fstat);

int stat(const char *path, struct stat *st)
{
	return stat_call(KM_SYS_stat, (long)path, st);
}
NEWLIB_STUB_ALIAS(stat);

int lstat(const char *path, struct stat *st)
{
	return stat_call(KM_SYS_lstat, (long)path, st);
}

/* A terminal is what answers a terminal ioctl, as in Linux C libraries. */
int isatty(int fd)
{
	unsigned short winsize[4];

	return newlib_result(km_syscall3(KM_SYS_ioctl, fd, LINUX_TIOCGWINSZ, winsize)) == 0;
}
NEWLIB_STUB_ALIAS(isatty);

/* The program break of lib/posix-mmap: brk(0) reads it, brk(x) moves it
 * and answers the break it now has (unchanged when it could not move). */
void *sbrk(ptrdiff_t incr)
{
	uintptr_t cur = (uintptr_t)km_syscall1(KM_SYS_brk, 0);

	if (incr && (uintptr_t)km_syscall1(KM_SYS_brk, cur + incr) != cur + incr) {
		errno = ENOMEM;
		return (void *)-1;
	}
	return (void *)cur;
}
NEWLIB_STUB_ALIAS(sbrk);

void _exit(int status)
{
	km_syscall1(KM_SYS_exit_group, status);
	__builtin_unreachable();
}

/* newlib's signal numbers are not Linux's (signal.c translates). newlib's
 * raise() and abort() end here too. */
int kill(pid_t pid, int sig)
{
	long lsig = newlib_linux_signal(sig);

	if (lsig < 0) {
		errno = EINVAL;
		return -1;
	}
	return (int)newlib_result(km_syscall2(KM_SYS_kill, pid, lsig));
}
NEWLIB_STUB_ALIAS(kill);

pid_t getpid(void)
{
	return (pid_t)km_syscall0(KM_SYS_getpid);
}
NEWLIB_STUB_ALIAS(getpid);

int gettimeofday(struct timeval *tv, void *tz)
{
	return (int)newlib_result(km_syscall2(KM_SYS_gettimeofday, tv, tz));
}
NEWLIB_STUB_ALIAS(gettimeofday);

clock_t times(struct tms *buf)
{
	return (clock_t)newlib_result(km_syscall1(KM_SYS_times, buf));
}
NEWLIB_STUB_ALIAS(times);

int unlink(const char *path)
{
	return (int)newlib_result(km_syscall1(KM_SYS_unlink, path));
}
NEWLIB_STUB_ALIAS(unlink);

int link(const char *old, const char *new_)
{
	return (int)newlib_result(km_syscall2(KM_SYS_link, old, new_));
}
NEWLIB_STUB_ALIAS(link);

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)newlib_result(km_syscall3(KM_SYS_execve, path, argv, envp));
}
NEWLIB_STUB_ALIAS(execve);

pid_t fork(void)
{
	return (pid_t)newlib_result(km_syscall0(KM_SYS_fork));
}
NEWLIB_STUB_ALIAS(fork);

pid_t wait(int *status)
{
	return (pid_t)newlib_result(km_syscall4(KM_SYS_wait4, -1, status, 0, 0));
}
NEWLIB_STUB_ALIAS(wait);
