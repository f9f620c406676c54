/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The 9P message codec on the host: a well-formed reply of each kind
 * decodes; every kind of malformed one (short, long, wrong size field,
 * wrong tag or type, counts and strings past the end, bad Rlerror, bad
 * directory entries) gives -EPROTO, and an Rlerror its errno.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "9p_msg.h"

static int failures, logged;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                     \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static void count_log(const char *fmt, ...)
{
	(void)fmt;
	logged++;
}

/* Build a reply: header (size filled in by p9_finish) and body. */
static size_t reply(uint8_t *buf, size_t cap, uint8_t type, uint16_t tag,
		    void (*body)(struct p9_buf *))
{
	struct p9_buf b;

	p9_begin(&b, buf, cap, type, tag);
	if (body)
		body(&b);
	return (size_t)p9_finish(&b, 0);
}

static void qid(struct p9_buf *b)
{
	p9_put8(b, P9_QTDIR);
	p9_put32(b, 7);
	p9_put64(b, 0x1122334455667788ULL);
}

static void version_body(struct p9_buf *b)
{
	p9_put32(b, 65536);
	p9_putstr(b, "9P2000.L", 8);
}

static void walk2_body(struct p9_buf *b)
{
	p9_put16(b, 2);
	qid(b);
	qid(b);
}

static void walk_huge_body(struct p9_buf *b)
{
	p9_put16(b, 17);
}

static void read_body(struct p9_buf *b)
{
	p9_put32(b, 3);
	p9_put8(b, 'a');
	p9_put8(b, 'b');
	p9_put8(b, 'c');
}

static void read_overcount_body(struct p9_buf *b)
{
	p9_put32(b, 4);
	p9_put8(b, 'a');
}

static void lerror_body(struct p9_buf *b)
{
	p9_put32(b, ENOENT);
}

static void lerror_zero_body(struct p9_buf *b)
{
	p9_put32(b, 0);
}

static void readlink_body(struct p9_buf *b)
{
	p9_putstr(b, "target", 6);
}

static void readlink_nul_body(struct p9_buf *b)
{
	p9_putstr(b, "ta\0get", 6);
}

static void dirent(struct p9_buf *b, const char *name, size_t len)
{
	qid(b);
	p9_put64(b, 42);
	p9_put8(b, 4);
	p9_putstr(b, name, len);
}

static void test_good(void)
{
	uint8_t m[256];
	struct p9_reply r;
	size_t n;

	n = reply(m, sizeof(m), P9_RVERSION, 0xffff, version_body);
	CHECK(p9_decode(m, n, P9_RVERSION, 0xffff, &r) == 0);
	CHECK(r.u.version.msize == 65536 && r.u.version.version.len == 8);
	CHECK(!memcmp(r.u.version.version.s, "9P2000.L", 8));

	n = reply(m, sizeof(m), P9_RWALK, 3, walk2_body);
	CHECK(p9_decode(m, n, P9_RWALK, 3, &r) == 0);
	CHECK(r.u.walk.nwqid == 2 && r.u.walk.wqid[1].path == 0x1122334455667788ULL);
	CHECK(r.u.walk.wqid[0].type == P9_QTDIR && r.u.walk.wqid[0].version == 7);

	n = reply(m, sizeof(m), P9_RREAD, 4, read_body);
	CHECK(p9_decode(m, n, P9_RREAD, 4, &r) == 0);
	CHECK(r.u.data.count == 3 && !memcmp(r.u.data.data, "abc", 3));

	n = reply(m, sizeof(m), P9_RCLUNK, 5, NULL);
	CHECK(p9_decode(m, n, P9_RCLUNK, 5, &r) == 0);

	n = reply(m, sizeof(m), P9_RREADLINK, 6, readlink_body);
	CHECK(p9_decode(m, n, P9_RREADLINK, 6, &r) == 0 && r.u.target.len == 6);

	n = reply(m, sizeof(m), P9_RLERROR, 7, lerror_body);
	CHECK(p9_decode(m, n, P9_RGETATTR, 7, &r) == -ENOENT);
}

