/* SPDX-License-Identifier: BSD-3-Clause */
/* open and its flags, data transfer, positions, sizes, sparse files. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "compat.h"
#include <unistd.h>
#include "compat.h"
#include "posixfs.h"

static void open_flags(void)
{
	char buf[16];
	int fd, fd2;

	mkdir("/f", 0755);
	ERR(open("/f/none", O_RDONLY), ENOENT);
	ERR(open("/f/none/x", O_RDONLY | O_CREAT, 0644), ENOENT);
	ERR(open("", O_RDONLY), ENOENT);
	fd = OK(open("/f/a", O_RDWR | O_CREAT | O_EXCL, 0600));
	ERR(open("/f/a", O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST);
	ERR(open("/f/a/", O_RDONLY), ENOTDIR);
	ERR(open("/f/a/x", O_RDONLY), ENOTDIR);
	ERR(open("/f/a", O_RDONLY | O_DIRECTORY), ENOTDIR);
	ERR(open("/f", O_WRONLY), EISDIR);
	ERR(open("/f", O_RDWR), EISDIR);
	ERR(open("/f/new/", O_RDWR | O_CREAT, 0644), EISDIR);
	fd2 = OK(open("/f", O_RDONLY | O_DIRECTORY));
	ERR(read(fd2, buf, 1), EISDIR);
	close(fd2);
	EQ(write(fd, "hello world", 11), 11);
	close(fd);
	/* O_TRUNC empties, O_APPEND writes at the end whatever the position. */
	fd = OK(open("/f/a", O_RDWR | O_APPEND));
	EQ(lseek(fd, 0, SEEK_SET), 0);
	EQ(write(fd, "!", 1), 1);
	EQ(lseek(fd, 0, SEEK_CUR), 12);
	EQ(pread(fd, buf, 12, 0), 12);
	TRUE(!memcmp(buf, "hello world!", 12));
	close(fd);
	fd = OK(open("/f/a", O_WRONLY | O_TRUNC));
	EQ(lseek(fd, 0, SEEK_END), 0);
	ERR(read(fd, buf, 1), EBADF);
	close(fd);
	fd = OK(open("/f/a", O_RDONLY));
	ERR(write(fd, "x", 1), EBADF);
	close(fd);
	/* O_NOFOLLOW: a symlink as the last component is ELOOP. */
	symlink("a", "/f/link");
	ERR(open("/f/link", O_RDONLY | O_NOFOLLOW), ELOOP);
	fd = OK(open("/f/link", O_RDONLY));
	close(fd);
	/* O_CREAT through a dangling symlink creates its target; not with O_EXCL. */
	symlink("target", "/f/dangling");
	ERR(open("/f/dangling", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST);
	fd = OK(open("/f/dangling", O_RDWR | O_CREAT, 0644));
	close(fd);
	TRUE(access("/f/target", F_OK) == 0);
	/* O_CLOEXEC sets FD_CLOEXEC; fcntl changes it. */
	fd = OK(open("/f/a", O_RDONLY | O_CLOEXEC));
	EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EQ(fcntl(fd, F_SETFD, 0), 0);
	EQ(fcntl(fd, F_GETFD), 0);
	EQ(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND), O_RDONLY);
	close(fd);
	fd = OK(open("/f/a", O_WRONLY | O_APPEND));
	EQ(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND), O_WRONLY | O_APPEND);
	close(fd);
	/* creat is O_CREAT|O_WRONLY|O_TRUNC. */
	fd = OK(creat("/f/c", 0644));
	ERR(read(fd, buf, 1), EBADF);
	close(fd);
	/* openat relative to a directory descriptor, and to AT_FDCWD. */
	fd2 = OK(open("/f", O_RDONLY | O_DIRECTORY));
	fd = OK(openat(fd2, "a", O_RDONLY));
	close(fd);
	ERR(openat(99, "a", O_RDONLY), EBADF);
	fd = OK(openat(99, "/f/a", O_RDONLY)); /* absolute: the fd is not used */
	close(fd);
	fd = OK(open("/f/a", O_RDONLY));
	ERR(openat(fd, "x", O_RDONLY), ENOTDIR);
	close(fd);
	close(fd2);
	ERR(open("/f/d", O_RDWR | O_CREAT | O_DIRECTORY, 0644), EINVAL);
}

