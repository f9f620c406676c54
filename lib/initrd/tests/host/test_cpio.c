/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host unit tests of the cpio reader: archives written here member by
 * member (newc, crc, odc), then every kind of damage, each with the error
 * line it must give. Built with AddressSanitizer, so a read past a buffer
 * fails the test even when the result looks right.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <km/cpio.h>

static int failures;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			failures++;                                                                \
			printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                     \
			printf(__VA_ARGS__);                                                       \
			printf("\n");                                                              \
		}                                                                                  \
	} while (0)

struct archive {
	unsigned char buf[1 << 16];
	size_t len;
};

static void pad4(struct archive *a)
{
	while (a->len % 4)
		a->buf[a->len++] = 0;
}

/* One newc (or crc when @crc) member; @check_delta spoils the checksum. */
static void add_newc(struct archive *a, int crc, const char *name, unsigned int mode,
		     unsigned int ino, unsigned int nlink, const char *data, size_t size,
		     unsigned int check_delta)
{
	unsigned int sum = 0;

	for (size_t i = 0; i < size; i++)
		sum += (unsigned char)data[i];
	a->len += (size_t)sprintf(
		(char *)a->buf + a->len, "%s%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
		crc ? "070702" : "070701", ino, mode, 0u, 0u, nlink, 1700000000u, size, 0u, 1u, 0u,
		0u, strlen(name) + 1, crc ? sum + check_delta : 0);
	memcpy(a->buf + a->len, name, strlen(name) + 1);
	a->len += strlen(name) + 1;
	pad4(a);
	memcpy(a->buf + a->len, data, size);
	a->len += size;
	pad4(a);
}

static void add_odc(struct archive *a, const char *name, unsigned int mode, const char *data,
		    size_t size)
{
	a->len += (size_t)sprintf((char *)a->buf + a->len,
				  "070707%06o%06o%06o%06o%06o%06o%06o%011o%06zo%011zo", 0u, 7u,
				  mode, 0u, 0u, 1u, 0u, 1700000001u, strlen(name) + 1, size);
	memcpy(a->buf + a->len, name, strlen(name) + 1);
	a->len += strlen(name) + 1;
	memcpy(a->buf + a->len, data, size);
	a->len += size;
}

static void trailer(struct archive *a)
{
	add_newc(a, 0, "TRAILER!!!", 0, 0, 1, "", 0, 0);
}

/* Reads @a to its end; returns the member count or the error. */
static int read_all(const struct archive *a, size_t len, struct km_cpio_reader *r)
{
	struct km_cpio_entry e;
	int n = 0, rc;

	km_cpio_init(r, a->buf, len);
	while ((rc = km_cpio_next(r, &e)) > 0)
		n++;
	return rc < 0 ? rc : n;
}

/* The archive cut at @len (a copy of exactly that size, so ASan sees any
 * read past it) must fail with @err and an error line matching @want. */
static void expect_error(const char *what, const struct archive *a, size_t len, int err,
			 const char *want)
{
	unsigned char *copy = malloc(len ? len : 1);
	struct km_cpio_reader r;
	struct km_cpio_entry e;
	int rc, again;

	memcpy(copy, a->buf, len);
	km_cpio_init(&r, copy, len);
	while ((rc = km_cpio_next(&r, &e)) > 0)
		;
	again = km_cpio_next(&r, &e);
	CHECK(rc == err, "%s: rc %d, want %d (%s)", what, rc, err, r.error);
	CHECK(again == rc, "%s: the error does not stay: %d then %d", what, rc, again);
	CHECK(strstr(r.error, want), "%s: error '%s' lacks '%s'", what, r.error, want);
	free(copy);
}

