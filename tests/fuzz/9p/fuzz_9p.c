/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: any bytes as a reply of any expected R-message type.
 * Input: [expected type selector][the reply]. The reply goes through
 * p9_decode (tag 1), the zero-copy Rread header decoder, and, when it
 * decodes as Rreaddir, the directory entry walker. AddressSanitizer and
 * UBSan turn any overrun into a crash; the checks below turn a decode
 * that claims success with out-of-range results into one too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "9p_msg.h"

static const uint8_t rtypes[] = {
	P9_RVERSION,  P9_RATTACH,  P9_RWALK,	P9_RLOPEN, P9_RLCREATE,	 P9_RREAD,     P9_RWRITE,
	P9_RREADDIR,  P9_RGETATTR, P9_RSETATTR, P9_RMKDIR, P9_RUNLINKAT, P9_RRENAMEAT, P9_RSYMLINK,
	P9_RREADLINK, P9_RCLUNK,   P9_RSTATFS,	P9_RFSYNC, P9_RLINK,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct p9_reply r;
	uint8_t rtype;
	uint32_t count;
	uint8_t *msg;
	int rc;

	if (size < 1)
		return 0;
	rtype = rtypes[data[0] % sizeof(rtypes)];
	/* A copy of exactly the reply's size, so any over-read is caught. */
	size--;
	msg = malloc(size ? size : 1);
	if (!msg)
		return 0;
	memcpy(msg, data + 1, size);
	rc = p9_decode(msg, size, rtype, 1, &r);
	if (rc == 0) {
		if (r.type != rtype)
			abort();
		if ((rtype == P9_RREAD || rtype == P9_RREADDIR) &&
		    (r.u.data.data < msg || r.u.data.count > size ||
		     r.u.data.data + r.u.data.count > msg + size))
			abort();
		if (rtype == P9_RWALK && r.u.walk.nwqid > P9_MAXWELEM)
			abort();
		if (rtype == P9_RREADDIR) {
			struct p9_dirent d;
			size_t pos = 0;

			while (p9_dirent_next(r.u.data.data, r.u.data.count, &pos, &d) == 1)
				if (!d.name.len || d.name.len > 255 || pos > r.u.data.count)
					abort();
		}
	} else if (rc < -4095 || rc >= 0) {
		abort();
	}
	rc = p9_decode_rread_hdr(msg, size, 1, 4096, &count);
	if (rc == 0 && (count > 4096 || count + P9_RREAD_HDR != size))
		abort();
	free(msg);
	return 0;
}
