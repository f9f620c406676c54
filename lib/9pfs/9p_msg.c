/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9P2000.L encoding and bounds-checked decoding (9p_msg.h). The decoder
 * reads through a cursor that turns every overrun into a sticky error, so
 * that each message's decoding is a straight list of gets and one check.
 */
#include <errno.h>
#include <string.h>
#include "9p_msg.h"

void (*p9_log)(const char *fmt, ...);

#define LOG(...)                                                                                   \
	do {                                                                                       \
		if (p9_log)                                                                        \
			p9_log(__VA_ARGS__);                                                       \
	} while (0)

/* --- encoder ---------------------------------------------------------- */

static void put(struct p9_buf *b, uint64_t v, unsigned int n)
{
	if (b->overflow || b->cap - b->len < n) {
		b->overflow = 1;
		return;
	}
	for (unsigned int i = 0; i < n; i++)
		b->data[b->len++] = (uint8_t)(v >> (8 * i));
}

void p9_put8(struct p9_buf *b, uint8_t v)
{
	put(b, v, 1);
}

void p9_put16(struct p9_buf *b, uint16_t v)
{
	put(b, v, 2);
}

void p9_put32(struct p9_buf *b, uint32_t v)
{
	put(b, v, 4);
}

void p9_put64(struct p9_buf *b, uint64_t v)
{
	put(b, v, 8);
}

void p9_putstr(struct p9_buf *b, const char *s, size_t len)
{
	if (len > 0xffff) {
		b->overflow = 1;
		return;
	}
	put(b, len, 2);
	if (b->overflow || b->cap - b->len < len) {
		b->overflow = 1;
		return;
	}
	memcpy(b->data + b->len, s, len);
	b->len += len;
}

void p9_begin(struct p9_buf *b, uint8_t *data, size_t cap, uint8_t type, uint16_t tag)
{
	b->data = data;
	b->cap = cap;
	b->len = 0;
	b->overflow = 0;
	put(b, 0, 4); /* size, filled by p9_finish */
	put(b, type, 1);
	put(b, tag, 2);
}

long p9_finish(struct p9_buf *b, uint32_t extra)
{
	uint64_t total = (uint64_t)b->len + extra;

	if (b->overflow || total > 0xffffffffu)
		return -EMSGSIZE;
	for (unsigned int i = 0; i < 4; i++)
		b->data[i] = (uint8_t)(total >> (8 * i));
	return (long)b->len;
}

/* --- decoder ---------------------------------------------------------- */

struct cursor {
	const uint8_t *p;
	size_t len, pos;
	int bad;
};

static uint64_t get(struct cursor *c, unsigned int n)
{
	uint64_t v = 0;

	if (c->bad || c->len - c->pos < n) {
		c->bad = 1;
		return 0;
	}
	for (unsigned int i = 0; i < n; i++)
		v |= (uint64_t)c->p[c->pos + i] << (8 * i);
	c->pos += n;
	return v;
}

#define get8(c)	 ((uint8_t)get(c, 1))
#define get16(c) ((uint16_t)get(c, 2))
#define get32(c) ((uint32_t)get(c, 4))
#define get64(c) get(c, 8)

static struct p9_str getstr(struct cursor *c)
{
	struct p9_str s = { "", 0 };
	uint16_t len = get16(c);

	if (c->bad || c->len - c->pos < len) {
		c->bad = 1;
		return s;
	}
	s.s = (const char *)c->p + c->pos;
	s.len = len;
	c->pos += len;
	return s;
}

static struct p9_qid getqid(struct cursor *c)
{
	struct p9_qid q;

	q.type = get8(c);
	q.version = get32(c);
	q.path = get64(c);
	return q;
}

