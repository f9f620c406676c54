/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The 9P2000.L client (9p_client.h). Small messages go through the
 * client's two buffers; read and write data go straight between the
 * caller's buffer and the device, as a segment of their own.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/print.h>
#include "9p_client.h"

static uint16_t next_tag(void)
{
	static uint16_t tag;

	if (++tag == P9_NOTAG)
		tag = 1;
	return tag;
}

/* One small request in c->tx, reply in c->rx decoded as @rtype. Lock held. */
static int rpc(struct p9_client *c, struct p9_buf *b, uint16_t tag, uint8_t rtype,
	       struct p9_reply *r)
{
	struct p9_iov iov[2];
	long len = p9_finish(b, 0), got;

	if (len < 0)
		return (int)len;
	iov[0].base = c->tx;
	iov[0].len = (uint32_t)len;
	iov[1].base = c->rx;
	iov[1].len = sizeof(c->rx);
	got = c->rpc(c->ctx, iov, 1, 1);
	if (got < 0)
		return (int)got;
	return p9_decode(c->rx, (size_t)got, rtype, tag, r);
}

#define BEGIN(c, b, type, tag)                                                                     \
	uint16_t tag = next_tag();                                                                 \
	struct p9_buf b;                                                                           \
	km_mutex_lock(&(c)->lock);                                                                 \
	p9_begin(&b, (c)->tx, sizeof((c)->tx), type, tag)

static int finish(struct p9_client *c, struct p9_buf *b, uint16_t tag, uint8_t rtype,
		  struct p9_reply *r)
{
	int rc = rpc(c, b, tag, rtype, r);

	km_mutex_unlock(&c->lock);
	return rc;
}

int p9_connect(struct p9_client *c, p9_transport_fn transport, void *ctx, uint32_t msize)
{
	static const char dialect[] = "9P2000.L";
	struct p9_reply r;
	int rc;

	c->rpc = transport;
	c->ctx = ctx;
	c->next_fid = 1;
	km_mutex_init(&c->lock, 0);
	km_mutex_lock(&c->lock);
	struct p9_buf b;

	p9_begin(&b, c->tx, sizeof(c->tx), P9_TVERSION, P9_NOTAG);
	p9_put32(&b, msize);
	p9_putstr(&b, dialect, sizeof(dialect) - 1);
	rc = finish(c, &b, P9_NOTAG, P9_RVERSION, &r);
	if (rc < 0)
		return rc;
	if (r.u.version.version.len != sizeof(dialect) - 1 ||
	    memcmp(r.u.version.version.s, dialect, sizeof(dialect) - 1)) {
		km_pr_err("9p: the server speaks %.*s, not 9P2000.L\n",
			  (int)r.u.version.version.len, r.u.version.version.s);
		return -EPROTONOSUPPORT;
	}
	if (r.u.version.msize < 4096 || r.u.version.msize > msize) {
		km_pr_err("9p: the server's msize %u is outside 4096..%u\n", r.u.version.msize,
			  msize);
		return -EPROTO;
	}
	c->msize = r.u.version.msize;
	return 0;
}

uint32_t p9_fid_alloc(struct p9_client *c)
{
	uint32_t fid;

	km_mutex_lock(&c->lock);
	fid = c->nfree ? c->free_fids[--c->nfree] : c->next_fid++;
	km_mutex_unlock(&c->lock);
	return fid;
}

int p9_attach(struct p9_client *c, uint32_t fid, const char *aname, struct p9_qid *qid)
{
	struct p9_reply r;
	int rc;

	BEGIN(c, b, P9_TATTACH, tag);
	p9_put32(&b, fid);
	p9_put32(&b, P9_NOFID);
	p9_putstr(&b, "root", 4);
	p9_putstr(&b, aname, strlen(aname));
	p9_put32(&b, 0); /* n_uname: root */
	rc = finish(c, &b, tag, P9_RATTACH, &r);
	if (rc == 0)
		*qid = r.u.qid;
	return rc;
}

int p9_walk(struct p9_client *c, uint32_t fid, uint32_t newfid, unsigned int nname,
	    const char *const *names, const size_t *lens, struct p9_qid *qid)
{
	struct p9_reply r;
	int rc;

	if (nname > P9_MAXWELEM)
		return -EINVAL;
	BEGIN(c, b, P9_TWALK, tag);
	p9_put32(&b, fid);
	p9_put32(&b, newfid);
	p9_put16(&b, (uint16_t)nname);
	for (unsigned int i = 0; i < nname; i++)
		p9_putstr(&b, names[i], lens[i]);
	rc = finish(c, &b, tag, P9_RWALK, &r);
	if (rc < 0)
		return rc;
	if (r.u.walk.nwqid != nname)
		return nname && r.u.walk.nwqid < nname ? -ENOENT : -EPROTO;
	if (nname && qid)
		*qid = r.u.walk.wqid[nname - 1];
	return 0;
}

