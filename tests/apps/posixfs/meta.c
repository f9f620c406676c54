/* SPDX-License-Identifier: BSD-3-Clause */
/* stat, lstat, fstatat, statx, utimensat, chmod family, access, umask, statfs. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "compat.h"
#include <sys/syscall.h>
#include <time.h>
#include <sys/time.h>
#include <unistd.h>
#include <utime.h>
#include "compat.h"
#include "posixfs.h"

/* statx(2)'s buffer (musl 1.2.3 has no wrapper): the kernel's layout. */
struct statx_ts {
	long long sec;
	unsigned int nsec;
	int pad;
};
struct statx_buf {
	unsigned int stx_mask, stx_blksize;
	unsigned long long stx_attributes;
	unsigned int stx_nlink, stx_uid, stx_gid;
	unsigned short stx_mode, pad1;
	unsigned long long stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_ts atime, btime, ctime, mtime;
	unsigned int rdev_major, rdev_minor, dev_major, dev_minor;
	unsigned long long spare[14];
};
#define STATX_BASIC_STATS 0x7ffu
#define statx(dirfd, path, flags, mask, buf)                                                       \
	syscall(SYS_statx, (long)((dirfd) == AT_FDCWD ? -100 : (dirfd)), path, (long)(flags),      \
		(long)(mask), buf)

static void stats(void)
{
	struct stat st, st2;
	struct statx_buf sx;
	int fd;

	mkdir("/m", 0755);
	pf_write_file("/m/f", "12345", 5);
	symlink("f", "/m/l");
	OK(stat("/m/f", &st));
	TRUE(S_ISREG(st.st_mode));
	EQ(st.st_size, 5);
	EQ(st.st_nlink, 1);
	EQ(st.st_blksize, 4096);
	EQ(st.st_blocks, 8);
	EQ(st.st_uid, 0);
	OK(stat("/m/l", &st2));
	EQ(st2.st_ino, st.st_ino);
	OK(lstat("/m/l", &st2));
	TRUE(S_ISLNK(st2.st_mode));
	EQ(st2.st_size, 1);
	TRUE(st2.st_ino != st.st_ino);
	ERR(stat("/m/none", &st), ENOENT);
	ERR(stat("/m/f/x", &st), ENOTDIR);
	ERR(stat("", &st), ENOENT);
	fd = OK(open("/m", O_RDONLY | O_DIRECTORY));
	OK(fstatat(fd, "f", &st2, 0));
	EQ(st2.st_ino, st.st_ino);
	OK(fstatat(fd, "l", &st2, AT_SYMLINK_NOFOLLOW));
	TRUE(S_ISLNK(st2.st_mode));
	errno = 0;
	if (fstatat(fd, "", &st2, AT_EMPTY_PATH) == -1 && errno == EINVAL) {
		printf("skip: fstatat AT_EMPTY_PATH: refused by this C library\n");
	} else {
		OK(fstatat(fd, "", &st2, AT_EMPTY_PATH));
		TRUE(S_ISDIR(st2.st_mode));
		OK(fstatat(1, "", &st2, AT_EMPTY_PATH)); /* the console: any kind of file */
	}
	ERR(fstatat(fd, "f", &st2, 0x4000000), EINVAL);
	ERR(fstatat(99, "f", &st2, 0), EBADF);
	OK(fstat(fd, &st2));
	TRUE(S_ISDIR(st2.st_mode));
	close(fd);
	ERR(fstat(99, &st2), EBADF);
	OK(statx(AT_FDCWD, "/m/f", 0, STATX_BASIC_STATS, &sx));
	EQ(sx.stx_size, 5);
	EQ(sx.stx_ino, st.st_ino);
	TRUE(S_ISREG(sx.stx_mode));
	EQ(sx.stx_mask & STATX_BASIC_STATS, STATX_BASIC_STATS);
	OK(statx(AT_FDCWD, "/m/l", 0x100 /* Linux's AT_SYMLINK_NOFOLLOW */, STATX_BASIC_STATS,
		 &sx));
	TRUE(S_ISLNK(sx.stx_mode));
	ERR(statx(AT_FDCWD, "/m/f", 0, 0x80000000u, &sx), EINVAL);
	ERR(statx(AT_FDCWD, "/m/f", 0x6000, STATX_BASIC_STATS, &sx), EINVAL);
	ERR(statx(AT_FDCWD, "/m/none", 0, STATX_BASIC_STATS, &sx), ENOENT);
}