static void transfer(void)
{
	char buf[64], a[4] = "abc", b[4] = "defg";
	struct iovec iov[2] = { { a, 3 }, { b, 4 } };
	int fd = OK(open("/f/t", O_RDWR | O_CREAT | O_TRUNC, 0644));

	EQ(writev(fd, iov, 2), 7);
	EQ(lseek(fd, 0, SEEK_CUR), 7);
	EQ(pwrite(fd, "XY", 2, 1), 2);
	EQ(lseek(fd, 0, SEEK_CUR), 7); /* pwrite leaves the position */
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	EQ(lseek(fd, 0, SEEK_SET), 0);
	EQ(readv(fd, iov, 2), 7);
	TRUE(!memcmp(a, "aXY", 3) && !memcmp(b, "defg", 4));
	EQ(read(fd, buf, sizeof(buf)), 0); /* end of file */
	EQ(pread(fd, buf, 3, 4), 3);
	TRUE(!memcmp(buf, "efg", 3));
	EQ(pread(fd, buf, 3, 100), 0);
	ERR(pread(fd, buf, 3, -1), EINVAL);
	ERR(lseek(fd, -1, SEEK_SET), EINVAL);
	ERR(lseek(fd, 0, 42), EINVAL);
	EQ(lseek(fd, -2, SEEK_END), 5);
	EQ(lseek(fd, 1, SEEK_CUR), 6);
	ERR(lseek(fd, 7, SEEK_DATA), ENXIO);
	EQ(lseek(fd, 2, SEEK_DATA), 2);
	EQ(lseek(fd, 2, SEEK_HOLE), 7);
	ERR(read(99, buf, 1), EBADF);
	ERR(lseek(99, 0, SEEK_SET), EBADF);
	/* ftruncate: shorter, longer (zeros), and its errors. */
	EQ(ftruncate(fd, 2), 0);
	EQ(ftruncate(fd, 5), 0);
	EQ(pread(fd, buf, 10, 0), 5);
	TRUE(!memcmp(buf, "aX\0\0\0", 5));
	ERR(ftruncate(fd, -1), EINVAL);
	ERR(ftruncate(99, 0), EBADF);
	EQ(fsync(fd), 0);
	EQ(fdatasync(fd), 0);
	ERR(fsync(99), EBADF);
	ERR(fdatasync(99), EBADF);
	/* posix_fadvise: accepted, checked; it returns the error number */
	EQ(posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL), 0);
	EQ(posix_fadvise(fd, 0, 100, POSIX_FADV_DONTNEED), 0);
	EQ(posix_fadvise(fd, 0, 0, 99), EINVAL);
	EQ(posix_fadvise(fd, 0, -1, POSIX_FADV_NORMAL), EINVAL);
	EQ(posix_fadvise(99, 0, 0, POSIX_FADV_NORMAL), EBADF);
	sync();
	OK(syscall(SYS_syncfs, fd));
	ERR(syscall(SYS_syncfs, 99), EBADF);
	close(fd);
	fd = OK(open("/f/t", O_RDONLY));
	ERR(ftruncate(fd, 0), EINVAL); /* not open for writing */
	close(fd);
	fd = OK(open("/f", O_RDONLY));
	ERR(ftruncate(fd, 0), EINVAL);
	close(fd);
	EQ(truncate("/f/t", 1), 0);
	ERR(truncate("/f", 0), EISDIR);
	ERR(truncate("/f/t", -1), EINVAL);
	ERR(truncate("/f/none", 0), ENOENT);
}

static void sparse(int native)
{
	struct stat st;
	char buf[4096];
	int fd = OK(open("/f/sparse", O_RDWR | O_CREAT | O_TRUNC, 0644)), zeros = 1;

	EQ(pwrite(fd, "end", 3, 10 * 1024 * 1024), 3);
	OK(fstat(fd, &st));
	EQ(st.st_size, 10 * 1024 * 1024 + 3);
	EQ(st.st_blocks, 8); /* one 4 KiB block written */
	EQ(pread(fd, buf, sizeof(buf), 5 * 1024 * 1024), (long)sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		zeros &= buf[i] == 0;
	TRUE(zeros);
	EQ(ftruncate(fd, 1024LL * 1024 * 1024 * 1024), 0); /* 1 TiB of hole */
	OK(fstat(fd, &st));
	EQ(st.st_blocks, 8);
	EQ(pwrite(fd, "x", 1, 1024LL * 1024 * 1024 * 1024 - 1), 1);
	OK(fstat(fd, &st));
	EQ(st.st_blocks, 16);
	EQ(ftruncate(fd, 0), 0);
	OK(fstat(fd, &st));
	EQ(st.st_blocks, 0);
	/* A truncated block's tail reads as zeros when the file grows again. */
	EQ(pwrite(fd, "abcdef", 6, 0), 6);
	EQ(ftruncate(fd, 2), 0);
	EQ(ftruncate(fd, 6), 0);
	EQ(pread(fd, buf, 6, 0), 6);
	TRUE(!memcmp(buf, "ab\0\0\0\0", 6));
	ERR(pwrite(fd, "x", 1, LLONG_MAX), EINVAL); /* the end overflows */
	if (!native) /* ramfs stops at 16 TiB; Linux's tmpfs at LLONG_MAX */
		ERR(pwrite(fd, "x", 1, 1LL << 44), EFBIG);
	close(fd);
}

/* Two threads appending through their own O_APPEND opens never overwrite
 * each other: every record lands whole, none is lost. */
static void *appender(void *arg)
{
	char rec[100];
	int fd = open("/f/appends", O_WRONLY | O_APPEND);

	memset(rec, *(char *)arg, sizeof(rec));
	for (int i = 0; fd >= 0 && i < 1000; i++)
		if (write(fd, rec, sizeof(rec)) != (long)sizeof(rec))
			break;
	if (fd >= 0)
		close(fd);
	return NULL;
}

static void appenders(void)
{
	static char who[2] = { 'a', 'b' }, buf[200000];
	pthread_t t[2];
	int fd = OK(open("/f/appends", O_RDWR | O_CREAT | O_TRUNC, 0644)), whole = 1,
	    count[2] = { 0 };

	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, appender, &who[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	EQ(read(fd, buf, sizeof(buf)), (long)sizeof(buf));
	for (long r = 0; r < (long)sizeof(buf); r += 100) {
		whole &= !memcmp(buf + r, buf + r + 1, 99) && (buf[r] == 'a' || buf[r] == 'b');
		count[buf[r] == 'b']++;
	}
	TRUE(whole);
	EQ(count[0], 1000);
	EQ(count[1], 1000);
	close(fd);
}

int cmd_files(int argc, char **argv)
{
	open_flags();
	transfer();
	sparse(argc > 1 && !strcmp(argv[1], "native"));
	appenders();
	return 0;
}
