/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * filetree COMMAND ARGS: file trees seen from inside the image, printed in
 * a form the host can produce too (suites 82-initrd and 84-hostfs).
 *   walk DIR          one line per entry below DIR, depth first:
 *                       f MODE SIZE MTIME CKSUM PATH   (regular file)
 *                       d MODE MTIME PATH              (directory)
 *                       l MTIME PATH -> TARGET         (symlink)
 *                     MODE in octal (permission bits, as find -printf %m), CKSUM as cksum(1)
 *                     computes it, PATH relative to DIR; then "walked N"
 *   cksum FILE        "CKSUM SIZE" as cksum(1) prints it
 *   write FILE TEXT   FILE created or truncated, holding TEXT
 *   create FILE MODE  FILE created (O_EXCL) with MODE (octal) under umask 0
 *   ls DIR            the names in DIR, one a line (readdir order)
 *   rename OLD NEW    rename(2)
 *   unlink FILE       unlink(2)
 *   links A B         "same" if A and B are one file (st_dev, st_ino)
 *   mkdir DIR MODE, rmdir DIR, symlink TARGET PATH, link OLD NEW,
 *   chmod PATH MODE, truncate PATH SIZE, touch PATH SECONDS (mtime and
 *   atime, not following a symlink): the call of that name (MODE octal)
 * Standard headers only, for musl and newlib alike.
 * Exit status: 0, or 1 with "filetree: CALL PATH: strerror" on stderr.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned long walked;

static int fail(const char *call, const char *path)
{
	fprintf(stderr, "filetree: %s %s: %s\n", call, path, strerror(errno));
	return 1;
}

/* POSIX cksum: CRC-32 (polynomial 0x04C11DB7, most significant bit first)
 * over the data, then over the length in as few bytes as it needs. */
static uint32_t crc_byte(uint32_t crc, unsigned char b)
{
	crc ^= (uint32_t)b << 24;
	for (int i = 0; i < 8; i++)
		crc = crc & 0x80000000u ? crc << 1 ^ 0x04C11DB7u : crc << 1;
	return crc;
}

static int file_cksum(const char *path, uint32_t *sum, unsigned long long *size)
{
	static unsigned char buf[65536];
	uint32_t crc = 0;
	unsigned long long n = 0;
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return fail("open", path);
	while ((got = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < got; i++)
			crc = crc_byte(crc, buf[i]);
		n += (unsigned long long)got;
	}
	if (got < 0) {
		close(fd);
		return fail("read", path);
	}
	close(fd);
	for (unsigned long long len = n; len; len >>= 8)
		crc = crc_byte(crc, (unsigned char)len);
	*sum = ~crc;
	*size = n;
	return 0;
}

/* The buffers of one directory level: on the heap, since the main thread's
 * stack is small on kvm and the recursion is as deep as the tree. */
struct level {
	char path[4096], sub[4096], full[8192], target[4096];
};