static void times(void)
{
	struct timespec ts[2] = { { 1000, 5 }, { 2000, 6 } }, omit[2];
	struct stat st;
	time_t now = time(NULL);
	int fd;

	OK(utimensat(AT_FDCWD, "/m/f", ts, 0));
	OK(stat("/m/f", &st));
	EQ(st.st_atim.tv_sec, 1000);
	EQ(st.st_atim.tv_nsec, 5);
	EQ(st.st_mtim.tv_sec, 2000);
	EQ(st.st_mtim.tv_nsec, 6);
	omit[0].tv_nsec = UTIME_OMIT;
	omit[1].tv_sec = 0;
	omit[1].tv_nsec = UTIME_NOW;
	OK(utimensat(AT_FDCWD, "/m/f", omit, 0));
	OK(stat("/m/f", &st));
	EQ(st.st_atim.tv_sec, 1000);
	TRUE(st.st_mtim.tv_sec >= now - 1 && st.st_mtim.tv_sec <= now + 5);
	OK(utimensat(AT_FDCWD, "/m/l", ts, AT_SYMLINK_NOFOLLOW));
	OK(lstat("/m/l", &st));
	EQ(st.st_mtim.tv_sec, 2000);
	ts[0].tv_nsec = 1000000000;
	ERR(utimensat(AT_FDCWD, "/m/f", ts, 0), EINVAL);
	ts[0].tv_nsec = 0;
	ERR(utimensat(AT_FDCWD, "/m/f", ts, 0x1), EINVAL);
	ERR(utimensat(AT_FDCWD, "/m/none", NULL, 0), ENOENT);
	fd = OK(open("/m/f", O_RDONLY));
	OK(futimens(fd, ts));
	OK(fstat(fd, &st));
	EQ(st.st_atim.tv_sec, 1000);
	/* The older calls: utime (seconds), utimes and futimes (microseconds). */
	OK(utime("/m/f", &(struct utimbuf){ 3000, 4000 }));
	OK(stat("/m/f", &st));
	EQ(st.st_atim.tv_sec, 3000);
	EQ(st.st_mtim.tv_sec, 4000);
	EQ(st.st_mtim.tv_nsec, 0);
	OK(utime("/m/f", NULL));
	OK(stat("/m/f", &st));
	TRUE(st.st_mtim.tv_sec >= now - 1 && st.st_mtim.tv_sec <= now + 5);
	ERR(utime("/m/none", NULL), ENOENT);
	OK(utimes("/m/f", (struct timeval[2]){ { 5000, 7 }, { 6000, 8 } }));
	OK(stat("/m/f", &st));
	EQ(st.st_atim.tv_nsec, 7000);
	EQ(st.st_mtim.tv_sec, 6000);
	EQ(st.st_mtim.tv_nsec, 8000);
	ERR(utimes("/m/f", (struct timeval[2]){ { 1, 1000000 }, { 1, 0 } }), EINVAL);
	OK(futimes(fd, (struct timeval[2]){ { 7000, 1 }, { 8000, 2 } }));
	OK(fstat(fd, &st));
	EQ(st.st_mtim.tv_sec, 8000);
	EQ(st.st_mtim.tv_nsec, 2000);
	close(fd);
	/* Writing moves mtime. */
	fd = OK(open("/m/f", O_WRONLY));
	EQ(write(fd, "x", 1), 1);
	OK(fstat(fd, &st));
	TRUE(st.st_mtim.tv_sec >= now - 1);
	close(fd);
}

