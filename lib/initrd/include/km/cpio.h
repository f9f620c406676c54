/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/cpio.h - a cpio archive reader (part of lib/initrd).
 *
 * Formats (as written by GNU cpio -H newc|crc|odc and by the Linux kernel's
 * gen_init_cpio):
 *   newc  magic "070701": 110-byte header of 8-digit hex fields, name and
 *         data each padded to 4 bytes from the archive's start;
 *   crc   magic "070702": newc plus a checksum (the 32-bit sum of the data
 *         bytes), verified here;
 *   odc   magic "070707": 76-byte header of octal fields, no padding.
 * An archive ends with the member "TRAILER!!!". As for Linux's initramfs,
 * archives MAY be concatenated: NUL padding after a trailer is skipped, and
 * anything else there must be the next archive.
 *
 * The reader is a pure function library: no globals, no allocation, no
 * system calls. Every length and offset in a header is checked against
 * the end of the buffer before it is used, so any input (truncated,
 * malformed, hostile) gives an error, never an access outside the buffer.
 * It is built for the host too (tests/fuzz/cpio, lib/initrd/tests/host).
 *
 * Usage:
 *   struct km_cpio_reader r;
 *   struct km_cpio_entry e;
 *   int rc;
 *   km_cpio_init(&r, buf, len);
 *   while ((rc = km_cpio_next(&r, &e)) > 0)
 *           ... e.name, e.mode, e.data ...
 *   if (rc < 0)
 *           print r.error  (the member's name, its byte offset, what is wrong)
 *
 * Checks made for every member (each failure is an error, not a skip):
 * the magic (and a gzip/xz/zstd/bzip2/lz4 signature at offset 0 is named
 * as "compressed initrd not supported"), every header digit, the name
 * (1..KM_CPIO_NAME_MAX bytes, NUL-terminated, no NUL inside, no ".."
 * component, inside the buffer), the data inside the buffer, crc's
 * checksum, the file type (regular, directory, symlink, or a device node,
 * FIFO or socket which the caller decides about), a directory without
 * data, a symlink target of 1..KM_CPIO_NAME_MAX bytes without NUL, and a
 * trailer before the end of the buffer.
 *
 * Non-goals: writing archives; the old binary format (magic 070707 in
 * binary, octal 0x71c7); tar; decompression.
 */
#ifndef KM_CPIO_H
#define KM_CPIO_H

#include <stddef.h>
#include <stdint.h>

/* Longest member name and symlink target, in bytes without the NUL
 * (PATH_MAX - 1, as Linux). */
#define KM_CPIO_NAME_MAX 4095

enum km_cpio_format {
	KM_CPIO_NEWC = 1, /* 070701 */
	KM_CPIO_CRC,	  /* 070702 */
	KM_CPIO_ODC,	  /* 070707 */
};

struct km_cpio_entry {
	enum km_cpio_format format;
	size_t offset;	  /* of the header, in bytes from the buffer's start */
	const char *name; /* in the buffer, NUL-terminated, as stored ("./a/b") */
	size_t name_len;  /* strlen(name), 1..KM_CPIO_NAME_MAX */
	const char *path; /* name without leading "./" and "/": "" for the root */
	size_t path_len;
	const uint8_t *data; /* file contents or symlink target (no NUL), in the buffer */
	size_t size;	     /* bytes of data */
	uint32_t mode;	     /* file type (KM_CPIO_S_IF*) and permission bits */
	uint32_t uid, gid;
	uint32_t nlink;
	uint64_t ino;
	uint64_t dev; /* newc: (devmajor << 32) | devminor; odc: dev */
	uint64_t rdev;
	int64_t mtime; /* seconds since the epoch */
};

/* File types in mode (the values of Linux's S_IF*, as cpio stores them). */
#define KM_CPIO_S_IFMT	 0170000
#define KM_CPIO_S_IFSOCK 0140000
#define KM_CPIO_S_IFLNK	 0120000
#define KM_CPIO_S_IFREG	 0100000
#define KM_CPIO_S_IFBLK	 0060000
#define KM_CPIO_S_IFDIR	 0040000
#define KM_CPIO_S_IFCHR	 0020000
#define KM_CPIO_S_IFIFO	 0010000

/* Room for the error line: the member's name is cut to fit. */
#define KM_CPIO_ERROR_MAX 200

/* The caller's state: all of it (the reader holds no pointer elsewhere). */
struct km_cpio_reader {
	const uint8_t *buf;
	size_t len;
	size_t pos;	      /* next header */
	unsigned int members; /* headers read so far, trailers included */
	int in_archive;	      /* a header was read since the last trailer */
	int failed;	      /* an error was reported; next() repeats it */
	int err;	      /* the negative errno of that error */
	/*
	 * One line, without a newline: "member 'etc/passwd' (#3) at byte
	 * 1234: its data (5000 bytes) runs past the end of the archive
	 * (4096 bytes)". The member is named by "#n" alone when its name
	 * could not be read.
	 */
	char error[KM_CPIO_ERROR_MAX];
};

/* Start reading the @len bytes at @buf (the caller keeps them alive and
 * unchanged while it reads). */
void km_cpio_init(struct km_cpio_reader *r, const void *buf, size_t len);

/*
 * The next member (trailers are not reported) into *@e, whose pointers
 * point into the buffer.
 * Returns 1 for a member, 0 at the end (after a trailer, only NUL bytes
 * or nothing follows), or a negative errno with r->error filled:
 *   -EINVAL   a malformed header, name, type or checksum; a compressed
 *             archive; data after a trailer that is no archive;
 *   -ENODATA  the buffer ends inside a header, name or data, or without
 *             a trailer (a truncated archive).
 * After an error or the end, further calls return the same value.
 */
int km_cpio_next(struct km_cpio_reader *r, struct km_cpio_entry *e);

/* "newc", "crc" or "odc". */
const char *km_cpio_format_name(enum km_cpio_format f);

#endif /* KM_CPIO_H */