static int open_reply(struct p9_reply *r, int rc, struct p9_qid *qid, uint32_t *iounit)
{
	if (rc == 0) {
		if (qid)
			*qid = r->u.open.qid;
		if (iounit)
			*iounit = r->u.open.iounit;
	}
	return rc;
}

int p9_lopen(struct p9_client *c, uint32_t fid, uint32_t flags, struct p9_qid *qid,
	     uint32_t *iounit)
{
	struct p9_reply r;

	BEGIN(c, b, P9_TLOPEN, tag);
	p9_put32(&b, fid);
	p9_put32(&b, flags);
	return open_reply(&r, finish(c, &b, tag, P9_RLOPEN, &r), qid, iounit);
}

int p9_lcreate(struct p9_client *c, uint32_t fid, const char *name, size_t len, uint32_t flags,
	       uint32_t mode, struct p9_qid *qid, uint32_t *iounit)
{
	struct p9_reply r;

	BEGIN(c, b, P9_TLCREATE, tag);
	p9_put32(&b, fid);
	p9_putstr(&b, name, len);
	p9_put32(&b, flags);
	p9_put32(&b, mode);
	p9_put32(&b, 0); /* gid */
	return open_reply(&r, finish(c, &b, tag, P9_RLCREATE, &r), qid, iounit);
}

/* The largest payload one Tread/Twrite/Treaddir carries. */
static uint32_t max_io(struct p9_client *c, uint32_t count)
{
	uint32_t max = c->msize - P9_IOHDR_SIZE;

	return count < max ? count : max;
}

long p9_read(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, uint32_t count)
{
	struct p9_iov iov[3];
	uint8_t hdr[P9_RREAD_HDR];
	uint32_t n = 0;
	long len, got;
	int rc;

	count = max_io(c, count);
	if (!count)
		return 0;
	BEGIN(c, b, P9_TREAD, tag);
	p9_put32(&b, fid);
	p9_put64(&b, off);
	p9_put32(&b, count);
	len = p9_finish(&b, 0);
	iov[0].base = c->tx;
	iov[0].len = (uint32_t)len;
	iov[1].base = hdr;
	iov[1].len = sizeof(hdr);
	iov[2].base = buf;
	iov[2].len = count;
	got = c->rpc(c->ctx, iov, 1, 2);
	km_mutex_unlock(&c->lock);
	if (got < 0)
		return got;
	rc = p9_decode_rread_hdr(hdr, (size_t)got, tag, count, &n);
	return rc < 0 ? rc : (long)n;
}

long p9_write(struct p9_client *c, uint32_t fid, uint64_t off, const void *buf, uint32_t count)
{
	struct p9_iov iov[3];
	struct p9_reply r;
	long len, got;
	int rc;

	count = max_io(c, count);
	if (!count)
		return 0;
	BEGIN(c, b, P9_TWRITE, tag);
	p9_put32(&b, fid);
	p9_put64(&b, off);
	p9_put32(&b, count);
	len = p9_finish(&b, count);
	iov[0].base = c->tx;
	iov[0].len = (uint32_t)len;
	iov[1].base = (void *)buf; /* read by the device only */
	iov[1].len = count;
	iov[2].base = c->rx;
	iov[2].len = sizeof(c->rx);
	got = c->rpc(c->ctx, iov, 2, 1);
	rc = got < 0 ? (int)got : p9_decode(c->rx, (size_t)got, P9_RWRITE, tag, &r);
	km_mutex_unlock(&c->lock);
	if (rc < 0)
		return rc;
	if (r.u.count > count) {
		km_pr_err("9p: Rwrite: %u bytes written of %u sent\n", r.u.count, count);
		return -EPROTO;
	}
	return r.u.count;
}

long p9_readdir(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, uint32_t count)
{
	struct p9_reply r;
	uint32_t room = sizeof(c->rx) - P9_RREAD_HDR;
	int rc;

	if (count > room)
		count = room;
	BEGIN(c, b, P9_TREADDIR, tag);
	p9_put32(&b, fid);
	p9_put64(&b, off);
	p9_put32(&b, count);
	rc = rpc(c, &b, tag, P9_RREADDIR, &r);
	if (rc == 0 && r.u.data.count > count)
		rc = -EPROTO;
	if (rc == 0)
		memcpy(buf, r.u.data.data, r.u.data.count);
	km_mutex_unlock(&c->lock);
	return rc < 0 ? rc : (long)r.u.data.count;
}

int p9_getattr(struct p9_client *c, uint32_t fid, struct p9_attr *attr)
{
	struct p9_reply r;
	int rc;

	BEGIN(c, b, P9_TGETATTR, tag);
	p9_put32(&b, fid);
	p9_put64(&b, P9_GETATTR_BASIC);
	rc = finish(c, &b, tag, P9_RGETATTR, &r);
	if (rc == 0)
		*attr = r.u.attr;
	return rc;
}

