/* SPDX-License-Identifier: BSD-3-Clause */
/* /dev: null, zero, full, random, urandom, console, stdin/stdout/stderr. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include "compat.h"
#include <unistd.h>
#include "posixfs.h"

static int has_entry(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	while (d && (e = readdir(d)))
		found |= !strcmp(e->d_name, name);
	if (d)
		closedir(d);
	return found;
}

int cmd_devfs(int argc, char **argv)
{
	char buf[64], a[32], b[32], zeros[32] = { 0 };
	struct stat st;
	int fd, nonzero = 0;

	(void)argc, (void)argv;
	fd = OK(open("/dev/null", O_RDWR));
	EQ(read(fd, buf, sizeof(buf)), 0);
	EQ(write(fd, buf, sizeof(buf)), (long)sizeof(buf));
	OK(fstat(fd, &st));
	TRUE(S_ISCHR(st.st_mode));
	EQ(major(st.st_rdev), 1);
	EQ(minor(st.st_rdev), 3);
	close(fd);
	fd = OK(open("/dev/zero", O_RDONLY));
	memset(buf, 'x', sizeof(buf));
	EQ(read(fd, buf, 32), 32);
	TRUE(!memcmp(buf, zeros, 32));
	close(fd);
	fd = OK(open("/dev/full", O_WRONLY));
	ERR(write(fd, "x", 1), ENOSPC);
	close(fd);
	fd = OK(open("/dev/urandom", O_RDONLY));
	EQ(read(fd, a, sizeof(a)), (long)sizeof(a));
	EQ(read(fd, b, sizeof(b)), (long)sizeof(b));
	TRUE(memcmp(a, b, sizeof(a)) != 0);
	for (size_t i = 0; i < sizeof(a); i++)
		nonzero |= a[i];
	TRUE(nonzero);
	close(fd);
	fd = OK(open("/dev/random", O_RDONLY));
	EQ(read(fd, a, sizeof(a)), (long)sizeof(a));
	close(fd);
	fd = OK(open("/dev/console", O_WRONLY));
	EQ(write(fd, "devfs: via /dev/console\n", 24), 24);
	close(fd);
	EQ(readlink("/dev/stdout", buf, sizeof(buf)), 4); /* Linux: /proc/self/fd/1 */
	TRUE(!memcmp(buf, "fd/1", 4));
	OK(lstat("/dev/stderr", &st));
	TRUE(S_ISLNK(st.st_mode));
	fd = OK(open("/dev/stdout", O_WRONLY));
	EQ(write(fd, "devfs: via /dev/stdout\n", 23), 23);
	close(fd);
	fd = OK(open("/dev/stderr", O_WRONLY));
	EQ(write(fd, "devfs: via /dev/stderr\n", 23), 23);
	close(fd);
	/* /dev/stdout follows fd 1 wherever it points now. */
	pf_write_file("/redirected", "", 0);
	{
		int saved = dup(1), f = open("/redirected", O_WRONLY);

		dup2(f, 1);
		close(f);
		fd = open("/dev/stdout", O_WRONLY);
		write(fd, "into the file", 13);
		close(fd);
		dup2(saved, 1);
		close(saved);
		OK(stat("/redirected", &st));
		EQ(st.st_size, 13);
	}
	TRUE(has_entry("/dev", "null") && has_entry("/dev", "urandom") &&
	     has_entry("/dev", "stdin") && has_entry("/dev", "console"));
	ERR(open("/dev/new", O_RDWR | O_CREAT, 0644), EROFS);
	ERR(mkdir("/dev/dir", 0755), EROFS);
	ERR(unlink("/dev/null"), EROFS);
	return 0;
}