static void test_good(void)
{
	static struct archive a;
	struct km_cpio_reader r;
	struct km_cpio_entry e;

	a.len = 0;
	add_newc(&a, 0, ".", 040755, 1, 2, "", 0, 0);
	add_newc(&a, 0, "./etc", 040700, 2, 2, "", 0, 0);
	add_newc(&a, 1, "etc/hello", 0100644, 3, 1, "hello\n", 6, 0);
	add_newc(&a, 0, "/etc/link", 0120777, 4, 1, "hello", 5, 0);
	add_newc(&a, 0, "etc/sub/", 040755, 5, 1, "", 0, 0);
	trailer(&a);
	km_cpio_init(&r, a.buf, a.len);
	CHECK(km_cpio_next(&r, &e) == 1 && e.path_len == 0 && e.name_len == 1, "root");
	CHECK(km_cpio_next(&r, &e) == 1 && e.path_len == 3 && !memcmp(e.path, "etc", 3) &&
		      e.mode == 040700 && e.mtime == 1700000000 && e.offset == 112,
	      "dir: %.*s %o %zu", (int)e.path_len, e.path, e.mode, e.offset);
	CHECK(km_cpio_next(&r, &e) == 1 && e.format == KM_CPIO_CRC && e.size == 6 &&
		      !memcmp(e.data, "hello\n", 6) && e.ino == 3 && e.dev == 1,
	      "file");
	CHECK(km_cpio_next(&r, &e) == 1 && e.size == 5 && !memcmp(e.path, "etc/link", 8) &&
		      (e.mode & KM_CPIO_S_IFMT) == KM_CPIO_S_IFLNK,
	      "symlink");
	CHECK(km_cpio_next(&r, &e) == 1 && e.path_len == 7, "trailing slash: %zu", e.path_len);
	CHECK(km_cpio_next(&r, &e) == 0, "end: %s", r.error);
	CHECK(km_cpio_next(&r, &e) == 0, "end stays");

	/* odc, then a second archive after NUL padding (concatenation) */
	a.len = 0;
	add_odc(&a, "bin", 040755, "", 0);
	add_odc(&a, "bin/x", 0100755, "abc", 3);
	add_odc(&a, "TRAILER!!!", 0, "", 0);
	memset(a.buf + a.len, 0, 509);
	a.len += 509;
	while (a.len % 4)
		a.buf[a.len++] = 0;
	add_newc(&a, 0, "second", 0100600, 9, 1, "xy", 2, 0);
	trailer(&a);
	memset(a.buf + a.len, 0, 100);
	a.len += 100;
	km_cpio_init(&r, a.buf, a.len);
	CHECK(km_cpio_next(&r, &e) == 1 && e.format == KM_CPIO_ODC && e.mode == 040755 &&
		      e.ino == 7 && e.mtime == 1700000001,
	      "odc dir");
	CHECK(km_cpio_next(&r, &e) == 1 && e.size == 3 && !memcmp(e.data, "abc", 3), "odc file");
	CHECK(km_cpio_next(&r, &e) == 1 && e.format == KM_CPIO_NEWC && e.size == 2,
	      "concatenated: %s", r.error);
	CHECK(km_cpio_next(&r, &e) == 0, "concatenated end: %s", r.error);
}