int p9_setattr(struct p9_client *c, uint32_t fid, uint32_t valid, const struct p9_attr *a)
{
	struct p9_reply r;

	BEGIN(c, b, P9_TSETATTR, tag);
	p9_put32(&b, fid);
	p9_put32(&b, valid);
	p9_put32(&b, a->mode);
	p9_put32(&b, a->uid);
	p9_put32(&b, a->gid);
	p9_put64(&b, a->size);
	p9_put64(&b, a->atime_sec);
	p9_put64(&b, a->atime_nsec);
	p9_put64(&b, a->mtime_sec);
	p9_put64(&b, a->mtime_nsec);
	return finish(c, &b, tag, P9_RSETATTR, &r);
}

int p9_mkdir(struct p9_client *c, uint32_t dfid, const char *name, size_t len, uint32_t mode,
	     struct p9_qid *qid)
{
	struct p9_reply r;
	int rc;

	BEGIN(c, b, P9_TMKDIR, tag);
	p9_put32(&b, dfid);
	p9_putstr(&b, name, len);
	p9_put32(&b, mode);
	p9_put32(&b, 0);
	rc = finish(c, &b, tag, P9_RMKDIR, &r);
	if (rc == 0)
		*qid = r.u.qid;
	return rc;
}

int p9_unlinkat(struct p9_client *c, uint32_t dfid, const char *name, size_t len, uint32_t flags)
{
	struct p9_reply r;

	BEGIN(c, b, P9_TUNLINKAT, tag);
	p9_put32(&b, dfid);
	p9_putstr(&b, name, len);
	p9_put32(&b, flags);
	return finish(c, &b, tag, P9_RUNLINKAT, &r);
}

int p9_renameat(struct p9_client *c, uint32_t olddfid, const char *oldname, size_t oldlen,
		uint32_t newdfid, const char *newname, size_t newlen)
{
	struct p9_reply r;

	BEGIN(c, b, P9_TRENAMEAT, tag);
	p9_put32(&b, olddfid);
	p9_putstr(&b, oldname, oldlen);
	p9_put32(&b, newdfid);
	p9_putstr(&b, newname, newlen);
	return finish(c, &b, tag, P9_RRENAMEAT, &r);
}

int p9_symlink(struct p9_client *c, uint32_t dfid, const char *name, size_t len, const char *target,
	       struct p9_qid *qid)
{
	struct p9_reply r;
	int rc;

	BEGIN(c, b, P9_TSYMLINK, tag);
	p9_put32(&b, dfid);
	p9_putstr(&b, name, len);
	p9_putstr(&b, target, strlen(target));
	p9_put32(&b, 0);
	rc = finish(c, &b, tag, P9_RSYMLINK, &r);
	if (rc == 0)
		*qid = r.u.qid;
	return rc;
}

int p9_link(struct p9_client *c, uint32_t dfid, uint32_t fid, const char *name, size_t len)
{
	struct p9_reply r;

	BEGIN(c, b, P9_TLINK, tag);
	p9_put32(&b, dfid);
	p9_put32(&b, fid);
	p9_putstr(&b, name, len);
	return finish(c, &b, tag, P9_RLINK, &r);
}

long p9_readlink(struct p9_client *c, uint32_t fid, char *buf, size_t len)
{
	struct p9_reply r;
	int rc;

	BEGIN(c, b, P9_TREADLINK, tag);
	p9_put32(&b, fid);
	rc = rpc(c, &b, tag, P9_RREADLINK, &r);
	if (rc == 0) {
		rc = r.u.target.len;
		memcpy(buf, r.u.target.s, r.u.target.len < len ? r.u.target.len : len);
	}
	km_mutex_unlock(&c->lock);
	return rc;
}

int p9_statfs(struct p9_client *c, uint32_t fid, struct p9_statfs *st)
{
	struct p9_reply r;
	int rc;

	BEGIN(c, b, P9_TSTATFS, tag);
	p9_put32(&b, fid);
	rc = finish(c, &b, tag, P9_RSTATFS, &r);
	if (rc == 0)
		*st = r.u.statfs;
	return rc;
}

int p9_fsync(struct p9_client *c, uint32_t fid)
{
	struct p9_reply r;

	BEGIN(c, b, P9_TFSYNC, tag);
	p9_put32(&b, fid);
	p9_put32(&b, 0); /* datasync: no, everything */
	return finish(c, &b, tag, P9_RFSYNC, &r);
}

int p9_clunk(struct p9_client *c, uint32_t fid)
{
	struct p9_reply r;
	int rc;

	BEGIN(c, b, P9_TCLUNK, tag);
	p9_put32(&b, fid);
	rc = rpc(c, &b, tag, P9_RCLUNK, &r);
	/* The fid is free whatever the reply (9P: clunk always frees it). */
	if (c->nfree == c->free_cap) {
		size_t cap = c->free_cap ? 2 * c->free_cap : 64;
		uint32_t *n = realloc(c->free_fids, cap * sizeof(*n));

		if (n) {
			c->free_fids = n;
			c->free_cap = cap;
		}
	}
	if (c->nfree < c->free_cap)
		c->free_fids[c->nfree++] = fid;
	km_mutex_unlock(&c->lock);
	return rc;
}
