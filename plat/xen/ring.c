/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Console ring, xenstore ring and grant table entries (ring.h). The other
 * side runs concurrently: indexes are read once into locals, data is read
 * after the producer index (read barrier) and published before the new
 * index (write barrier). On x86 those barriers only stop the compiler;
 * hosts that build tests/host are x86 too.
 */
#include <errno.h>
#include <string.h>
#include "ring.h"

#define BARRIER()	 __asm__ __volatile__("" ::: "memory")
#define READ_ONCE(x)	 (*(volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

/* Copies n bytes into a ring of size sz (a power of two) at index idx,
 * wrapping. Byte by byte: under -mgeneral-regs-only memcpy may be SSE. */
static void ring_put(char *ring, uint32_t sz, uint32_t idx, const char *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ring[(idx + i) & (sz - 1)] = src[i];
}

static void ring_get(const char *ring, uint32_t sz, uint32_t idx, char *dst, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = ring[(idx + i) & (sz - 1)];
}

long xen_cons_ring_write(struct xencons_interface *r, const char *buf, size_t len)
{
	uint32_t sz = sizeof(r->out), cons = READ_ONCE(r->out_cons), prod = READ_ONCE(r->out_prod);
	uint32_t used = prod - cons;
	size_t n;

	if (used > sz)
		return -EIO;
	n = len < sz - used ? len : sz - used;
	BARRIER();
	ring_put(r->out, sz, prod, buf, n);
	BARRIER();
	WRITE_ONCE(r->out_prod, prod + (uint32_t)n);
	return (long)n;
}

long xen_cons_ring_read(struct xencons_interface *r, char *buf, size_t len)
{
	uint32_t sz = sizeof(r->in), cons = READ_ONCE(r->in_cons), prod = READ_ONCE(r->in_prod);
	uint32_t avail = prod - cons;
	size_t n;

	if (avail > sz)
		return -EIO;
	n = len < avail ? len : avail;
	BARRIER();
	ring_get(r->in, sz, cons, buf, n);
	BARRIER();
	WRITE_ONCE(r->in_cons, cons + (uint32_t)n);
	return (long)n;
}

int xen_xs_put_request(struct xenstore_domain_interface *r, uint32_t type, uint32_t req_id,
		       const char *const parts[], unsigned int nparts, int last_raw)
{
	uint32_t cons = READ_ONCE(r->req_cons), prod = READ_ONCE(r->req_prod);
	uint32_t used = prod - cons, len = 0;
	struct xsd_sockmsg hdr;

	if (used > XENSTORE_RING_SIZE)
		return -EIO;
	for (unsigned int i = 0; i < nparts; i++) {
		size_t n = strlen(parts[i]) + !(last_raw && i == nparts - 1);

		if (n > XENSTORE_PAYLOAD_MAX - len)
			return -E2BIG;
		len += (uint32_t)n;
	}
	if (sizeof(hdr) + len > XENSTORE_RING_SIZE - used)
		return -EAGAIN;
	hdr.type = type;
	hdr.req_id = req_id;
	hdr.tx_id = 0;
	hdr.len = len;
	BARRIER();
	ring_put(r->req, XENSTORE_RING_SIZE, prod, (const char *)&hdr, sizeof(hdr));
	prod += sizeof(hdr);
	for (unsigned int i = 0; i < nparts; i++) {
		size_t n = strlen(parts[i]) + !(last_raw && i == nparts - 1);

		ring_put(r->req, XENSTORE_RING_SIZE, prod, parts[i], n);
		prod += (uint32_t)n;
	}
	BARRIER();
	WRITE_ONCE(r->req_prod, prod);
	return 0;
}

long xen_xs_get_reply(struct xenstore_domain_interface *r, struct xsd_sockmsg *hdr, char *buf,
		      size_t len)
{
	uint32_t cons = READ_ONCE(r->rsp_cons), prod = READ_ONCE(r->rsp_prod);
	uint32_t avail = prod - cons;

	if (avail > XENSTORE_RING_SIZE)
		return -EIO;
	if (avail < sizeof(*hdr))
		return -EAGAIN;
	BARRIER();
	ring_get(r->rsp, XENSTORE_RING_SIZE, cons, (char *)hdr, sizeof(*hdr));
	if (hdr->len > XENSTORE_PAYLOAD_MAX || hdr->len >= len) {
		/* Consumed once whole, so that the ring moves on. */
		if (hdr->len <= XENSTORE_PAYLOAD_MAX && avail - sizeof(*hdr) >= hdr->len)
			WRITE_ONCE(r->rsp_cons, cons + (uint32_t)sizeof(*hdr) + hdr->len);
		return -E2BIG;
	}
	if (avail - sizeof(*hdr) < hdr->len)
		return -EAGAIN;
	ring_get(r->rsp, XENSTORE_RING_SIZE, cons + sizeof(*hdr), buf, hdr->len);
	buf[hdr->len] = 0;
	BARRIER();
	WRITE_ONCE(r->rsp_cons, cons + (uint32_t)sizeof(*hdr) + hdr->len);
	return (long)hdr->len;
}

int xen_xs_error_errno(const char *payload)
{
	for (size_t i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++)
		if (!strcmp(payload, xsd_errors[i].errstring))
			return -xsd_errors[i].errnum;
	return -EIO;
}

int xen_gnttab_grant(grant_entry_v1_t *tab, unsigned int nr, domid_t domid, uint32_t gfn, int ro)
{
	for (unsigned int ref = XEN_GNTTAB_FIRST_REF; ref < nr; ref++) {
		if (READ_ONCE(tab[ref].flags) != GTF_invalid)
			continue;
		tab[ref].domid = domid;
		tab[ref].frame = gfn;
		BARRIER(); /* valid only once domid and frame are */
		WRITE_ONCE(tab[ref].flags, (uint16_t)(GTF_permit_access | (ro ? GTF_readonly : 0)));
		return (int)ref;
	}
	return -ENOSPC;
}

int xen_gnttab_end(grant_entry_v1_t *tab, unsigned int nr, unsigned int ref)
{
	uint16_t fl;

	if (ref < XEN_GNTTAB_FIRST_REF || ref >= nr)
		return -EINVAL;
	fl = READ_ONCE(tab[ref].flags);
	if ((fl & GTF_type_mask) != GTF_permit_access)
		return -EINVAL;
	/* Xen sets GTF_reading/GTF_writing while the other side maps the
	 * frame: only a compare-and-swap from an unmapped state ends it. */
	if ((fl & (GTF_reading | GTF_writing)) ||
	    !__atomic_compare_exchange_n(&tab[ref].flags, &fl, (uint16_t)GTF_invalid, 0,
					 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		return -EBUSY;
	return 0;
}