static void test_malformed(void)
{
	uint8_t m[256] = { 0 };
	struct p9_reply r;
	size_t n;

	logged = 0;
	/* shorter than a header, and empty */
	CHECK(p9_decode(m, 0, P9_RCLUNK, 1, &r) == -EPROTO);
	n = reply(m, sizeof(m), P9_RCLUNK, 1, NULL);
	CHECK(p9_decode(m, n - 1, P9_RCLUNK, 1, &r) == -EPROTO);
	/* size field larger or smaller than what arrived */
	CHECK(p9_decode(m, n + 1, P9_RCLUNK, 1, &r) == -EPROTO);
	m[0] = 200;
	CHECK(p9_decode(m, n, P9_RCLUNK, 1, &r) == -EPROTO);
	/* wrong tag, wrong type */
	n = reply(m, sizeof(m), P9_RCLUNK, 1, NULL);
	CHECK(p9_decode(m, n, P9_RCLUNK, 2, &r) == -EPROTO);
	CHECK(p9_decode(m, n, P9_RFSYNC, 1, &r) == -EPROTO);
	/* a body cut short, and one with bytes left over */
	n = reply(m, sizeof(m), P9_RWALK, 1, walk2_body);
	m[0] = (uint8_t)(n - 5);
	CHECK(p9_decode(m, n - 5, P9_RWALK, 1, &r) == -EPROTO);
	n = reply(m, sizeof(m), P9_RSETATTR, 1, qid);
	CHECK(p9_decode(m, n, P9_RSETATTR, 1, &r) == -EPROTO);
	/* counts past the end or out of range */
	n = reply(m, sizeof(m), P9_RREAD, 1, read_overcount_body);
	CHECK(p9_decode(m, n, P9_RREAD, 1, &r) == -EPROTO);
	n = reply(m, sizeof(m), P9_RWALK, 1, walk_huge_body);
	CHECK(p9_decode(m, n, P9_RWALK, 1, &r) == -EPROTO);
	/* a string whose length runs past the end */
	n = reply(m, sizeof(m), P9_RREADLINK, 1, readlink_body);
	m[7] = 60;
	CHECK(p9_decode(m, n, P9_RREADLINK, 1, &r) == -EPROTO);
	n = reply(m, sizeof(m), P9_RREADLINK, 1, readlink_nul_body);
	CHECK(p9_decode(m, n, P9_RREADLINK, 1, &r) == -EPROTO);
	/* Rlerror with no code, code 0 or out of range */
	n = reply(m, sizeof(m), P9_RLERROR, 1, NULL);
	CHECK(p9_decode(m, n, P9_RCLUNK, 1, &r) == -EPROTO);
	n = reply(m, sizeof(m), P9_RLERROR, 1, lerror_zero_body);
	CHECK(p9_decode(m, n, P9_RCLUNK, 1, &r) == -EPROTO);
	CHECK(logged >= 14);
}

static void test_rread_hdr(void)
{
	uint8_t m[64];
	uint32_t count = 99;
	size_t n = reply(m, sizeof(m), P9_RREAD, 9, read_body);

	CHECK(p9_decode_rread_hdr(m, n, 9, 3, &count) == 0 && count == 3);
	CHECK(p9_decode_rread_hdr(m, n, 9, 2, &count) == -EPROTO); /* more than asked */
	CHECK(p9_decode_rread_hdr(m, n - 1, 9, 3, &count) == -EPROTO);
	CHECK(p9_decode_rread_hdr(m, 5, 9, 3, &count) == -EPROTO);
	CHECK(p9_decode_rread_hdr(m, n, 8, 3, &count) == -EPROTO);
	n = reply(m, sizeof(m), P9_RLERROR, 9, lerror_body);
	CHECK(p9_decode_rread_hdr(m, n, 9, 3, &count) == -ENOENT);
}

static void test_dirents(void)
{
	uint8_t d[512];
	struct p9_buf b = { d, sizeof(d), 0, 0 };
	struct p9_dirent e;
	size_t pos = 0;

	dirent(&b, "one", 3);
	dirent(&b, "two", 3);
	CHECK(p9_dirent_next(d, b.len, &pos, &e) == 1 && e.name.len == 3 && e.offset == 42);
	CHECK(p9_dirent_next(d, b.len, &pos, &e) == 1 && !memcmp(e.name.s, "two", 3));
	CHECK(p9_dirent_next(d, b.len, &pos, &e) == 0);
	pos = 0;
	CHECK(p9_dirent_next(d, b.len - 1, &pos, &e) == 1);
	CHECK(p9_dirent_next(d, b.len - 1, &pos, &e) == -EPROTO); /* cut */
	pos = b.len + 1;
	CHECK(p9_dirent_next(d, b.len, &pos, &e) == -EPROTO);
	b.len = 0;
	dirent(&b, "a/b", 3);
	pos = 0;
	CHECK(p9_dirent_next(d, b.len, &pos, &e) == -EPROTO);
	b.len = 0;
	dirent(&b, "", 0);
	pos = 0;
	CHECK(p9_dirent_next(d, b.len, &pos, &e) == -EPROTO);
}

static void test_encoder(void)
{
	uint8_t m[16];
	struct p9_buf b;

	p9_begin(&b, m, sizeof(m), P9_TWRITE, 3);
	p9_put32(&b, 1);
	p9_put64(&b, 2); /* 7 + 12 > 16 */
	CHECK(b.overflow && p9_finish(&b, 100) == -EMSGSIZE);
	p9_begin(&b, m, sizeof(m), P9_TCLUNK, 3);
	p9_put32(&b, 0xdeadbeef);
	CHECK(p9_finish(&b, 5) == 11 && m[0] == 16 && m[4] == P9_TCLUNK && m[7] == 0xef);
	p9_begin(&b, m, sizeof(m), P9_TWALK, 3);
	p9_putstr(&b, "0123456789", 10); /* 7 + 12 > 16 */
	CHECK(b.overflow && p9_finish(&b, 0) == -EMSGSIZE);
}

int main(void)
{
	p9_log = count_log;
	test_good();
	test_malformed();
	test_rread_hdr();
	test_dirents();
	test_encoder();
	if (failures) {
		printf("9p_msg: %d failure(s)\n", failures);
		return 1;
	}
	printf("9p_msg: all passed\n");
	return 0;
}
