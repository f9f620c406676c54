/* SPDX-License-Identifier: BSD-3-Clause */
/* mkdir, rmdir, getdents64 (through readdir and directly), getcwd, chdir, fchdir. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "posixfs.h"

/* How many entries readdir lists in @path, "." and ".." included. */
static int count_entries(const char *path, int *dots)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	*dots = 0;
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		n++;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			(*dots)++;
	}
	closedir(d);
	return n;
}

static void mkdir_rmdir(void)
{
	char longname[300];
	struct stat st;

	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	OK(mkdir("/d", 0750));
	OK(stat("/d", &st));
	EQ(st.st_mode & 07777, 0750 & ~022);
	TRUE(S_ISDIR(st.st_mode));
	ERR(mkdir("/d", 0755), EEXIST);
	ERR(mkdir("/", 0755), EEXIST);
	ERR(mkdir("/d/a/b", 0755), ENOENT);
	ERR(mkdir(longname, 0755), ENAMETOOLONG);
	OK(mkdir("/d/sub/", 0755)); /* a trailing slash is fine for mkdir */
	pf_write_file("/d/file", "x", 1);
	ERR(mkdir("/d/file/x", 0755), ENOTDIR);
	symlink("/d/sub", "/d/lnk");
	ERR(mkdir("/d/lnk", 0755), EEXIST); /* never through a last symlink */
	ERR(rmdir("/d"), ENOTEMPTY);
	ERR(rmdir("/d/file"), ENOTDIR);
	ERR(rmdir("/d/lnk"), ENOTDIR);
	ERR(rmdir("/d/none"), ENOENT);
	ERR(rmdir("/d/sub/."), EINVAL);
	ERR(rmdir("/d/sub/.."), ENOTEMPTY);
	ERR(rmdir("/"), EBUSY);
	OK(rmdir("/d/sub"));
	ERR(stat("/d/sub", &st), ENOENT);
	OK(mkdirat(AT_FDCWD, "/d/at", 0700));
	ERR(mkdirat(99, "rel", 0700), EBADF);
	OK(unlinkat(AT_FDCWD, "/d/at", AT_REMOVEDIR));
	ERR(unlinkat(AT_FDCWD, "/d/file", 0x1), EINVAL);
}

/* telldir/seekdir come back to the same entry. */
static void positions(void)
{
	DIR *d = opendir("/l");
	struct dirent *e;
	char first[sizeof(((struct dirent *)0)->d_name)];
	long pos;

	if (!pf_true("opendir(\"/l\")", d != NULL))
		return;
	readdir(d), readdir(d), readdir(d);
	pos = telldir(d);
	e = readdir(d);
	snprintf(first, sizeof(first), "%s", e ? e->d_name : "");
	while (readdir(d))
		;
	seekdir(d, pos);
	e = readdir(d);
	TRUE(e && !strcmp(e->d_name, first));
	closedir(d);
}

static void listing(void)
{
	char name[32], buf[512];
	int dots, fd, n;
	long got;

	mkdir("/l", 0755);
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "/l/entry-%03d", i);
		pf_write_file(name, "", 0);
	}
	EQ(count_entries("/l", &dots), 102);
	EQ(dots, 2);
	/* Small buffers: every entry once, in several calls; telldir/seekdir. */
	fd = OK(open("/l", O_RDONLY | O_DIRECTORY));
	n = 0;
	while ((got = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < got; off += *(unsigned short *)(buf + off + 16))
			n++;
	EQ(got, 0);
	EQ(n, 102);
	EQ(syscall(SYS_getdents64, fd, buf, 8), 0); /* at the end: nothing to fit */
	EQ(lseek(fd, 0, SEEK_SET), 0);
	ERR(syscall(SYS_getdents64, fd, buf, 8), EINVAL); /* too small for one entry */
	ERR(syscall(SYS_getdents64, 99, buf, sizeof(buf)), EBADF);
	close(fd);
	fd = OK(open("/l/entry-000", O_RDONLY));
	ERR(syscall(SYS_getdents64, fd, buf, sizeof(buf)), ENOTDIR);
	close(fd);
	positions();
	/* Entries removed while listing are never listed twice. */
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "/l/entry-%03d", i);
		unlink(name);
	}
	EQ(count_entries("/l", &dots), 2);
	ERR(opendir("/l/none") ? 0 : -1, ENOENT);
}

static void cwd(void)
{
	char buf[PATH_MAX], small[4];
	int fd;

	mkdir("/c", 0755);
	mkdir("/c/d", 0755);
	OK(chdir("/c/d"));
	TRUE(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/c/d"));
	pf_write_file("rel", "r", 1);
	TRUE(access("/c/d/rel", F_OK) == 0);
	OK(chdir(".."));
	TRUE(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/c"));
	ERR(getcwd(small, 2) ? 0 : -1, ERANGE);
	ERR(chdir("/c/d/rel"), ENOTDIR);
	ERR(chdir("/c/none"), ENOENT);
	fd = OK(open("/c/d", O_RDONLY | O_DIRECTORY));
	OK(fchdir(fd));
	TRUE(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/c/d"));
	close(fd);
	fd = OK(open("/c/d/rel", O_RDONLY));
	ERR(fchdir(fd), ENOTDIR);
	close(fd);
	ERR(fchdir(99), EBADF);
	/* The working directory removed: getcwd says so (ENOENT). */
	OK(mkdir("/c/gone", 0755));
	OK(chdir("/c/gone"));
	OK(rmdir("/c/gone"));
	ERR(getcwd(buf, sizeof(buf)) ? 0 : -1, ENOENT);
	ERR(open("new", O_RDWR | O_CREAT, 0644), ENOENT);
	OK(chdir("/"));
	TRUE(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/"));
}

int cmd_dirs(int argc, char **argv)
{
	(void)argc, (void)argv;
	mkdir_rmdir();
	listing();
	cwd();
	return 0;
}

static void walk(const char *path, int depth)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (!d) {
		printf("%s: cannot open (errno %d)\n", path, errno);
		return;
	}
	while ((e = readdir(d))) {
		char sub[PATH_MAX];
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", strcmp(path, "/") ? path : "", e->d_name);
		if (lstat(sub, &st))
			continue;
		printf("%s %s %lld\n", sub,
		       S_ISDIR(st.st_mode)   ? "dir"
		       : S_ISLNK(st.st_mode) ? "link"
		       : S_ISCHR(st.st_mode) ? "chr"
					     : "file",
		       (long long)st.st_size);
		if (S_ISDIR(st.st_mode) && depth < 8)
			walk(sub, depth + 1);
	}
	closedir(d);
}

/* ls [PATH]: the tree below PATH, one line per name (for the suite). */
int cmd_ls(int argc, char **argv)
{
	walk(argc > 1 ? argv[1] : "/", 0);
	return 0;
}