static const char *type_name(uint8_t t)
{
	switch (t) {
	case P9_RVERSION:
		return "Rversion";
	case P9_RATTACH:
		return "Rattach";
	case P9_RWALK:
		return "Rwalk";
	case P9_RLOPEN:
		return "Rlopen";
	case P9_RLCREATE:
		return "Rlcreate";
	case P9_RREAD:
		return "Rread";
	case P9_RWRITE:
		return "Rwrite";
	case P9_RREADDIR:
		return "Rreaddir";
	case P9_RGETATTR:
		return "Rgetattr";
	case P9_RSETATTR:
		return "Rsetattr";
	case P9_RMKDIR:
		return "Rmkdir";
	case P9_RUNLINKAT:
		return "Runlinkat";
	case P9_RRENAMEAT:
		return "Rrenameat";
	case P9_RSYMLINK:
		return "Rsymlink";
	case P9_RREADLINK:
		return "Rreadlink";
	case P9_RCLUNK:
		return "Rclunk";
	case P9_RSTATFS:
		return "Rstatfs";
	case P9_RFSYNC:
		return "Rfsync";
	case P9_RLINK:
		return "Rlink";
	default:
		return "an unknown R-message";
	}
}

/* The header: size matches what arrived, tag matches; an Rlerror is
 * decoded here. 1: go on with the body, else the return value. */
static int header(struct cursor *c, uint8_t rtype, uint16_t tag, uint8_t *type)
{
	uint32_t size = get32(c);
	uint16_t rtag;

	*type = get8(c);
	rtag = get16(c);
	if (c->bad) {
		LOG("9p: a reply of %zu bytes, shorter than a header\n", c->len);
		return -EPROTO;
	}
	if (size != c->len) {
		LOG("9p: %s: size field %u, but %zu bytes arrived\n", type_name(rtype), size,
		    c->len);
		return -EPROTO;
	}
	if (rtag != tag) {
		LOG("9p: %s: tag %u, expected %u\n", type_name(rtype), rtag, tag);
		return -EPROTO;
	}
	if (*type == P9_RLERROR) {
		uint32_t ecode = get32(c);

		if (c->bad || c->pos != c->len || !ecode || ecode > 4095) {
			LOG("9p: %s: a malformed Rlerror\n", type_name(rtype));
			return -EPROTO;
		}
		return -(int)ecode;
	}
	if (*type != rtype) {
		LOG("9p: got message type %u where %s was expected\n", *type, type_name(rtype));
		return -EPROTO;
	}
	return 1;
}

static void decode_attr(struct cursor *c, struct p9_attr *a)
{
	a->valid = get64(c);
	a->qid = getqid(c);
	a->mode = get32(c);
	a->uid = get32(c);
	a->gid = get32(c);
	a->nlink = get64(c);
	a->rdev = get64(c);
	a->size = get64(c);
	a->blksize = get64(c);
	a->blocks = get64(c);
	a->atime_sec = get64(c);
	a->atime_nsec = get64(c);
	a->mtime_sec = get64(c);
	a->mtime_nsec = get64(c);
	a->ctime_sec = get64(c);
	a->ctime_nsec = get64(c);
	(void)get64(c); /* btime_sec */
	(void)get64(c); /* btime_nsec */
	(void)get64(c); /* gen */
	(void)get64(c); /* data_version */
}

static void decode_statfs(struct cursor *c, struct p9_statfs *s)
{
	s->type = get32(c);
	s->bsize = get32(c);
	s->blocks = get64(c);
	s->bfree = get64(c);
	s->bavail = get64(c);
	s->files = get64(c);
	s->ffree = get64(c);
	s->fsid = get64(c);
	s->namelen = get32(c);
}

