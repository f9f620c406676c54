/* SPDX-License-Identifier: BSD-3-Clause */
/* Descriptors: dup family, fcntl (F_DUPFD, flags, record locks), flock, EMFILE. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "posixfs.h"

static void dups(void)
{
	char c;
	int fd, d;

	mkdir("/x", 0755);
	pf_write_file("/x/f", "abcdef", 6);
	fd = OK(open("/x/f", O_RDWR));
	d = OK(dup(fd));
	EQ(read(fd, &c, 1), 1);
	EQ(lseek(d, 0, SEEK_CUR), 1); /* one open file, one position */
	EQ(dup2(fd, 50), 50);
	EQ(lseek(50, 0, SEEK_CUR), 1);
	EQ(dup2(fd, fd), fd);
	ERR(dup2(99, 50), EBADF);
	ERR(dup2(fd, -1), EBADF);
	EQ(dup3(fd, 51, O_CLOEXEC), 51);
	EQ(fcntl(51, F_GETFD), FD_CLOEXEC);
	ERR(dup3(fd, fd, 0), EINVAL);
	ERR(syscall(SYS_dup3, fd, 52, O_APPEND), EINVAL); /* musl drops the flag */
	EQ(fcntl(fd, F_DUPFD, 60), 60);
	EQ(fcntl(fd, F_DUPFD_CLOEXEC, 60), 61);
	EQ(fcntl(61, F_GETFD), FD_CLOEXEC);
	ERR(fcntl(fd, F_DUPFD, -1), EINVAL);
	ERR(fcntl(99, F_GETFD), EBADF);
	/* F_SETFL changes O_APPEND and O_NONBLOCK only. */
	EQ(fcntl(fd, F_SETFL, O_APPEND | O_RDONLY), 0);
	EQ(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND), O_RDWR | O_APPEND);
	EQ(write(d, "Z", 1), 1); /* the shared file appends now */
	EQ(lseek(fd, 0, SEEK_CUR), 7);
	close(50), close(51), close(60), close(61);
	close(d);
	ERR(close(d), EBADF);
	close(fd);
}

static void locks(void)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10 };
	int fd = OK(open("/x/f", O_RDWR)), ro = OK(open("/x/f", O_RDONLY));

	long r;

	errno = 0;
	r = fcntl(fd, F_SETLK, &fl);
	if (r == -1 && errno == EINVAL) {
		/* newlib's fcntl has no record locks yet: lockf below still
		 * reaches the VFS's, through syscall(). */
		printf("skip: fcntl F_SETLK/F_GETLK: not in this C library's fcntl\n");
		goto lockf_only;
	}
	pf_ok("fcntl(fd, F_SETLK, &fl)", r);
	OK(fcntl(fd, F_SETLKW, &fl));
	fl.l_type = F_WRLCK;
	OK(fcntl(ro, F_GETLK, &fl)); /* one process: its locks never conflict */
	EQ(fl.l_type, F_UNLCK);
	fl.l_type = F_WRLCK;
	ERR(fcntl(ro, F_SETLK, &fl), EBADF);
	fl.l_type = F_RDLCK;
	OK(fcntl(ro, F_SETLK, &fl));
	fl.l_type = 42;
	ERR(fcntl(fd, F_SETLK, &fl), EINVAL);
	fl.l_type = F_UNLCK;
	fl.l_whence = 7;
	ERR(fcntl(fd, F_SETLK, &fl), EINVAL);
	fl.l_whence = SEEK_SET;
	fl.l_start = -5;
	ERR(fcntl(fd, F_SETLK, &fl), EINVAL);
	fl.l_start = 0;
	OK(fcntl(fd, F_SETLK, &fl));
	ERR(fcntl(99, F_SETLK, &fl), EBADF);
	ERR(fcntl(fd, 4242, 0), EINVAL);
lockf_only:
	/* lockf is F_SETLK underneath. */
	OK(lockf(fd, F_LOCK, 0));
	OK(lockf(fd, F_TEST, 0));
	OK(lockf(fd, F_ULOCK, 0));
	/* flock: whole-file locks (no conflicting pair here: Linux makes two
	 * opens of one file conflict, Kumiki grants both); Linux's checks. */
	OK(flock(fd, LOCK_EX));
	OK(flock(fd, LOCK_SH | LOCK_NB));
	OK(flock(fd, LOCK_UN));
	OK(flock(ro, LOCK_SH | LOCK_NB));
	OK(flock(ro, LOCK_UN));
	OK(flock(fd, 32 | LOCK_SH)); /* LOCK_MAND: ignored */
	ERR(flock(fd, LOCK_SH | LOCK_EX), EINVAL);
	ERR(flock(fd, LOCK_NB), EINVAL);
	ERR(flock(99, LOCK_EX), EBADF);
	close(ro);
	close(fd);
}

static void table_full(void)
{
	int n = 0, last = 0;

	while (n < 100000 && (last = open("/x/f", O_RDONLY)) >= 0)
		n++;
	ERR(open("/x/f", O_RDONLY), EMFILE);
	TRUE(n > 100);
	for (int fd = 3; fd < 3 + n + 8; fd++)
		close(fd);
	OK(last = open("/x/f", O_RDONLY));
	close(last);
}

int cmd_fds(int argc, char **argv)
{
	(void)argc, (void)argv;
	dups();
	locks();
	table_full();
	return 0;
}