static void test_errors(void)
{
	static struct archive a, big;
	static const unsigned char gz[] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0 };
	size_t first;

	a.len = 0;
	add_newc(&a, 0, "file", 0100644, 1, 1, "0123456789", 10, 0);
	first = a.len;
	trailer(&a);

	expect_error("empty", &a, 0, -ENODATA, "member #1 at byte 0: empty archive");
	expect_error("truncated magic", &a, 3, -ENODATA, "truncated header (3 bytes");
	expect_error("truncated header", &a, 60, -ENODATA, "truncated header (60 of 110 bytes)");
	expect_error("truncated name", &a, 112, -ENODATA,
		     "its name (5 bytes) runs past the end of the archive (112 bytes)");
	expect_error("truncated data", &a, 125, -ENODATA,
		     "member 'file' (#1) at byte 0: its data (10 bytes) runs past the end");
	expect_error("no trailer", &a, first, -ENODATA,
		     "member #2 at byte 128: the archive ends without a TRAILER!!! member");
	expect_error("truncated trailer", &a, first + 50, -ENODATA,
		     "member #2 at byte 128: truncated header (50 of 110 bytes)");

	memcpy(big.buf, a.buf, a.len);
	big.len = a.len;
	big.buf[3] = '9';
	expect_error("bad magic", &big, big.len, -EINVAL, "member #1 at byte 0: bad magic");
	memcpy(big.buf, gz, sizeof(gz));
	expect_error("gzip", &big, sizeof(gz), -EINVAL, "compressed initrd not supported (gzip");
	memcpy(big.buf, a.buf, a.len);
	big.buf[6 + 8 * 6 + 3] = 'g'; /* filesize */
	expect_error("bad digit", &big, big.len, -EINVAL, "header field filesize is not 8 hex");
	memcpy(big.buf, a.buf, a.len);
	memcpy(big.buf + 94, "0000FFFF", 8); /* namesize */
	expect_error("name overflow", &big, big.len, -EINVAL, "name of 65534 bytes (at most 4095)");
	memcpy(big.buf + 94, "00000100", 8);
	expect_error("name past the end", &big, big.len, -ENODATA,
		     "its name (256 bytes) runs past the end of the archive (252 bytes)");
	memcpy(big.buf + 94, "00000000", 8);
	expect_error("name size 0", &big, big.len, -EINVAL, "name size 0");
	memcpy(big.buf, a.buf, a.len);
	memcpy(big.buf + 54, "7FFFFFFF", 8); /* filesize */
	expect_error("size past the end", &big, big.len, -ENODATA,
		     "member 'file' (#1) at byte 0: its data (2147483647 bytes) runs past");
	memcpy(big.buf, a.buf, a.len);
	big.buf[110 + 4] = 'x'; /* the name's NUL */
	expect_error("name without NUL", &big, big.len, -EINVAL, "name not ended by a NUL");
	memcpy(big.buf, a.buf, a.len);
	big.buf[111] = 0;
	expect_error("NUL inside the name", &big, big.len, -EINVAL, "NUL byte inside the name");
	memcpy(big.buf, a.buf, a.len);
	memcpy(big.buf + big.len, "\0\0\0\0junk", 8); /* after the trailer and its padding */
	expect_error("garbage after the trailer", &big, big.len + 8, -EINVAL,
		     "member #3 at byte 256: bad magic");
	expect_error("short garbage after the trailer", &big, big.len + 5, -EINVAL,
		     "member #3 at byte 256: bad magic");

	a.len = 0;
	add_newc(&a, 1, "sum", 0100644, 1, 1, "abc", 3, 1);
	trailer(&a);
	expect_error("checksum", &a, a.len, -EINVAL,
		     "checksum 0x00000126, the header says 0x00000127");
	a.len = 0;
	add_newc(&a, 0, "a/../../b", 0100644, 1, 1, "", 0, 0);
	trailer(&a);
	expect_error("dotdot", &a, a.len, -EINVAL, "member 'a/../../b' (#1) at byte 0: a '..'");
	a.len = 0;
	add_newc(&a, 0, "d", 040755, 1, 1, "x", 1, 0);
	trailer(&a);
	expect_error("dir with data", &a, a.len, -EINVAL, "a directory with 1 bytes of data");
	a.len = 0;
	add_newc(&a, 0, "l", 0120777, 1, 1, "", 0, 0);
	trailer(&a);
	expect_error("empty symlink", &a, a.len, -EINVAL, "symlink target of 0 bytes");
	a.len = 0;
	add_newc(&a, 0, "l", 0120777, 1, 1, "a\0b", 3, 0);
	trailer(&a);
	expect_error("NUL in symlink", &a, a.len, -EINVAL, "NUL byte inside the symlink target");
	a.len = 0;
	add_newc(&a, 0, "t", 0170644, 1, 1, "", 0, 0);
	trailer(&a);
	expect_error("bad type", &a, a.len, -EINVAL, "unknown file type in mode 0170644");
	a.len = 0;
	add_newc(&a, 0, ".", 0100644, 1, 1, "", 0, 0);
	trailer(&a);
	expect_error("root not a dir", &a, a.len, -EINVAL, "the root must be a directory");
	a.len = 0;
	add_odc(&a, "x", 0100644, "abcd", 4);
	add_odc(&a, "TRAILER!!!", 0, "", 0);
	expect_error("odc truncated", &a, 77, -ENODATA, "its name (2 bytes) runs past");
	a.buf[20] = '9';
	expect_error("odc bad digit", &a, a.len, -EINVAL,
		     "header field mode is not 6 octal digits");

	/* a long name is cut in the message, which still says why */
	a.len = 0;
	{
		char name[300];

		memset(name, 'n', sizeof(name) - 1);
		name[sizeof(name) - 1] = 0;
		add_newc(&a, 0, name, 0040755, 1, 1, "x", 1, 0);
	}
	trailer(&a);
	expect_error("long name", &a, a.len, -EINVAL, "nnn...' (#1) at byte 0: a directory with");
}

/* Every prefix of a good archive is an error, never a crash. */
static void test_every_prefix(void)
{
	static struct archive a;
	struct km_cpio_reader r;
	size_t first_end;

	a.len = 0;
	add_newc(&a, 0, "dir", 040755, 1, 2, "", 0, 0);
	add_newc(&a, 1, "dir/f", 0100644, 2, 1, "data", 4, 0);
	add_odc(&a, "TRAILER!!!", 0, "", 0); /* odc mixed in: still one archive each */
	first_end = a.len;
	while (a.len % 4)
		a.buf[a.len++] = 0;
	add_newc(&a, 0, "l", 0120777, 3, 1, "dir/f", 5, 0);
	trailer(&a);
	for (size_t n = 0; n < a.len; n++) {
		unsigned char *copy = malloc(n ? n : 1);
		int rc;

		memcpy(copy, a.buf, n);
		km_cpio_init(&r, copy, n);
		{
			struct km_cpio_entry e;

			while ((rc = km_cpio_next(&r, &e)) > 0)
				;
		}
		/* the first archive ends there; a trailer's padding is optional */
		CHECK(rc < 0 || (n >= first_end && n <= first_end + 3) || n >= a.len - 3,
		      "prefix %zu of %zu: rc %d", n, a.len, rc);
		CHECK(rc == 0 || strstr(r.error, "at byte "), "prefix %zu: '%s'", n, r.error);
		free(copy);
	}
	CHECK(read_all(&a, a.len, &r) == 3, "whole: %s", r.error);
}

int main(void)
{
	test_good();
	test_errors();
	test_every_prefix();
	if (failures) {
		printf("%d failures\n", failures);
		return 1;
	}
	printf("cpio: all tests passed\n");
	return 0;
}
