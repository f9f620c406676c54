/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The cpio reader of km/cpio.h. Sizes in headers are at most 2^33 (odc's
 * 11 octal digits), so no sum below overflows a 64-bit size_t; every
 * comparison with the buffer's end is still made on the remaining length,
 * never on a pointer past the buffer.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <km/cpio.h>

#define NEWC_HEADER 110
#define ODC_HEADER  76
#define MAGIC_LEN   6
#define TRAILER	    "TRAILER!!!"

struct field {
	const char *name;
	unsigned int off, digits;
};

/* newc/crc: 8 hex digits each, after the magic */
enum {
	N_INO,
	N_MODE,
	N_UID,
	N_GID,
	N_NLINK,
	N_MTIME,
	N_FILESIZE,
	N_DEVMAJOR,
	N_DEVMINOR,
	N_RDEVMAJOR,
	N_RDEVMINOR,
	N_NAMESIZE,
	N_CHECK,
	N_COUNT
};
static const char *const newc_names[N_COUNT] = {
	"ino",	    "mode",	"uid",	     "gid",	  "nlink",    "mtime", "filesize",
	"devmajor", "devminor", "rdevmajor", "rdevminor", "namesize", "check",
};

/* odc: octal digits of these widths, after the magic */
enum {
	O_DEV,
	O_INO,
	O_MODE,
	O_UID,
	O_GID,
	O_NLINK,
	O_RDEV,
	O_MTIME,
	O_NAMESIZE,
	O_FILESIZE,
	O_COUNT
};
static const struct field odc_fields[O_COUNT] = {
	{ "dev", 6, 6 },       { "ino", 12, 6 },       { "mode", 18, 6 }, { "uid", 24, 6 },
	{ "gid", 30, 6 },      { "nlink", 36, 6 },     { "rdev", 42, 6 }, { "mtime", 48, 11 },
	{ "namesize", 59, 6 }, { "filesize", 65, 11 },
};

/* Signatures of compressed data (at the start of the buffer). */
static const struct {
	const char *name;
	unsigned int len;
	uint8_t magic[4];
} compressed[] = {
	{ "gzip", 2, { 0x1f, 0x8b } },
	{ "xz", 4, { 0xfd, '7', 'z', 'X' } },
	{ "zstd", 4, { 0x28, 0xb5, 0x2f, 0xfd } },
	{ "bzip2", 3, { 'B', 'Z', 'h' } },
	{ "lz4", 4, { 0x02, 0x21, 0x4c, 0x18 } },
};

void km_cpio_init(struct km_cpio_reader *r, const void *buf, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->buf = buf;
	r->len = len;
}

const char *km_cpio_format_name(enum km_cpio_format f)
{
	switch (f) {
	case KM_CPIO_NEWC:
		return "newc";
	case KM_CPIO_CRC:
		return "crc";
	case KM_CPIO_ODC:
		return "odc";
	}
	return "?";
}

/* Records the error of the member at @off (named @name when known) and
 * returns @err. The name is cut so that the reason always fits. */
__attribute__((format(printf, 5, 6))) static int
fail(struct km_cpio_reader *r, int err, const char *name, size_t off, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (name)
		n = snprintf(r->error, sizeof(r->error),
			     "member '%.60s%s' (#%u) at byte %zu: ", name,
			     strlen(name) > 60 ? "..." : "", r->members, off);
	else
		n = snprintf(r->error, sizeof(r->error), "member #%u at byte %zu: ", r->members,
			     off);
	if (n > 0 && (size_t)n < sizeof(r->error)) {
		va_start(ap, fmt);
		vsnprintf(r->error + n, sizeof(r->error) - (size_t)n, fmt, ap);
		va_end(ap);
	}
	r->failed = 1;
	r->err = err;
	return err;
}

/* @digits characters of base @base at @p into *@out; 0 or -1 on a bad digit. */
static int parse_number(const uint8_t *p, unsigned int digits, unsigned int base, uint64_t *out)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < digits; i++) {
		unsigned int c = p[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		if (d >= base)
			return -1;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

static int valid_type(uint32_t mode)
{
	switch (mode & KM_CPIO_S_IFMT) {
	case KM_CPIO_S_IFREG:
	case KM_CPIO_S_IFDIR:
	case KM_CPIO_S_IFLNK:
	case KM_CPIO_S_IFCHR:
	case KM_CPIO_S_IFBLK:
	case KM_CPIO_S_IFIFO:
	case KM_CPIO_S_IFSOCK:
		return 1;
	}
	return 0;
}

/* Whether the relative path @p has a ".." component. */
static int has_dotdot(const char *p, size_t len)
{
	size_t start = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i == len || p[i] == '/') {
			if (i - start == 2 && p[start] == '.' && p[start + 1] == '.')
				return 1;
			start = i + 1;
		}
	}
	return 0;
}

/*
 * Reads the header at r->pos into @e and returns the name's size (with its
 * NUL) in *@namesize, or an error. @hdr_len is set to the header's size.
 */
