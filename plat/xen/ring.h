/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The shared-memory protocols a Xen domU speaks with its backends, as pure
 * functions on the shared pages: no hypercall, no notification (the caller
 * sends that), so that tests/host builds them on the host and runs them
 * against recorded ring states. Producer and consumer indexes are free-
 * running 32-bit counters (their difference is the fill level, wrapping
 * included); a ring whose indexes say more than its size is corrupt.
 *
 * Needs <stdint.h> and the Xen public headers on the include path.
 */
#ifndef XEN_RING_H
#define XEN_RING_H

#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/grant_table.h>
#include <xen/io/console.h>
#include <xen/io/xs_wire.h>

/* --- Console ring (xen/io/console.h): out[] to the backend, in[] from it */

/* Copies up to len bytes of buf into the out ring and publishes them.
 * Returns the bytes queued (0 when the ring is full), or -EIO when the
 * indexes are corrupt (more queued than the ring holds). */
long xen_cons_ring_write(struct xencons_interface *r, const char *buf, size_t len);

/* Takes up to len bytes from the in ring. Returns the bytes read, 0 when
 * the ring is empty, -EIO when its indexes are corrupt. */
long xen_cons_ring_read(struct xencons_interface *r, char *buf, size_t len);

/* --- Xenstore ring (xen/io/xs_wire.h) */

/* Queues one request: a struct xsd_sockmsg header (type, req_id, tx_id
 * 0, len) and the payload: each of the nparts strings with its NUL, the
 * last one without when last_raw is set (XS_WRITE's value). Whole or not
 * at all: -EAGAIN when the ring has no room now, -E2BIG when the payload
 * exceeds XENSTORE_PAYLOAD_MAX, -EIO when the indexes are corrupt. */
int xen_xs_put_request(struct xenstore_domain_interface *r, uint32_t type, uint32_t req_id,
		       const char *const parts[], unsigned int nparts, int last_raw);

/* Takes one whole reply: its header into *hdr and its payload (hdr->len
 * bytes) into buf, NUL-terminated. Returns hdr->len, -EAGAIN when no
 * whole reply is there yet (nothing is consumed), -E2BIG when the payload
 * does not fit in len - 1 bytes or exceeds XENSTORE_PAYLOAD_MAX (the
 * reply is consumed), -EIO when the indexes are corrupt. */
long xen_xs_get_reply(struct xenstore_domain_interface *r, struct xsd_sockmsg *hdr, char *buf,
		      size_t len);

/* Maps an XS_ERROR reply's payload ("ENOENT", ...) to a negative errno;
 * -EIO for a name it does not know. */
int xen_xs_error_errno(const char *payload);

/* --- Grant table, version 1 (xen/grant_table.h) */

/* The first reference a guest may hand out: 0-7 are the toolstack's. */
#define XEN_GNTTAB_FIRST_REF GNTTAB_NR_RESERVED_ENTRIES

/* Grants domain domid access to the frame gfn (read-only when ro):
 * the first free entry from XEN_GNTTAB_FIRST_REF on, filled and then
 * made valid. Returns its reference, or -ENOSPC when all nr are in use. */
int xen_gnttab_grant(grant_entry_v1_t *tab, unsigned int nr, domid_t domid, uint32_t gfn, int ro);

/* Ends a grant: -EBUSY while the other domain has it mapped (GTF_reading
 * or GTF_writing), -EINVAL for a reference out of range or not granted,
 * else 0 and the entry is free again. */
int xen_gnttab_end(grant_entry_v1_t *tab, unsigned int nr, unsigned int ref);

#endif /* XEN_RING_H */
