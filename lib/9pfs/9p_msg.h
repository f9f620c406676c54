/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9P2000.L messages: an encoder for T-messages and a decoder for
 * R-messages (lib/9pfs internal; pure code, built on the host too for
 * the unit tests and the fuzzer in tests/fuzz/9p).
 *
 * Wire format: little-endian integers; a string is a 16-bit length and
 * that many bytes (no NUL); a qid is type[1] version[4] path[8]; every
 * message starts with size[4] type[1] tag[2], size counting itself.
 *
 * Decoder contract: p9_decode() trusts nothing in the reply. Every length
 * is checked against the bytes the transport says it received; a reply
 * that is short, long, of another type or tag, or whose strings or counts
 * run past its end gives -EPROTO (and one log line through the @log
 * callback the caller set, naming the message); an Rlerror gives its
 * -errno (an error code outside 1..4095 is -EPROTO). Nothing is written
 * past the decoded struct; strings and data point INTO the message and
 * live as long as it does. Never a crash, whatever the bytes.
 */
#ifndef P9_MSG_H
#define P9_MSG_H

#include <stddef.h>
#include <stdint.h>

/* Message types (T = R - 1). */
enum {
	P9_RLERROR = 7,
	P9_TSTATFS = 8,
	P9_RSTATFS,
	P9_TLOPEN = 12,
	P9_RLOPEN,
	P9_TLCREATE = 14,
	P9_RLCREATE,
	P9_TSYMLINK = 16,
	P9_RSYMLINK,
	P9_TREADLINK = 22,
	P9_RREADLINK,
	P9_TGETATTR = 24,
	P9_RGETATTR,
	P9_TSETATTR = 26,
	P9_RSETATTR,
	P9_TREADDIR = 40,
	P9_RREADDIR,
	P9_TFSYNC = 50,
	P9_RFSYNC,
	P9_TLINK = 70,
	P9_RLINK,
	P9_TMKDIR = 72,
	P9_RMKDIR,
	P9_TRENAMEAT = 74,
	P9_RRENAMEAT,
	P9_TUNLINKAT = 76,
	P9_RUNLINKAT,
	P9_TVERSION = 100,
	P9_RVERSION,
	P9_TATTACH = 104,
	P9_RATTACH,
	P9_TWALK = 110,
	P9_RWALK,
	P9_TREAD = 116,
	P9_RREAD,
	P9_TWRITE = 118,
	P9_RWRITE,
	P9_TCLUNK = 120,
	P9_RCLUNK,
};

#define P9_HDR_SIZE	 7 /* size[4] type[1] tag[2] */
#define P9_QID_SIZE	 13
#define P9_NOTAG	 0xffff
#define P9_NOFID	 0xffffffffu
#define P9_MAXWELEM	 16
#define P9_IOHDR_SIZE	 24 /* Twrite's header: hdr fid[4] offset[8] count[4] */
#define P9_RREAD_HDR	 11 /* hdr count[4] */
#define P9_QTDIR	 0x80
#define P9_QTSYMLINK	 0x02
#define P9_GETATTR_BASIC 0x7ffULL

/* Tsetattr's valid bits */
#define P9_SETATTR_MODE	     0x001
#define P9_SETATTR_UID	     0x002
#define P9_SETATTR_GID	     0x004
#define P9_SETATTR_SIZE	     0x008
#define P9_SETATTR_ATIME     0x010
#define P9_SETATTR_MTIME     0x020
#define P9_SETATTR_CTIME     0x040
#define P9_SETATTR_ATIME_SET 0x080
#define P9_SETATTR_MTIME_SET 0x100

struct p9_qid {
	uint8_t type;
	uint32_t version;
	uint64_t path;
};

struct p9_str {
	const char *s; /* not NUL-terminated */
	uint16_t len;
};

struct p9_attr {
	uint64_t valid;
	struct p9_qid qid;
	uint32_t mode, uid, gid;
	uint64_t nlink, rdev, size, blksize, blocks;
	uint64_t atime_sec, atime_nsec, mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
};

struct p9_statfs {
	uint32_t type, bsize;
	uint64_t blocks, bfree, bavail, files, ffree, fsid;
	uint32_t namelen;
};

/* A decoded R-message: which member is filled depends on its type. */
struct p9_reply {
	uint8_t type;
	union {
		struct {
			uint32_t msize;
			struct p9_str version;
		} version;
		struct p9_qid qid; /* Rattach, Rmkdir, Rsymlink */
		struct {
			uint16_t nwqid;
			struct p9_qid wqid[P9_MAXWELEM];
		} walk;
		struct {
			struct p9_qid qid;
			uint32_t iounit;
		} open; /* Rlopen, Rlcreate */
		struct {
			uint32_t count;
			const uint8_t *data;
		} data;		/* Rread, Rreaddir */
		uint32_t count; /* Rwrite */
		struct p9_attr attr;
		struct p9_statfs statfs;
		struct p9_str target; /* Rreadlink */
	} u;
};

/* --- encoder ---------------------------------------------------------- */

struct p9_buf {
	uint8_t *data;
	size_t cap, len;
	int overflow; /* a put did not fit: the message MUST NOT be sent */
};

/* Start message @type with @tag in @b (cap bytes at data). */
void p9_begin(struct p9_buf *b, uint8_t *data, size_t cap, uint8_t type, uint16_t tag);
void p9_put8(struct p9_buf *b, uint8_t v);
void p9_put16(struct p9_buf *b, uint16_t v);
void p9_put32(struct p9_buf *b, uint32_t v);
void p9_put64(struct p9_buf *b, uint64_t v);
void p9_putstr(struct p9_buf *b, const char *s, size_t len); /* len <= 65535 */
/*
 * Write the size field: the message's length plus @extra payload bytes
 * sent in a separate segment (Twrite's data). Returns the message's own
 * length, or -EMSGSIZE when a put overflowed.
 */
long p9_finish(struct p9_buf *b, uint32_t extra);

/* --- decoder ---------------------------------------------------------- */

/* Where decode errors are reported (one line each); NULL: silent. */
extern void (*p9_log)(const char *fmt, ...);

/*
 * Decode the reply in @msg: @len bytes received, expected type @rtype
 * (an R-message type) and @tag. 0 and *@out filled, -errno from an
 * Rlerror, or -EPROTO.
 */
int p9_decode(const uint8_t *msg, size_t len, uint8_t rtype, uint16_t tag, struct p9_reply *out);

/*
 * Rread split in two (zero-copy reads): the first P9_RREAD_HDR bytes in
 * @hdr, the data already in the caller's buffer; @received is the total
 * the transport wrote, @asked the count requested. The data's length in
 * *@count (<= asked, == received - 11), or -errno from an Rlerror (which
 * fits in @hdr), or -EPROTO.
 */
int p9_decode_rread_hdr(const uint8_t *hdr, size_t received, uint16_t tag, uint32_t asked,
			uint32_t *count);

/* One directory entry of Rreaddir's data. */
struct p9_dirent {
	struct p9_qid qid;
	uint64_t offset; /* the cookie of the next entry */
	uint8_t type;	 /* DT_* */
	struct p9_str name;
};

/*
 * The entry at *@pos of @data (@len bytes), advancing *@pos. 1 with *@d
 * filled, 0 at the end, -EPROTO when an entry runs past the end or its
 * name is empty, longer than 255, or holds '/' or NUL.
 */
int p9_dirent_next(const uint8_t *data, size_t len, size_t *pos, struct p9_dirent *d);

#endif /* P9_MSG_H */