static int walk(const char *root, const char *rel)
{
	struct level *l = malloc(sizeof(*l));
	struct dirent *d;
	DIR *dir;
	int rc = 0;

	if (!l)
		return fail("malloc", rel);
	snprintf(l->path, sizeof(l->path), "%s%s%s", root, *rel ? "/" : "", rel);
	dir = opendir(l->path);
	if (!dir) {
		rc = fail("opendir", l->path);
		free(l);
		return rc;
	}
	while (!rc && (d = readdir(dir))) {
		struct stat st;
		uint32_t sum;
		unsigned long long size;
		ssize_t n;

		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		snprintf(l->sub, sizeof(l->sub), "%s%s%s", rel, *rel ? "/" : "", d->d_name);
		snprintf(l->full, sizeof(l->full), "%s/%s", root, l->sub);
		if (lstat(l->full, &st))
			rc = fail("lstat", l->full);
		else if (S_ISREG(st.st_mode)) {
			rc = file_cksum(l->full, &sum, &size);
			if (!rc)
				printf("f %o %llu %lld %u %s\n", (unsigned int)(st.st_mode & 07777),
				       (unsigned long long)st.st_size, (long long)st.st_mtime,
				       (unsigned int)sum, l->sub);
			if (!rc && size != (unsigned long long)st.st_size)
				rc = (fprintf(stderr,
					      "filetree: %s: read %llu bytes, st_size %lld\n",
					      l->full, size, (long long)st.st_size),
				      1);
		} else if (S_ISDIR(st.st_mode)) {
			printf("d %o %lld %s\n", (unsigned int)(st.st_mode & 07777),
			       (long long)st.st_mtime, l->sub);
			rc = walk(root, l->sub);
		} else if (S_ISLNK(st.st_mode)) {
			n = readlink(l->full, l->target, sizeof(l->target) - 1);
			if (n < 0)
				rc = fail("readlink", l->full);
			else
				printf("l %lld %s -> %.*s\n", (long long)st.st_mtime, l->sub,
				       (int)n, l->target);
		} else {
			printf("? %06o %s\n", (unsigned int)st.st_mode, l->sub);
		}
		walked++;
	}
	closedir(dir);
	free(l);
	return rc;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	if (!strcmp(cmd, "walk") && argc == 3) {
		int rc = walk(argv[2], "");

		printf("walked %lu\n", walked);
		return rc;
	}
	if (!strcmp(cmd, "cksum") && argc == 3) {
		uint32_t sum;
		unsigned long long size;

		if (file_cksum(argv[2], &sum, &size))
			return 1;
		printf("%u %llu\n", (unsigned int)sum, size);
		return 0;
	}
	if (!strcmp(cmd, "write") && argc == 4) {
		int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		size_t len = strlen(argv[3]);

		if (fd < 0)
			return fail("open", argv[2]);
		if (write(fd, argv[3], len) != (ssize_t)len)
			return fail("write", argv[2]);
		return close(fd) ? fail("close", argv[2]) : 0;
	}
	if (!strcmp(cmd, "ls") && argc == 3) {
		DIR *dir = opendir(argv[2]);
		struct dirent *d;

		if (!dir)
			return fail("opendir", argv[2]);
		while ((d = readdir(dir)))
			printf("%s\n", d->d_name);
		closedir(dir);
		return 0;
	}
	if (!strcmp(cmd, "rename") && argc == 4)
		return rename(argv[2], argv[3]) ? fail("rename", argv[2]) : 0;
	if (!strcmp(cmd, "unlink") && argc == 3)
		return unlink(argv[2]) ? fail("unlink", argv[2]) : 0;
	if (!strcmp(cmd, "links") && argc == 4) {
		struct stat a, b;

		if (stat(argv[2], &a))
			return fail("stat", argv[2]);
		if (stat(argv[3], &b))
			return fail("stat", argv[3]);
		printf("%s\n", a.st_dev == b.st_dev && a.st_ino == b.st_ino ? "same" : "different");
		return 0;
	}
	if (argc == 4) {
		const char *a = argv[2], *b = argv[3];
		long n = strtol(b, NULL, 8);

		if (!strcmp(cmd, "create")) {
			int fd;

			umask(0);
			fd = open(a, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, (mode_t)n);
			return fd < 0 ? fail("open", a) : close(fd) ? fail("close", a) : 0;
		}
		if (!strcmp(cmd, "mkdir"))
			return mkdir(a, (mode_t)n) ? fail("mkdir", a) : 0;
		if (!strcmp(cmd, "symlink"))
			return symlink(a, b) ? fail("symlink", b) : 0;
		if (!strcmp(cmd, "link"))
			return link(a, b) ? fail("link", b) : 0;
		if (!strcmp(cmd, "chmod"))
			return chmod(a, (mode_t)n) ? fail("chmod", a) : 0;
		if (!strcmp(cmd, "truncate"))
			return truncate(a, strtol(b, NULL, 10)) ? fail("truncate", a) : 0;
		if (!strcmp(cmd, "touch")) {
			/* The system call itself (newlib has no utimensat()), so
			 * Linux's values, not the C library's: newlib's AT_*
			 * constants differ. */
			struct {
				long long sec;
				long nsec;
			} ts[2] = { { strtol(b, NULL, 10), 0 }, { strtol(b, NULL, 10), 0 } };

			return syscall(SYS_utimensat, -100 /* AT_FDCWD */, a, ts,
				       0x100 /* AT_SYMLINK_NOFOLLOW */)
				       ? fail("utimensat", a)
				       : 0;
		}
	}
	if (!strcmp(cmd, "rmdir") && argc == 3)
		return rmdir(argv[2]) ? fail("rmdir", argv[2]) : 0;
	fprintf(stderr,
		"usage: filetree walk DIR | cksum FILE | write FILE TEXT | ls DIR | "
		"rename OLD NEW | unlink FILE | links A B | create FILE MODE | mkdir DIR MODE | "
		"rmdir DIR | symlink TARGET PATH | link OLD NEW | chmod PATH MODE | "
		"truncate PATH SIZE | touch PATH SECONDS\n");
	return 2;
}
