/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The C library's own file functions over the system calls: realpath,
 * mkfifo, pathconf/fpathconf, statvfs/fstatvfs, scandir/alphasort, glob,
 * fnmatch, regcomp/regexec, nftw/ftw, ttyname(_r), getline/getdelim,
 * basename/dirname, preadv/pwritev, eaccess, syncfs, tmpfile/mkstemp in
 * /tmp. Results that differ by design (a FIFO where
 * the file system has none) print "skip:" with the reason.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <ftw.h>
#include <glob.h>
#include <libgen.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/uio.h>
#include <unistd.h>
#include "posixfs.h"

/* realpath(@path) equals @want (NULL: fails with @err). */
static void resolves(const char *path, const char *want, int err)
{
	char buf[PATH_MAX], what[160], *got;

	errno = 0;
	got = realpath(path, buf);
	snprintf(what, sizeof(what), "realpath(\"%s\") is %s", path, want ? want : strerror(err));
	if (!pf_true(what, want ? got == buf && !strcmp(buf, want) : !got && errno == err))
		printf("  got %s, errno %d\n", got ? got : "NULL", errno);
}

static void real_paths(void)
{
	char *m;

	mkdir("/rp", 0755);
	mkdir("/rp/dir", 0755);
	pf_write_file("/rp/dir/file", "x", 1);
	symlink("dir", "/rp/link");
	symlink("/rp/dir/file", "/rp/abs");
	symlink("loop", "/rp/loop");
	symlink("nowhere", "/rp/dangling");
	resolves("/rp/dir/file", "/rp/dir/file", 0);
	resolves("/rp/./dir//file", "/rp/dir/file", 0);
	resolves("/rp/link/file", "/rp/dir/file", 0);
	resolves("/rp/link/../dir/./file", "/rp/dir/file", 0);
	resolves("/rp/abs", "/rp/dir/file", 0);
	resolves("/rp/link/", "/rp/dir", 0);
	resolves("/..", "/", 0);
	resolves("/rp/none", NULL, ENOENT);
	resolves("/rp/dangling", NULL, ENOENT);
	resolves("/rp/dir/file/x", NULL, ENOTDIR);
	resolves("/rp/loop", NULL, ELOOP);
	resolves("", NULL, ENOENT);
	OK(chdir("/rp/dir"));
	resolves("file", "/rp/dir/file", 0);
	resolves("../link", "/rp/dir", 0);
	m = realpath("../abs", NULL);
	TRUE(m && !strcmp(m, "/rp/dir/file"));
	free(m);
	OK(chdir("/"));
}

static void fifos(void)
{
	struct stat st;
	int r = mkfifo("/fifo", 0600);

	if (r < 0 && errno == ENOSYS) {
		printf("skip: mkfifo: no named pipes in this file system (ENOSYS)\n");
		return;
	}
	OK(r);
	TRUE(stat("/fifo", &st) == 0 && S_ISFIFO(st.st_mode));
	ERR(mkfifo("/fifo", 0600), EEXIST);
	unlink("/fifo");
}

static void limits(void)
{
	struct statvfs sv;
	int fd = open("/", O_RDONLY | O_DIRECTORY);

	EQ(pathconf("/", _PC_NAME_MAX), 255);
	EQ(pathconf("/", _PC_PATH_MAX), 4096);
	EQ(pathconf("/", _PC_PIPE_BUF), 4096);
	EQ(pathconf("/", _PC_NO_TRUNC), 1);
	EQ(fpathconf(fd, _PC_NAME_MAX), 255);
	ERR(pathconf("/", 9999), EINVAL);
	OK(statvfs("/", &sv));
	TRUE(sv.f_bsize > 0 && sv.f_frsize > 0 && sv.f_namemax == 255);
	TRUE(sv.f_blocks >= sv.f_bfree && sv.f_bfree >= sv.f_bavail);
	TRUE(!(sv.f_flag & ST_RDONLY));
	OK(fstatvfs(fd, &sv));
	TRUE(sv.f_namemax == 255);
	ERR(statvfs("/no/such", &sv), ENOENT);
	ERR(fstatvfs(-1, &sv), EBADF);
	close(fd);
}

