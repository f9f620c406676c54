/* SPDX-License-Identifier: BSD-3-Clause */
/* rename(at/at2), unlink(at), link(at), symlink(at), readlink(at). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "posixfs.h"

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#endif

static int read_is(const char *path, const char *want)
{
	char buf[64] = { 0 };
	int fd = open(path, O_RDONLY);
	long n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	return n == (long)strlen(want) && !strcmp(buf, want);
}

static void renames(void)
{
	struct stat st;
	int fd;

	mkdir("/n", 0755);
	mkdir("/n/d1", 0755);
	mkdir("/n/d2", 0755);
	pf_write_file("/n/a", "A", 1);
	pf_write_file("/n/b", "B", 1);
	OK(rename("/n/a", "/n/a2"));
	ERR(stat("/n/a", &st), ENOENT);
	TRUE(read_is("/n/a2", "A"));
	OK(rename("/n/a2", "/n/b")); /* replaces */
	TRUE(read_is("/n/b", "A"));
	ERR(rename("/n/none", "/n/x"), ENOENT);
	ERR(rename("/n/b", "/n/none/x"), ENOENT);
	ERR(rename("/n/b", "/n/d1"), EISDIR);
	ERR(rename("/n/d1", "/n/b"), ENOTDIR);
	pf_write_file("/n/d2/f", "F", 1);
	ERR(rename("/n/d1", "/n/d2"), ENOTEMPTY);
	ERR(rename("/n/d1", "/n/d1/sub"), EINVAL);
	ERR(rename("/n/b/", "/n/c"), ENOTDIR);
	ERR(rename("/n/.", "/n/x"), EBUSY);
	ERR(rename("/", "/n/x"), EBUSY);
	OK(rename("/n/b", "/n/b")); /* the same file: nothing happens */
	OK(rename("/n/d1", "/n/d2/moved"));
	OK(stat("/n/d2/moved", &st));
	TRUE(S_ISDIR(st.st_mode));
	OK(stat("/n/d2/moved/..", &st));
	OK(mkdir("/n/empty", 0755));
	OK(rename("/n/d2/moved", "/n/empty")); /* an empty directory is replaced */
	OK(renameat(AT_FDCWD, "/n/empty", AT_FDCWD, "/n/d1"));
	pf_write_file("/n/c", "C", 1);
	fd = OK(open("/n", O_RDONLY | O_DIRECTORY));
	ERR(syscall(SYS_renameat2, fd, "c", fd, "d2/f", RENAME_NOREPLACE), EEXIST);
	OK(syscall(SYS_renameat2, fd, "c", fd, "c2", RENAME_NOREPLACE));
	ERR(syscall(SYS_renameat2, fd, "c2", fd, "c3", 0x80), EINVAL);
	close(fd);
	/* An open file keeps its data when its name is replaced. */
	fd = OK(open("/n/c2", O_RDONLY));
	pf_write_file("/n/other", "O", 1);
	OK(rename("/n/other", "/n/c2"));
	{
		char c = 0;

		EQ(read(fd, &c, 1), 1);
		EQ(c, 'C');
	}
	close(fd);
}

static void unlinks(void)
{
	char c = 0;
	struct stat st;
	int fd;

	pf_write_file("/n/u", "U", 1);
	fd = OK(open("/n/u", O_RDWR));
	OK(unlink("/n/u"));
	ERR(stat("/n/u", &st), ENOENT);
	EQ(pwrite(fd, "V", 1, 1), 1); /* still usable until closed */
	EQ(pread(fd, &c, 1, 0), 1);
	EQ(c, 'U');
	EQ(pread(fd, &c, 1, 1), 1);
	EQ(c, 'V');
	OK(fstat(fd, &st));
	EQ(st.st_nlink, 0);
	close(fd);
	ERR(unlink("/n/u"), ENOENT);
	ERR(unlink("/n/d1"), EISDIR);
	ERR(unlink("/n/d2/f/"), ENOTDIR);
	ERR(unlink("/n/none/x"), ENOENT);
	ERR(unlink(""), ENOENT);
	OK(unlinkat(AT_FDCWD, "/n/d2/f", 0));
	ERR(unlinkat(AT_FDCWD, "/n/d2", 0), EISDIR);
	OK(unlinkat(AT_FDCWD, "/n/d2", AT_REMOVEDIR));
}

static void links(void)
{
	char buf[PATH_MAX + 8], longt[4096 + 8];
	struct stat st;
	int fd;

	pf_write_file("/n/orig", "L", 1);
	OK(link("/n/orig", "/n/hard"));
	OK(stat("/n/orig", &st));
	EQ(st.st_nlink, 2);
	TRUE(read_is("/n/hard", "L"));
	ERR(link("/n/orig", "/n/hard"), EEXIST);
	ERR(link("/n/none", "/n/x"), ENOENT);
	ERR(link("/n/d1", "/n/dl"), EPERM);
	ERR(link("/n/orig", "/n/none/x"), ENOENT);
	OK(unlink("/n/orig"));
	OK(stat("/n/hard", &st));
	EQ(st.st_nlink, 1);
	/* symlink, readlink, and linkat following a symlink or not. */
	OK(symlink("hard", "/n/sym"));
	ERR(symlink("x", "/n/sym"), EEXIST);
	ERR(symlink("", "/n/empty"), ENOENT);
	memset(longt, 'a', 4096); /* Linux's PATH_MAX, whatever the libc says */
	longt[4096] = '\0';
	ERR(symlink(longt, "/n/long"), ENAMETOOLONG);
	EQ(readlink("/n/sym", buf, sizeof(buf)), 4);
	TRUE(!memcmp(buf, "hard", 4));
	EQ(readlink("/n/sym", buf, 2), 2); /* truncated, no NUL */
	ERR(readlink("/n/hard", buf, sizeof(buf)), EINVAL);
	ERR(readlink("/n/none", buf, sizeof(buf)), ENOENT);
	ERR(syscall(SYS_readlink, "/n/sym", buf, 0), EINVAL); /* musl: a dummy buffer */
	fd = OK(open("/n", O_RDONLY | O_DIRECTORY));
	EQ(readlinkat(fd, "sym", buf, sizeof(buf)), 4);
	OK(symlinkat("hard", fd, "sym2"));
	OK(linkat(fd, "sym", fd, "sym-itself", 0));
	OK(lstat("/n/sym-itself", &st));
	TRUE(S_ISLNK(st.st_mode));
	OK(linkat(fd, "sym", fd, "sym-target", AT_SYMLINK_FOLLOW));
	OK(lstat("/n/sym-target", &st));
	TRUE(S_ISREG(st.st_mode));
	EQ(st.st_nlink, 2);
	ERR(linkat(fd, "sym", fd, "x", 0x8000), EINVAL);
	close(fd);
}

int cmd_names(int argc, char **argv)
{
	(void)argc, (void)argv;
	renames();
	unlinks();
	links();
	return 0;
}
