/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nftw and ftw (include/ftw.h) on opendir/readdir and stat/lstat: one
 * path buffer, one open directory per level.
 */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#define WALK_PATH 4096

typedef int (*walk_fn)(const char *, const struct stat *, int, struct FTW *);

struct walk {
	char path[WALK_PATH];
	walk_fn fn;
	int flags;
	dev_t dev;
};

/* Walks w->path (of length @len, its name at @base), @level deep. */
static int walk_one(struct walk *w, size_t len, int base, int level)
{
	struct FTW ftw = { base, level };
	struct stat st;
	struct dirent *e;
	int type, r = 0;
	DIR *d;

	if (((w->flags & FTW_PHYS) ? lstat(w->path, &st) : stat(w->path, &st)) < 0) {
		if (!(w->flags & FTW_PHYS) && errno == ENOENT && !lstat(w->path, &st))
			type = FTW_SLN;
		else if (errno == EACCES && level > 0)
			type = FTW_NS;
		else
			return -1;
	} else if (S_ISDIR(st.st_mode)) {
		type = (w->flags & FTW_DEPTH) ? FTW_DP : FTW_D;
	} else if (S_ISLNK(st.st_mode)) {
		type = FTW_SL;
	} else {
		type = FTW_F;
	}
	if (level == 0)
		w->dev = st.st_dev;
	else if ((w->flags & FTW_MOUNT) && st.st_dev != w->dev)
		return 0;
	if (type != FTW_D && type != FTW_DP)
		return w->fn(w->path, &st, type, &ftw);
	d = opendir(w->path);
	if (!d) {
		if (errno != EACCES)
			return -1;
		return w->fn(w->path, &st, FTW_DNR, &ftw);
	}
	if (type == FTW_D && (r = w->fn(w->path, &st, FTW_D, &ftw))) {
		closedir(d);
		return r;
	}
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		size_t at = len;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (w->path[len - 1] != '/')
			at++;
		if (at + n >= WALK_PATH) {
			errno = ENAMETOOLONG;
			r = -1;
			break;
		}
		w->path[at - 1] = '/';
		memcpy(w->path + at, e->d_name, n + 1);
		r = walk_one(w, at + n, (int)at, level + 1);
		w->path[len] = '\0';
		if (r)
			break;
	}
	closedir(d);
	if (!r && type == FTW_DP)
		r = w->fn(w->path, &st, FTW_DP, &ftw);
	return r;
}

int nftw(const char *path, walk_fn fn, int fd_limit, int flags)
{
	struct walk w;
	size_t len = strlen(path);
	int base;

	(void)fd_limit;
	if (len >= WALK_PATH) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(w.path, path, len + 1);
	w.fn = fn;
	w.flags = flags;
	/* the name is what follows the last slash that is not at the end */
	base = (int)len;
	while (base > 0 && w.path[base - 1] == '/')
		base--;
	while (base > 0 && w.path[base - 1] != '/')
		base--;
	return walk_one(&w, len, base, 0);
}

int ftw(const char *path, int (*fn)(const char *, const struct stat *, int), int fd_limit)
{
	/* an ftw callback ignores nftw's fourth argument (musl does the same) */
	return nftw(path, (walk_fn)(void (*)(void))fn, fd_limit, FTW_PHYS);
}
