/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Directory streams (include/sys/dirent.h) on getdents64(2): a DIR holds
 * its descriptor, a buffer of Linux's linux_dirent64 records and the
 * current entry. readdir returns NULL at the end (errno untouched) or on
 * an error (errno set). Also telldir/seekdir, scandir and alphasort.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <km/syscall.h>
#include "newlib_glue.h"

#define DIR_BUF 2048

struct __km_dir {
	int fd;
	size_t pos, len;
	long tell; /* the d_off of the entry last returned: where the next one is */
	struct dirent ent;
	char buf[DIR_BUF] __attribute__((aligned(8)));
};

/* Linux's record, as getdents64 writes it. */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

DIR *fdopendir(int fd)
{
	DIR *d;
	struct stat st;

	if (fstat(fd, &st) < 0)
		return NULL;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->fd = fd;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d) {
		int e = errno;

		close(fd);
		errno = e;
	}
	return d;
}

struct dirent *readdir(DIR *d)
{
	const struct linux_dirent64 *l;
	size_t n;

	if (d->pos >= d->len) {
		long got = newlib_result(km_syscall3(KM_SYS_getdents64, d->fd, d->buf, DIR_BUF));

		if (got <= 0)
			return NULL;
		d->pos = 0;
		d->len = (size_t)got;
	}
	l = (const struct linux_dirent64 *)(d->buf + d->pos);
	d->pos += l->d_reclen;
	n = strnlen(l->d_name, sizeof(d->ent.d_name) - 1);
	d->ent.d_ino = (ino_t)l->d_ino;
	d->ent.d_off = (off_t)l->d_off;
	d->ent.d_reclen = sizeof(d->ent);
	d->ent.d_type = l->d_type;
	memcpy(d->ent.d_name, l->d_name, n);
	d->ent.d_name[n] = '\0';
	d->tell = (long)l->d_off;
	return &d->ent;
}

int readdir_r(DIR *d, struct dirent *ent, struct dirent **res)
{
	int saved = errno;
	struct dirent *e;

	errno = 0;
	e = readdir(d);
	if (!e && errno) {
		int err = errno;

		errno = saved;
		*res = NULL;
		return err;
	}
	errno = saved;
	if (e)
		*ent = *e;
	*res = e ? ent : NULL;
	return 0;
}

void rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->pos = d->len = d->tell = 0;
}

/* Positions are the file system's d_off cookies, as Linux's getdents64
 * gives them and lseek takes them back (musl and glibc do the same). */
long telldir(DIR *d)
{
	return d->tell;
}

void seekdir(DIR *d, long pos)
{
	if (lseek(d->fd, pos, SEEK_SET) < 0)
		return;
	d->pos = d->len = 0;
	d->tell = pos;
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcoll((*a)->d_name, (*b)->d_name);
}

/*
 * scandir: the entries @keep accepts (all when NULL), copied into one
 * malloc'ed array each, sorted by @cmp when given. -1 with errno on an
 * error (opendir's, readdir's, ENOMEM), nothing left allocated.
 */
int scandir(const char *path, struct dirent ***list, int (*keep)(const struct dirent *),
	    int (*cmp)(const struct dirent **, const struct dirent **))
{
	struct dirent **v = NULL, *e;
	size_t n = 0, cap = 0;
	int saved = errno, err;
	DIR *d = opendir(path);

	if (!d)
		return -1;
	errno = 0;
	while ((e = readdir(d))) {
		if (keep && !keep(e))
			continue;
		if (n == cap) {
			struct dirent **nv;

			cap = cap ? 2 * cap : 16;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				errno = ENOMEM;
				break;
			}
			v = nv;
		}
		v[n] = malloc(sizeof(*e));
		if (!v[n]) {
			errno = ENOMEM;
			break;
		}
		memcpy(v[n++], e, sizeof(*e));
		errno = 0;
	}
	err = errno;
	closedir(d);
	if (err || n > 0x7fffffff) {
		while (n > 0)
			free(v[--n]);
		free(v);
		errno = err ? err : EOVERFLOW;
		return -1;
	}
	errno = saved;
	if (cmp && n > 1)
		qsort(v, n, sizeof(*v), (int (*)(const void *, const void *))cmp);
	*list = v;
	return (int)n;
}

int dirfd(DIR *d)
{
	return d->fd;
}

int closedir(DIR *d)
{
	int ret = close(d->fd);

	free(d);
	return ret;
}