/* The body of @type; 0, or -EPROTO for a count that cannot be right. */
static int decode_body(struct cursor *c, uint8_t type, struct p9_reply *r)
{
	switch (type) {
	case P9_RVERSION:
		r->u.version.msize = get32(c);
		r->u.version.version = getstr(c);
		break;
	case P9_RATTACH:
	case P9_RMKDIR:
	case P9_RSYMLINK:
		r->u.qid = getqid(c);
		break;
	case P9_RWALK:
		r->u.walk.nwqid = get16(c);
		if (r->u.walk.nwqid > P9_MAXWELEM)
			return -EPROTO;
		for (unsigned int i = 0; i < r->u.walk.nwqid; i++)
			r->u.walk.wqid[i] = getqid(c);
		break;
	case P9_RLOPEN:
	case P9_RLCREATE:
		r->u.open.qid = getqid(c);
		r->u.open.iounit = get32(c);
		break;
	case P9_RREAD:
	case P9_RREADDIR:
		r->u.data.count = get32(c);
		if (!c->bad && c->len - c->pos != r->u.data.count)
			return -EPROTO;
		r->u.data.data = c->p + c->pos;
		c->pos = c->len;
		break;
	case P9_RWRITE:
		r->u.count = get32(c);
		break;
	case P9_RGETATTR:
		decode_attr(c, &r->u.attr);
		break;
	case P9_RSTATFS:
		decode_statfs(c, &r->u.statfs);
		break;
	case P9_RREADLINK:
		r->u.target = getstr(c);
		if (!c->bad && (!r->u.target.len || memchr(r->u.target.s, 0, r->u.target.len)))
			return -EPROTO;
		break;
	case P9_RSETATTR:
	case P9_RUNLINKAT:
	case P9_RRENAMEAT:
	case P9_RCLUNK:
	case P9_RFSYNC:
	case P9_RLINK:
		break;
	default:
		return -EPROTO;
	}
	return 0;
}

int p9_decode(const uint8_t *msg, size_t len, uint8_t rtype, uint16_t tag, struct p9_reply *out)
{
	struct cursor c = { msg, len, 0, 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	rc = header(&c, rtype, tag, &out->type);
	if (rc <= 0)
		return rc;
	rc = decode_body(&c, out->type, out);
	if (rc < 0 || c.bad || c.pos != c.len) {
		LOG("9p: %s: malformed (%zu bytes: %s)\n", type_name(rtype), len,
		    rc < 0  ? "a count out of range"
		    : c.bad ? "runs past its end"
			    : "bytes left over");
		memset(out, 0, sizeof(*out));
		return -EPROTO;
	}
	return 0;
}

int p9_decode_rread_hdr(const uint8_t *hdr, size_t received, uint16_t tag, uint32_t asked,
			uint32_t *count)
{
	struct cursor c = { hdr, received < P9_RREAD_HDR ? received : P9_RREAD_HDR, 0, 0 };
	uint32_t size = get32(&c);
	uint8_t type = get8(&c);
	uint16_t rtag = get16(&c);
	uint32_t n = get32(&c);

	if (c.bad) {
		LOG("9p: Rread: %zu bytes, shorter than its header\n", received);
		return -EPROTO;
	}
	if (size != received || rtag != tag) {
		LOG("9p: Rread: size %u / tag %u, expected %zu / %u\n", size, rtag, received, tag);
		return -EPROTO;
	}
	if (type == P9_RLERROR) {
		if (size != P9_HDR_SIZE + 4 || !n || n > 4095) {
			LOG("9p: Rread: a malformed Rlerror\n");
			return -EPROTO;
		}
		return -(int)n;
	}
	if (type != P9_RREAD || n > asked || n != received - P9_RREAD_HDR) {
		LOG("9p: Rread: type %u, count %u for %u asked, %zu bytes\n", type, n, asked,
		    received);
		return -EPROTO;
	}
	*count = n;
	return 0;
}

int p9_dirent_next(const uint8_t *data, size_t len, size_t *pos, struct p9_dirent *d)
{
	struct cursor c = { data, len, *pos, 0 };

	if (*pos > len)
		return -EPROTO;
	if (*pos == len)
		return 0;
	d->qid = getqid(&c);
	d->offset = get64(&c);
	d->type = get8(&c);
	d->name = getstr(&c);
	if (c.bad || !d->name.len || d->name.len > 255 || memchr(d->name.s, '/', d->name.len) ||
	    memchr(d->name.s, 0, d->name.len)) {
		LOG("9p: Rreaddir: a malformed entry at byte %zu of %zu\n", *pos, len);
		return -EPROTO;
	}
	*pos = c.pos;
	return 1;
}
