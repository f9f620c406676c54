/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Files on a host folder, with ordinary POSIX calls (suite 86-9pfs and
 * tests/bench/9pfs). Arguments: commands separated by "+", run in order;
 * each prints one "ok: ..." line or "FAIL: ..." and the exit status is the
 * number of failures.
 *   cksum PATH           size and POSIX cksum CRC of the file (cksum(1))
 *   write PATH N         create PATH (O_EXCL) with lines "line 0" .. "line N-1"
 *   ls DIR               every name but . and .., one "name: X" line each
 *   rename A B | unlink P | mkdir P | rmdir P | symlink T P | readlink P
 *   stat P               type and size
 *   append P TEXT        O_APPEND write of TEXT and a newline
 *   bench PATH           sequential 64 KiB reads of the whole file: MB/s and
 *                        microseconds per read
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void fail(const char *what, const char *path)
{
	printf("FAIL: %s %s: %s\n", what, path, strerror(errno));
	failures++;
}

static uint32_t crc_table[256];

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i << 24;

		for (int k = 0; k < 8; k++)
			c = c & 0x80000000u ? (c << 1) ^ 0x04c11db7u : c << 1;
		crc_table[i] = c;
	}
}

static uint32_t crc_add(uint32_t crc, const unsigned char *p, size_t n)
{
	while (n--)
		crc = (crc << 8) ^ crc_table[(crc >> 24) ^ *p++];
	return crc;
}

static void do_cksum(const char *path)
{
	static unsigned char buf[65536];
	uint64_t size = 0;
	uint32_t crc = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return fail("open", path);
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		crc = crc_add(crc, buf, (size_t)n);
		size += (uint64_t)n;
	}
	if (n < 0) {
		close(fd);
		return fail("read", path);
	}
	close(fd);
	for (uint64_t len = size; len; len >>= 8) {
		unsigned char b = (unsigned char)len;

		crc = crc_add(crc, &b, 1);
	}
	printf("ok: cksum %u %llu %s\n", ~crc, (unsigned long long)size, path);
}

static void do_write(const char *path, const char *count)
{
	long n = atol(count);
	char line[32];
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);

	if (fd < 0)
		return fail("create", path);
	for (long i = 0; i < n; i++) {
		int len = snprintf(line, sizeof(line), "line %ld\n", i);

		if (write(fd, line, (size_t)len) != len) {
			close(fd);
			return fail("write", path);
		}
	}
	if (fsync(fd) < 0)
		fail("fsync", path);
	if (close(fd) < 0)
		return fail("close", path);
	printf("ok: wrote %ld lines to %s\n", n, path);
}

static void do_ls(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	if (!d)
		return fail("opendir", path);
	errno = 0;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		printf("name: %s\n", e->d_name);
		n++;
	}
	if (errno)
		fail("readdir", path);
	closedir(d);
	printf("ok: %d names in %s\n", n, path);
}

static void do_stat(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return fail("lstat", path);
	printf("ok: stat %s %s size %lld\n", path,
	       S_ISDIR(st.st_mode)   ? "dir"
	       : S_ISLNK(st.st_mode) ? "symlink"
	       : S_ISREG(st.st_mode) ? "file"
				     : "other",
	       (long long)st.st_size);
}

static void do_append(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_APPEND);
	size_t len = strlen(text);

	if (fd < 0)
		return fail("open", path);
	if (write(fd, text, len) != (ssize_t)len || write(fd, "\n", 1) != 1)
		fail("write", path);
	close(fd);
	printf("ok: appended to %s\n", path);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void do_bench(const char *path)
{
	static unsigned char buf[65536];
	uint64_t total = 0, reads = 0;
	double t0, t1;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return fail("open", path);
	t0 = now_us();
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		total += (uint64_t)n;
		reads++;
	}
	t1 = now_us();
	close(fd);
	if (n < 0)
		return fail("read", path);
	printf("ok: bench %llu bytes %llu reads %.0f us %.1f MB/s %.1f us/read\n",
	       (unsigned long long)total, (unsigned long long)reads, t1 - t0,
	       (double)total / (t1 - t0), (t1 - t0) / (double)(reads ? reads : 1));
}

/* One command at @argv[0]; returns how many words it used, 0 if unknown. */
static int run(char **argv, int argc)
{
	const char *c = argv[0];

#define NEED(n)                                                                                    \
	do {                                                                                       \
		if (argc < (n) + 1) {                                                              \
			printf("FAIL: %s needs %d argument(s)\n", c, n);                           \
			failures++;                                                                \
			return argc;                                                               \
		}                                                                                  \
	} while (0)
	if (!strcmp(c, "cksum")) {
		NEED(1);
		do_cksum(argv[1]);
		return 2;
	}
	if (!strcmp(c, "write")) {
		NEED(2);
		do_write(argv[1], argv[2]);
		return 3;
	}
	if (!strcmp(c, "ls")) {
		NEED(1);
		do_ls(argv[1]);
		return 2;
	}
	if (!strcmp(c, "stat")) {
		NEED(1);
		do_stat(argv[1]);
		return 2;
	}
	if (!strcmp(c, "bench")) {
		NEED(1);
		do_bench(argv[1]);
		return 2;
	}
	if (!strcmp(c, "append")) {
		NEED(2);
		do_append(argv[1], argv[2]);
		return 3;
	}
	if (!strcmp(c, "rename")) {
		NEED(2);
		if (rename(argv[1], argv[2]) < 0)
			fail("rename", argv[1]);
		else
			printf("ok: renamed %s to %s\n", argv[1], argv[2]);
		return 3;
	}
	if (!strcmp(c, "symlink")) {
		NEED(2);
		if (symlink(argv[1], argv[2]) < 0)
			fail("symlink", argv[2]);
		else
			printf("ok: symlink %s -> %s\n", argv[2], argv[1]);
		return 3;
	}
	if (!strcmp(c, "readlink")) {
		char buf[256];
		ssize_t n;

		NEED(1);
		n = readlink(argv[1], buf, sizeof(buf) - 1);
		if (n < 0) {
			fail("readlink", argv[1]);
		} else {
			buf[n] = 0;
			printf("ok: readlink %s -> %s\n", argv[1], buf);
		}
		return 2;
	}
	if (!strcmp(c, "unlink") || !strcmp(c, "mkdir") || !strcmp(c, "rmdir")) {
		int rc;

		NEED(1);
		rc = c[0] == 'u'   ? unlink(argv[1])
		     : c[1] == 'k' ? mkdir(argv[1], 0755)
				   : rmdir(argv[1]);
		if (rc < 0)
			fail(c, argv[1]);
		else
			printf("ok: %s %s\n", c, argv[1]);
		return 2;
	}
	if (!strcmp(c, "statfs")) {
		struct statfs sf;

		NEED(1);
		if (statfs(argv[1], &sf) < 0)
			fail("statfs", argv[1]);
		else
			printf("ok: statfs %s type 0x%lx\n", argv[1], (unsigned long)sf.f_type);
		return 2;
	}
	printf("FAIL: unknown command %s\n", c);
	failures++;
	return argc;
}

int main(int argc, char **argv)
{
	int i = 1;

	crc_init();
	while (i < argc) {
		int end = i;

		while (end < argc && strcmp(argv[end], "+"))
			end++;
		if (end > i)
			run(argv + i, end - i);
		i = end + 1;
	}
	printf("ninepfstest: %d failures\n", failures);
	return failures;
}