static int read_header(struct km_cpio_reader *r, struct km_cpio_entry *e, size_t *namesize,
		       uint32_t *check, size_t *hdr_len)
{
	const uint8_t *h = r->buf + r->pos;
	size_t left = r->len - r->pos;
	uint64_t v[N_COUNT];

	/* a tail shorter than a magic is cut only if it starts like one */
	if (left < MAGIC_LEN && !memcmp(h, "070707", left))
		return fail(r, -ENODATA, NULL, r->pos,
			    "truncated header (%zu bytes, the magic is 6)", left);
	if (left >= MAGIC_LEN &&
	    (!memcmp(h, "070701", MAGIC_LEN) || !memcmp(h, "070702", MAGIC_LEN))) {
		e->format = h[5] == '1' ? KM_CPIO_NEWC : KM_CPIO_CRC;
		*hdr_len = NEWC_HEADER;
		if (r->pos % 4)
			return fail(r, -EINVAL, NULL, r->pos,
				    "a %s header must start at a multiple of 4 bytes",
				    km_cpio_format_name(e->format));
		if (left < NEWC_HEADER)
			return fail(r, -ENODATA, NULL, r->pos, "truncated header (%zu of %d bytes)",
				    left, NEWC_HEADER);
		for (unsigned int i = 0; i < N_COUNT; i++)
			if (parse_number(h + MAGIC_LEN + 8 * i, 8, 16, &v[i]))
				return fail(r, -EINVAL, NULL, r->pos,
					    "header field %s is not 8 hex digits", newc_names[i]);
		e->ino = v[N_INO];
		e->mode = (uint32_t)v[N_MODE];
		e->uid = (uint32_t)v[N_UID];
		e->gid = (uint32_t)v[N_GID];
		e->nlink = (uint32_t)v[N_NLINK];
		e->mtime = (int64_t)v[N_MTIME];
		e->size = (size_t)v[N_FILESIZE];
		e->dev = v[N_DEVMAJOR] << 32 | v[N_DEVMINOR];
		e->rdev = v[N_RDEVMAJOR] << 32 | v[N_RDEVMINOR];
		*namesize = (size_t)v[N_NAMESIZE];
		*check = (uint32_t)v[N_CHECK];
		return 0;
	}
	if (left >= MAGIC_LEN && !memcmp(h, "070707", MAGIC_LEN)) {
		e->format = KM_CPIO_ODC;
		*hdr_len = ODC_HEADER;
		if (left < ODC_HEADER)
			return fail(r, -ENODATA, NULL, r->pos, "truncated header (%zu of %d bytes)",
				    left, ODC_HEADER);
		for (unsigned int i = 0; i < O_COUNT; i++)
			if (parse_number(h + odc_fields[i].off, odc_fields[i].digits, 8, &v[i]))
				return fail(r, -EINVAL, NULL, r->pos,
					    "header field %s is not %u octal digits",
					    odc_fields[i].name, odc_fields[i].digits);
		if (v[O_MODE] > UINT32_MAX || v[O_UID] > UINT32_MAX || v[O_GID] > UINT32_MAX)
			return fail(r, -EINVAL, NULL, r->pos, "mode, uid or gid out of range");
		e->dev = v[O_DEV];
		e->ino = v[O_INO];
		e->mode = (uint32_t)v[O_MODE];
		e->uid = (uint32_t)v[O_UID];
		e->gid = (uint32_t)v[O_GID];
		e->nlink = (uint32_t)v[O_NLINK];
		e->rdev = v[O_RDEV];
		e->mtime = (int64_t)v[O_MTIME];
		e->size = (size_t)v[O_FILESIZE];
		*namesize = (size_t)v[O_NAMESIZE];
		*check = 0;
		return 0;
	}
	if (r->pos == 0)
		for (unsigned int i = 0; i < sizeof(compressed) / sizeof(compressed[0]); i++)
			if (left >= compressed[i].len &&
			    !memcmp(h, compressed[i].magic, compressed[i].len))
				return fail(r, -EINVAL, NULL, r->pos,
					    "compressed initrd not supported (%s data): give "
					    "an uncompressed cpio archive",
					    compressed[i].name);
	return fail(
		r, -EINVAL, NULL, r->pos,
		"bad magic (not 070701, 070702 or 070707: not a cpio newc, crc or odc archive)");
}

/* The name at byte @name_off (inside the buffer), of @namesize bytes (with its NUL) into @e,
 * checked. */