static int not_dot(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

static void scanning(void)
{
	struct dirent **list;
	int n;

	mkdir("/sd", 0755);
	pf_write_file("/sd/b", "", 0);
	pf_write_file("/sd/a", "", 0);
	pf_write_file("/sd/c", "", 0);
	pf_write_file("/sd/.hidden", "", 0);
	n = scandir("/sd", &list, not_dot, alphasort);
	EQ(n, 3);
	if (n == 3) {
		TRUE(!strcmp(list[0]->d_name, "a") && !strcmp(list[1]->d_name, "b") &&
		     !strcmp(list[2]->d_name, "c"));
		while (n--)
			free(list[n]);
		free(list);
	}
	n = scandir("/sd", &list, NULL, NULL);
	EQ(n, 6); /* with . and .. */
	if (n > 0) {
		while (n--)
			free(list[n]);
		free(list);
	}
	ERR(scandir("/no/such", &list, NULL, alphasort), ENOENT);
	ERR(scandir("/sd/a", &list, NULL, alphasort), ENOTDIR);
}

static void globbing(void)
{
	glob_t g;

	mkdir("/gl", 0755);
	mkdir("/gl/sub", 0755);
	pf_write_file("/gl/b.txt", "", 0);
	pf_write_file("/gl/a.txt", "", 0);
	pf_write_file("/gl/c.log", "", 0);
	pf_write_file("/gl/sub/d.txt", "", 0);
	EQ(glob("/gl/*.txt", 0, NULL, &g), 0);
	EQ(g.gl_pathc, 2);
	if (g.gl_pathc == 2)
		TRUE(!strcmp(g.gl_pathv[0], "/gl/a.txt") && !strcmp(g.gl_pathv[1], "/gl/b.txt"));
	globfree(&g);
	EQ(glob("/gl/*/?.txt", 0, NULL, &g), 0);
	TRUE(g.gl_pathc == 1 && !strcmp(g.gl_pathv[0], "/gl/sub/d.txt"));
	globfree(&g);
	EQ(glob("/gl/[ac].*", 0, NULL, &g), 0);
	EQ(g.gl_pathc, 2);
	globfree(&g);
	EQ(glob("/gl/*", GLOB_MARK, NULL, &g), 0);
	TRUE(g.gl_pathc == 4 && !strcmp(g.gl_pathv[3], "/gl/sub/"));
	globfree(&g);
	EQ(glob("/gl/*.none", 0, NULL, &g), GLOB_NOMATCH);
	EQ(glob("/gl/*.none", GLOB_NOCHECK, NULL, &g), 0);
	TRUE(g.gl_pathc == 1 && !strcmp(g.gl_pathv[0], "/gl/*.none"));
	globfree(&g);

	EQ(fnmatch("*.c", "main.c", 0), 0);
	EQ(fnmatch("*.c", "main.h", 0), FNM_NOMATCH);
	EQ(fnmatch("*", "a/b", FNM_PATHNAME), FNM_NOMATCH);
	EQ(fnmatch("*/b", "a/b", FNM_PATHNAME), 0);
	EQ(fnmatch("[a-c]x", "bx", 0), 0);
	EQ(fnmatch("[!a-c]x", "bx", 0), FNM_NOMATCH);
	EQ(fnmatch("*", ".hidden", FNM_PERIOD), FNM_NOMATCH);
	EQ(fnmatch("\\*", "*", 0), 0);
}

static void regexes(void)
{
	regmatch_t m[3];
	regex_t re;
	char msg[64];
	int rc;

	EQ(regcomp(&re, "^([a-z]+)=([0-9]+)$", REG_EXTENDED), 0);
	EQ(re.re_nsub, 2);
	EQ(regexec(&re, "width=640", 3, m, 0), 0);
	TRUE(m[1].rm_so == 0 && m[1].rm_eo == 5 && m[2].rm_so == 6 && m[2].rm_eo == 9);
	EQ(regexec(&re, "width=", 0, NULL, 0), REG_NOMATCH);
	regfree(&re);
	EQ(regcomp(&re, "a.c", REG_ICASE | REG_NOSUB), 0);
	EQ(regexec(&re, "xxABCxx", 0, NULL, 0), 0);
	regfree(&re);
	EQ(regcomp(&re, "a\\{2\\}", 0), 0); /* basic: an interval */
	EQ(regexec(&re, "baab", 0, NULL, 0), 0);
	EQ(regexec(&re, "bab", 0, NULL, 0), REG_NOMATCH);
	regfree(&re);
	rc = regcomp(&re, "(unclosed", REG_EXTENDED);
	EQ(rc, REG_EPAREN);
	TRUE(regerror(rc, &re, msg, sizeof(msg)) > 1 && msg[0]);
}

static int walk_dirs, walk_files, walk_links, walk_order_ok, walk_stop;
static char walk_last[64];

static int walker(const char *path, const struct stat *st, int type, struct FTW *f)
{
	(void)st;
	if (type == FTW_D || type == FTW_DP)
		walk_dirs++;
	else if (type == FTW_F)
		walk_files++;
	else if (type == FTW_SL || type == FTW_SLN)
		walk_links++;
	/* the name at base is the last component */
	if (strcmp(path + f->base, strrchr(path, '/') ? strrchr(path, '/') + 1 : path) &&
	    f->level > 0)
		walk_order_ok = 0;
	snprintf(walk_last, sizeof(walk_last), "%s", path);
	return walk_stop && !strcmp(path + f->base, "f2") ? 7 : 0;
}

static int old_walk_count;

static int old_walker(const char *path, const struct stat *st, int type)
{
	(void)path, (void)st, (void)type;
	old_walk_count++;
	return 0;
}

static void walks(void)
{
	mkdir("/nf", 0755);
	mkdir("/nf/a", 0755);
	mkdir("/nf/a/b", 0755);
	pf_write_file("/nf/f1", "1", 1);
	pf_write_file("/nf/a/f2", "2", 1);
	pf_write_file("/nf/a/b/f3", "3", 1);
	symlink("f1", "/nf/l1");
	walk_order_ok = 1;
	EQ(nftw("/nf", walker, 8, FTW_PHYS), 0);
	TRUE(walk_dirs == 3 && walk_files == 3 && walk_links == 1 && walk_order_ok);
	walk_dirs = walk_files = walk_links = 0;
	EQ(nftw("/nf", walker, 8, FTW_PHYS | FTW_DEPTH), 0);
	TRUE(walk_dirs == 3 && !strcmp(walk_last, "/nf")); /* the top comes last */
	walk_dirs = walk_files = walk_links = 0;
	EQ(nftw("/nf", walker, 8, 0), 0);
	TRUE(walk_files == 4 && walk_links == 0); /* the link followed to f1 */
	walk_stop = 1;
	EQ(nftw("/nf", walker, 8, FTW_PHYS), 7);
	walk_stop = 0;
	ERR(nftw("/no/such", walker, 8, FTW_PHYS), ENOENT);
	EQ(ftw("/nf", old_walker, 8), 0);
	EQ(old_walk_count, 7);
}

static void terminals(void)
{
	char buf[64];
	int fd = open("/nf/f1", O_RDONLY);

	errno = 0;
	TRUE(ttyname(fd) == NULL && errno == ENOTTY);
	EQ(ttyname_r(fd, buf, sizeof(buf)), ENOTTY);
	EQ(ttyname_r(-1, buf, sizeof(buf)), EBADF);
	close(fd);
}

static void lines(void)
{
	char *line = NULL;
	size_t size = 0;
	FILE *f;

	pf_write_file("/lines", "one\nsecond\nlast", 15);
	f = fopen("/lines", "r");
	if (!pf_true("fopen(\"/lines\")", f != NULL))
		return;
	EQ(getline(&line, &size, f), 4);
	TRUE(!strcmp(line, "one\n") && size >= 5);
	EQ(getline(&line, &size, f), 7);
	EQ(getline(&line, &size, f), 4);
	TRUE(!strcmp(line, "last"));
	EQ(getline(&line, &size, f), -1);
	rewind(f);
	EQ(getdelim(&line, &size, 'c', f), 7); /* "one\nsec" */
	TRUE(!strcmp(line, "one\nsec"));
	fclose(f);
	free(line);
}

static void names(void)
{
	char a[] = "/usr/lib/", b[] = "/usr/lib/", c[] = "file", d[] = "file";

	TRUE(!strcmp(basename(a), "lib"));
	TRUE(!strcmp(dirname(b), "/usr"));
	TRUE(!strcmp(basename(c), "file"));
	TRUE(!strcmp(dirname(d), "."));
}

static void vectors(void)
{
	char a[4] = "", b[8] = "";
	struct iovec out[2] = { { "abc", 3 }, { "defgh", 5 } }, in[2] = { { a, 3 }, { b, 5 } };
	int fd = open("/vec", O_RDWR | O_CREAT | O_TRUNC, 0644);

	EQ(pwritev(fd, out, 2, 10), 8);
	EQ(lseek(fd, 0, SEEK_CUR), 0);
	EQ(preadv(fd, in, 2, 10), 8);
	TRUE(!strcmp(a, "abc") && !strcmp(b, "defgh"));
	EQ(preadv(fd, in, 2, 100), 0);
	ERR(preadv(-1, in, 2, 0), EBADF);
	OK(syncfs(fd));
	close(fd);
	OK(eaccess("/vec", R_OK | W_OK));
	ERR(eaccess("/no/such", F_OK), ENOENT);
}

/* A sticky, world-writable /tmp, as programs expect (LIBVFS_ROOT_TMP). */
static void temporaries(void)
{
	char name[] = "/tmp/pfXXXXXX", back[8] = "";
	struct stat st;
	FILE *f;
	int fd;

	OK(stat("/tmp", &st));
	TRUE(S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 01777);
	f = tmpfile();
	if (pf_true("tmpfile()", f != NULL)) {
		TRUE(fputs("scratch", f) >= 0 && fflush(f) == 0);
		rewind(f);
		TRUE(fgets(back, sizeof(back), f) && !strcmp(back, "scratch"));
		fclose(f);
	}
	fd = mkstemp(name);
	if (pf_true("mkstemp(\"/tmp/pfXXXXXX\")", fd >= 0)) {
		TRUE(strncmp(name, "/tmp/pf", 7) == 0 && strcmp(name + 7, "XXXXXX") != 0);
		OK(fstat(fd, &st));
		TRUE((st.st_mode & 0777) == 0600);
		close(fd);
		OK(unlink(name));
	}
}

int cmd_libc(int argc, char **argv)
{
	(void)argc, (void)argv;
	real_paths();
	fifos();
	limits();
	scanning();
	globbing();
	regexes();
	walks();
	terminals();
	lines();
	names();
	vectors();
	temporaries();
	return 0;
}