static void modes(void)
{
	struct stat st;
	int fd;

	OK(chmod("/m/f", 0600));
	OK(stat("/m/f", &st));
	EQ(st.st_mode & 07777, 0600);
	OK(chmod("/m/l", 04711)); /* through the symlink */
	OK(stat("/m/f", &st));
	EQ(st.st_mode & 07777, 04711);
	ERR(chmod("/m/none", 0600), ENOENT);
	fd = OK(open("/m/f", O_RDONLY));
	OK(fchmod(fd, 0640));
	OK(fstat(fd, &st));
	EQ(st.st_mode & 07777, 0640);
	close(fd);
	ERR(fchmod(99, 0640), EBADF);
	OK(fchmodat(AT_FDCWD, "/m/f", 0644, 0));
	OK(stat("/m/f", &st));
	EQ(st.st_mode & 07777, 0644);
	ERR(fchmodat(AT_FDCWD, "/m/none", 0644, 0), ENOENT);
	OK(chown("/m/f", 12, 34));
	OK(stat("/m/f", &st));
	EQ(st.st_uid, 12);
	EQ(st.st_gid, 34);
	/* -1 leaves that id as it is; lchown and AT_SYMLINK_NOFOLLOW change
	 * the link itself, not its target. */
	fd = OK(open("/m/f", O_RDONLY));
	OK(fchown(fd, 56, -1));
	OK(fstat(fd, &st));
	EQ(st.st_uid, 56);
	EQ(st.st_gid, 34);
	close(fd);
	ERR(fchown(99, 1, 1), EBADF);
	OK(lchown("/m/l", 7, 8));
	OK(lstat("/m/l", &st));
	EQ(st.st_uid, 7);
	OK(stat("/m/l", &st));
	EQ(st.st_uid, 56);
	OK(fchownat(AT_FDCWD, "/m/l", -1, 9, AT_SYMLINK_NOFOLLOW));
	OK(lstat("/m/l", &st));
	EQ(st.st_gid, 9);
	OK(chown("/m/f", 0, 0));
	/* A symbolic link's mode cannot change (Linux, musl, glibc agree). */
	ERR(fchmodat(AT_FDCWD, "/m/l", 0600, AT_SYMLINK_NOFOLLOW), EOPNOTSUPP);
	/* umask applies to new files and directories. */
	EQ(umask(077), 022);
	pf_write_file("/m/masked", "", 0);
	OK(stat("/m/masked", &st));
	EQ(st.st_mode & 0777, 0600);
	OK(mkdir("/m/maskdir", 0777));
	OK(stat("/m/maskdir", &st));
	EQ(st.st_mode & 0777, 0700);
	EQ(umask(022), 077);
	/* access: root may read and write; executing needs an x bit. */
	OK(access("/m/f", F_OK));
	OK(access("/m/f", R_OK | W_OK));
	ERR(access("/m/f", X_OK), EACCES);
	OK(chmod("/m/f", 0755));
	OK(access("/m/f", X_OK));
	OK(access("/m", X_OK));
	ERR(access("/m/none", F_OK), ENOENT);
	ERR(access("/m/f", 0x10), EINVAL);
	ERR(access("/m/f/x", F_OK), ENOTDIR);
	OK(faccessat(AT_FDCWD, "/m/f", R_OK, 0));
	ERR(faccessat(99, "f", R_OK, 0), EBADF);
	OK(faccessat(AT_FDCWD, "/m/f", R_OK, AT_EACCESS));
	ERR(faccessat(AT_FDCWD, "/m/f", R_OK, 0x4), EINVAL);
}

/* @native: on Linux (tmpfs as /, the host's /dev), for suite 80's native run. */
static void fsstats(int native)
{
	long rootfs = native ? 0x01021994 /* TMPFS_MAGIC */ : 0x858458f6 /* RAMFS_MAGIC */;
	struct statfs sf;
	int fd;

	OK(statfs("/", &sf));
	EQ(sf.f_type, rootfs);
	EQ(sf.f_bsize, 4096);
	EQ(sf.f_namelen, 255);
	TRUE(sf.f_bfree > 0);
	ERR(statfs("/none", &sf), ENOENT);
	fd = OK(open("/m/f", O_RDONLY));
	OK(fstatfs(fd, &sf));
	EQ(sf.f_type, rootfs);
	close(fd);
	ERR(fstatfs(99, &sf), EBADF);
	if (native)
		return;
	OK(statfs("/dev", &sf));
	EQ(sf.f_type, 0x1373); /* DEVFS_SUPER_MAGIC */
}

int cmd_meta(int argc, char **argv)
{
	stats();
	times();
	modes();
	fsstats(argc > 1 && !strcmp(argv[1], "native"));
	return 0;
}
