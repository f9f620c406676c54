/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A 9P2000.L client over a request/response transport (lib/9pfs
 * internal). One RPC at a time per client (a mutex inside): calls MAY come
 * from several threads. Every call returns 0 (or a byte count where said)
 * or -errno: the server's own errno (Rlerror), -EPROTO for a malformed
 * reply (logged by the decoder), -EIO when the transport fails, -EMSGSIZE
 * when names do not fit in a message.
 *
 * Fids are numbers the client hands out (p9_fid_alloc); a fid is bound by
 * attach, walk, and released by p9_clunk in every case (even when the
 * server says error, the fid is free again, as 9P requires).
 * Names are (pointer, length), not NUL-terminated, 1..255 bytes.
 */
#ifndef P9_CLIENT_H
#define P9_CLIENT_H

#include <stddef.h>
#include <stdint.h>
#include <km/lock.h>
#include "9p_msg.h"

struct p9_iov {
	void *base;
	uint32_t len;
};

/* Send the concatenation of @iov[0..nout), receive into @iov[nout..nout+nin);
 * the bytes received, or -errno. */
typedef long (*p9_transport_fn)(void *ctx, const struct p9_iov *iov, unsigned int nout,
				unsigned int nin);

#define P9_SMALL_BUF 8192 /* requests and replies but read/write data */

struct p9_client {
	p9_transport_fn rpc;
	void *ctx;
	uint32_t msize;
	uint32_t next_fid;
	uint32_t *free_fids; /* a stack of clunked fids */
	size_t nfree, free_cap;
	struct km_mutex lock;
	uint8_t tx[P9_SMALL_BUF], rx[P9_SMALL_BUF];
};

/* Negotiate the version (9P2000.L, msize <= @msize): 0, -EPROTONOSUPPORT
 * when the server speaks another dialect. */
int p9_connect(struct p9_client *c, p9_transport_fn rpc, void *ctx, uint32_t msize);
uint32_t p9_fid_alloc(struct p9_client *c);

int p9_attach(struct p9_client *c, uint32_t fid, const char *aname, struct p9_qid *qid);
/* Walk @nname names (0: a clone) from @fid to @newfid; the last qid in
 * *@qid. A partial walk gives -ENOENT (and @newfid stays unbound). */
int p9_walk(struct p9_client *c, uint32_t fid, uint32_t newfid, unsigned int nname,
	    const char *const *names, const size_t *lens, struct p9_qid *qid);
int p9_lopen(struct p9_client *c, uint32_t fid, uint32_t flags, struct p9_qid *qid,
	     uint32_t *iounit);
int p9_lcreate(struct p9_client *c, uint32_t fid, const char *name, size_t len, uint32_t flags,
	       uint32_t mode, struct p9_qid *qid, uint32_t *iounit);
/* Bytes read into @buf (0 at the end of the file), directly by the device. */
long p9_read(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, uint32_t count);
long p9_write(struct p9_client *c, uint32_t fid, uint64_t off, const void *buf, uint32_t count);
/* Raw Rreaddir data into @buf (at most @count bytes): the byte count, 0 at
 * the end; walk it with p9_dirent_next(). */
long p9_readdir(struct p9_client *c, uint32_t fid, uint64_t off, void *buf, uint32_t count);
int p9_getattr(struct p9_client *c, uint32_t fid, struct p9_attr *attr);
/* @valid: P9_SETATTR_* bits; times in seconds and nanoseconds. */
int p9_setattr(struct p9_client *c, uint32_t fid, uint32_t valid, const struct p9_attr *attr);
int p9_mkdir(struct p9_client *c, uint32_t dfid, const char *name, size_t len, uint32_t mode,
	     struct p9_qid *qid);
int p9_unlinkat(struct p9_client *c, uint32_t dfid, const char *name, size_t len, uint32_t flags);
int p9_renameat(struct p9_client *c, uint32_t olddfid, const char *oldname, size_t oldlen,
		uint32_t newdfid, const char *newname, size_t newlen);
int p9_symlink(struct p9_client *c, uint32_t dfid, const char *name, size_t len, const char *target,
	       struct p9_qid *qid);
int p9_link(struct p9_client *c, uint32_t dfid, uint32_t fid, const char *name, size_t len);
/* The target's length, copied into @buf (not NUL-terminated, cut to @len). */
long p9_readlink(struct p9_client *c, uint32_t fid, char *buf, size_t len);
int p9_statfs(struct p9_client *c, uint32_t fid, struct p9_statfs *st);
int p9_fsync(struct p9_client *c, uint32_t fid);
int p9_clunk(struct p9_client *c, uint32_t fid);

#endif /* P9_CLIENT_H */