static int read_name(struct km_cpio_reader *r, struct km_cpio_entry *e, size_t name_off,
		     size_t namesize)
{
	const char *p = (const char *)r->buf + name_off;
	size_t off = e->offset;

	if (namesize == 0)
		return fail(r, -EINVAL, NULL, off, "name size 0 (a name ends with a NUL byte)");
	if (namesize - 1 > KM_CPIO_NAME_MAX)
		return fail(r, -EINVAL, NULL, off, "name of %zu bytes (at most %d)", namesize - 1,
			    KM_CPIO_NAME_MAX);
	if (namesize > r->len - name_off)
		return fail(r, -ENODATA, NULL, off,
			    "its name (%zu bytes) runs past the end of the archive (%zu bytes)",
			    namesize, r->len);
	if (p[namesize - 1] != '\0')
		return fail(r, -EINVAL, NULL, off, "name not ended by a NUL byte at name size %zu",
			    namesize);
	if (memchr(p, '\0', namesize - 1))
		return fail(r, -EINVAL, NULL, off, "NUL byte inside the name (name size %zu)",
			    namesize);
	if (namesize == 1)
		return fail(r, -EINVAL, NULL, off, "empty name");
	e->name = p;
	e->name_len = namesize - 1;
	e->path = p;
	e->path_len = e->name_len;
	for (;;) {
		if (e->path_len && e->path[0] == '/') {
			e->path++;
			e->path_len--;
		} else if (e->path_len >= 2 && e->path[0] == '.' && e->path[1] == '/') {
			e->path += 2;
			e->path_len -= 2;
		} else if (e->path_len == 1 && e->path[0] == '.') {
			e->path++;
			e->path_len--;
		} else {
			break;
		}
	}
	while (e->path_len && e->path[e->path_len - 1] == '/')
		e->path_len--; /* "dir/" names dir; the NUL stays where it was */
	if (has_dotdot(e->path, e->path_len))
		return fail(r, -EINVAL, e->name, off, "a '..' component in the name");
	return 0;
}

/* Type-specific checks of a member with its data in place. */
static int check_member(struct km_cpio_reader *r, const struct km_cpio_entry *e, uint32_t check)
{
	uint32_t type = e->mode & KM_CPIO_S_IFMT;

	if (!valid_type(e->mode))
		return fail(r, -EINVAL, e->name, e->offset, "unknown file type in mode 0%o",
			    (unsigned int)e->mode);
	if (type == KM_CPIO_S_IFDIR && e->size)
		return fail(r, -EINVAL, e->name, e->offset, "a directory with %zu bytes of data",
			    e->size);
	if (type == KM_CPIO_S_IFLNK) {
		if (e->size == 0 || e->size > KM_CPIO_NAME_MAX)
			return fail(r, -EINVAL, e->name, e->offset,
				    "symlink target of %zu bytes (1..%d)", e->size,
				    KM_CPIO_NAME_MAX);
		if (memchr(e->data, '\0', e->size))
			return fail(r, -EINVAL, e->name, e->offset,
				    "NUL byte inside the symlink target");
	}
	if (e->path_len == 0 && type != KM_CPIO_S_IFDIR)
		return fail(r, -EINVAL, e->name, e->offset, "the root must be a directory");
	if (e->format == KM_CPIO_CRC && type == KM_CPIO_S_IFREG) {
		uint32_t sum = 0;

		for (size_t i = 0; i < e->size; i++)
			sum += e->data[i];
		if (sum != check)
			return fail(r, -EINVAL, e->name, e->offset,
				    "checksum 0x%08x, the header says 0x%08x", (unsigned int)sum,
				    (unsigned int)check);
	}
	return 0;
}

/* Skips the NUL padding after a trailer; 1 when only padding is left. */
static int at_end(struct km_cpio_reader *r)
{
	while (r->pos < r->len && r->buf[r->pos] == 0)
		r->pos++;
	return r->pos == r->len;
}

int km_cpio_next(struct km_cpio_reader *r, struct km_cpio_entry *e)
{
	for (;;) {
		size_t namesize = 0, hdr_len = 0, data_off, left;
		uint32_t check = 0;
		int rc, newc;

		if (r->failed)
			return r->err;
		if (!r->in_archive && r->members && at_end(r))
			return 0;
		if (r->pos == r->len) {
			r->members++;
			if (r->len == 0)
				return fail(r, -ENODATA, NULL, r->pos, "empty archive");
			return fail(r, -ENODATA, NULL, r->pos,
				    "the archive ends without a " TRAILER " member (truncated?)");
		}
		memset(e, 0, sizeof(*e));
		e->offset = r->pos;
		r->members++;
		rc = read_header(r, e, &namesize, &check, &hdr_len);
		if (rc)
			return rc;
		rc = read_name(r, e, r->pos + hdr_len, namesize);
		if (rc)
			return rc;
		r->in_archive = 1;
		newc = e->format != KM_CPIO_ODC;
		data_off = r->pos + hdr_len + namesize;
		if (newc)
			data_off = (data_off + 3) & ~(size_t)3;
		if (data_off > r->len) /* the name's padding is missing */
			data_off = r->len;
		left = r->len - data_off;
		if (e->size > left)
			return fail(r, -ENODATA, e->name, e->offset,
				    "its data (%zu bytes) runs past the end of the archive "
				    "(%zu bytes left)",
				    e->size, left);
		e->data = r->buf + data_off;
		r->pos = data_off + e->size;
		if (newc)
			r->pos = (r->pos + 3) & ~(size_t)3;
		if (r->pos > r->len)
			r->pos = r->len;
		if (e->name_len == sizeof(TRAILER) - 1 && !memcmp(e->name, TRAILER, e->name_len)) {
			r->in_archive = 0;
			continue;
		}
		rc = check_member(r, e, check);
		if (rc)
			return rc;
		return 1;
	}
}
