/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat/xen/ring.c against ring states: each test lays out a shared page as
 * the other side (xenconsoled, xenstored, a backend mapping a grant) would
 * have left it, byte by byte per xen/io/console.h, xen/io/xs_wire.h and
 * xen/grant_table.h, including indexes about to wrap at 2^32, messages
 * split over the ring's end and corrupt indexes, and checks what the guest
 * side reads and writes. These are the domU parts that `make test` cannot
 * boot (run-xen boots the image as the initial domain, which has neither
 * console ring nor xenstore ring).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ring.h"

static int failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: %s: check failed: %s\n", __FILE__, __LINE__,       \
				__func__, #cond);                                                  \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static void console_write_wraps(void)
{
	static struct xencons_interface r;
	char msg[300];
	long n;

	memset(&r, 0, sizeof(r));
	for (unsigned int i = 0; i < sizeof(msg); i++)
		msg[i] = (char)('a' + i % 26);
	/* 240 bytes queued, the producer 16 short of 2^32 */
	r.out_cons = 0xffffff00u;
	r.out_prod = 0xfffffff0u;
	n = xen_cons_ring_write(&r, msg, sizeof(msg));
	CHECK(n == 300);
	CHECK(r.out_prod == 0xfffffff0u + 300); /* wrapped past 0 */
	CHECK(r.out[0xfffffff0u & 2047] == 'a');
	CHECK(r.out[(0xfffffff0u + 299) & 2047] == msg[299]);
	CHECK(r.out_cons == 0xffffff00u); /* the consumer's index is not ours */

	/* Nearly full: only the room left is taken */
	r.out_cons = 100;
	r.out_prod = 100 + 2040;
	n = xen_cons_ring_write(&r, msg, sizeof(msg));
	CHECK(n == 8);
	CHECK(r.out_prod == 100 + 2048);
	CHECK(xen_cons_ring_write(&r, msg, 1) == 0);

	/* Corrupt: more queued than the ring holds */
	r.out_cons = 0;
	r.out_prod = 4096;
	CHECK(xen_cons_ring_write(&r, msg, 1) == -EIO);
	CHECK(r.out_prod == 4096);
}

static void console_read_wraps(void)
{
	static struct xencons_interface r;
	char buf[32];
	long n;

	memset(&r, 0, sizeof(r));
	/* xenconsoled wrote "0123456789" from index 1020: 4 bytes at the
	 * ring's end, 6 at its start. */
	memcpy(&r.in[1020], "0123", 4);
	memcpy(&r.in[0], "456789", 6);
	r.in_cons = 1020;
	r.in_prod = 1030;
	n = xen_cons_ring_read(&r, buf, 4);
	CHECK(n == 4 && !memcmp(buf, "0123", 4));
	n = xen_cons_ring_read(&r, buf, sizeof(buf));
	CHECK(n == 6 && !memcmp(buf, "456789", 6));
	CHECK(r.in_cons == 1030);
	CHECK(xen_cons_ring_read(&r, buf, sizeof(buf)) == 0);
	r.in_prod = r.in_cons + 1025;
	CHECK(xen_cons_ring_read(&r, buf, sizeof(buf)) == -EIO);
}

/* The bytes of a request as xenstored reads them */
static const unsigned char read_request[] = {
	0x02, 0,   0,	0, /* type XS_READ */
	0x07, 0,   0,	0, /* req_id 7 */
	0,    0,   0,	0, /* tx_id */
	0x11, 0,   0,	0, /* len 17 */
	'd',  'a', 't', 'a', '/', 'e', 'x', 'i', 't', '-', 's', 't', 'a', 't', 'u', 's', 0,
};

static void xs_request_layout(void)
{
	static struct xenstore_domain_interface r;
	const char *path[] = { "data/exit-status" };
	const char *wr[] = { "data/exit-status", "125" };
	unsigned char got[sizeof(read_request)];

	memset(&r, 0, sizeof(r));
	r.req_cons = r.req_prod = 1016; /* the header straddles the ring's end */
	CHECK(xen_xs_put_request(&r, XS_READ, 7, path, 1, 0) == 0);
	CHECK(r.req_prod == 1016 + sizeof(read_request));
	for (unsigned int i = 0; i < sizeof(got); i++)
		got[i] = (unsigned char)r.req[(1016 + i) & 1023];
	CHECK(!memcmp(got, read_request, sizeof(got)));

	/* XS_WRITE: path with its NUL, value without */
	r.req_cons = r.req_prod = 0;
	CHECK(xen_xs_put_request(&r, XS_WRITE, 8, wr, 2, 1) == 0);
	CHECK(r.req_prod == 16 + 17 + 3);
	CHECK(!memcmp(&r.req[16],
		      "data/exit-status\0"
		      "125",
		      20));
	CHECK(((struct xsd_sockmsg *)r.req)->len == 20);

	/* No room: nothing written, -EAGAIN */
	r.req_cons = 0;
	r.req_prod = 1000;
	CHECK(xen_xs_put_request(&r, XS_READ, 9, path, 1, 0) == -EAGAIN);
	CHECK(r.req_prod == 1000);
	/* Corrupt indexes */
	r.req_prod = 2000;
	CHECK(xen_xs_put_request(&r, XS_READ, 9, path, 1, 0) == -EIO);
}

static void xs_request_too_big(void)
{
	static struct xenstore_domain_interface r;
	char *big = malloc(XENSTORE_PAYLOAD_MAX + 1);
	const char *parts[] = { big };

	memset(big, 'x', XENSTORE_PAYLOAD_MAX);
	big[XENSTORE_PAYLOAD_MAX] = 0;
	memset(&r, 0, sizeof(r));
	CHECK(xen_xs_put_request(&r, XS_READ, 1, parts, 1, 0) == -E2BIG);
	CHECK(r.req_prod == 0);
	free(big);
}

/* Puts a reply into the rsp ring at index at, as xenstored does */
static void put_reply(struct xenstore_domain_interface *r, uint32_t at, uint32_t type, uint32_t id,
		      const char *payload, uint32_t len)
{
	struct xsd_sockmsg h = { .type = type, .req_id = id, .tx_id = 0, .len = len };

	for (uint32_t i = 0; i < sizeof(h); i++)
		r->rsp[(at + i) & 1023] = ((const char *)&h)[i];
	for (uint32_t i = 0; i < len; i++)
		r->rsp[(at + sizeof(h) + i) & 1023] = payload[i];
}

static void xs_reply(void)
{
	static struct xenstore_domain_interface r;
	struct xsd_sockmsg h;
	char buf[64];
	long n;

	memset(&r, 0, sizeof(r));
	/* A reply split over the ring's end, indexes about to wrap at 2^32 */
	r.rsp_cons = 0xfffffc00u + 1010;
	put_reply(&r, r.rsp_cons, XS_READ, 7, "hello-world", 11);
	/* only the header has arrived yet */
	r.rsp_prod = r.rsp_cons + 16;
	CHECK(xen_xs_get_reply(&r, &h, buf, sizeof(buf)) == -EAGAIN);
	CHECK(r.rsp_cons == 0xfffffc00u + 1010);
	r.rsp_prod = r.rsp_cons + 16 + 11;
	n = xen_xs_get_reply(&r, &h, buf, sizeof(buf));
	CHECK(n == 11 && h.req_id == 7 && h.type == XS_READ && !strcmp(buf, "hello-world"));
	CHECK(r.rsp_cons == r.rsp_prod);

	/* An error reply */
	put_reply(&r, r.rsp_cons, XS_ERROR, 8, "ENOENT", 7);
	r.rsp_prod = r.rsp_cons + 16 + 7;
	n = xen_xs_get_reply(&r, &h, buf, sizeof(buf));
	CHECK(n == 7 && h.type == XS_ERROR);
	CHECK(xen_xs_error_errno(buf) == -ENOENT);
	CHECK(xen_xs_error_errno("EACCES") == -EACCES);
	CHECK(xen_xs_error_errno("NOSUCH") == -EIO);

	/* A reply longer than the buffer: -E2BIG and consumed */
	put_reply(&r, r.rsp_cons, XS_READ, 9, "0123456789", 10);
	r.rsp_prod = r.rsp_cons + 16 + 10;
	CHECK(xen_xs_get_reply(&r, &h, buf, 8) == -E2BIG);
	CHECK(r.rsp_cons == r.rsp_prod);

	/* A header claiming more than XENSTORE_PAYLOAD_MAX */
	put_reply(&r, r.rsp_cons, XS_READ, 10, "", 0);
	r.rsp[(r.rsp_cons + 12) & 1023] = 0x01;
	r.rsp[(r.rsp_cons + 13) & 1023] = 0x20; /* len 0x2001 */
	r.rsp_prod = r.rsp_cons + 16;
	CHECK(xen_xs_get_reply(&r, &h, buf, sizeof(buf)) == -E2BIG);

	/* Corrupt indexes */
	r.rsp_cons = 0;
	r.rsp_prod = 1025;
	CHECK(xen_xs_get_reply(&r, &h, buf, sizeof(buf)) == -EIO);
}

static void grants(void)
{
	static grant_entry_v1_t tab[16];
	int ref;

	memset(tab, 0, sizeof(tab));
	/* The toolstack's own grants: the console and xenstore rings
	 * (GNTTAB_RESERVED_CONSOLE, _XENSTORE) to dom0 */
	tab[0] = (grant_entry_v1_t){ .flags = GTF_permit_access, .domid = 0, .frame = 0xfeffc };
	tab[1] = (grant_entry_v1_t){ .flags = GTF_permit_access, .domid = 0, .frame = 0xfeffd };
	/* Entries 8 and 9 granted earlier, 9 mapped by the backend */
	tab[8] = (grant_entry_v1_t){ .flags = GTF_permit_access, .domid = 0, .frame = 0x1234 };
	tab[9] = (grant_entry_v1_t){ .flags = GTF_permit_access | GTF_reading,
				     .domid = 0,
				     .frame = 0x1235 };
	ref = xen_gnttab_grant(tab, 16, 0, 0xabcde, 1);
	CHECK(ref == 10);
	CHECK(tab[10].flags == (GTF_permit_access | GTF_readonly));
	CHECK(tab[10].domid == 0 && tab[10].frame == 0xabcde);
	CHECK(xen_gnttab_end(tab, 16, 9) == -EBUSY);
	CHECK(tab[9].flags == (GTF_permit_access | GTF_reading));
	CHECK(xen_gnttab_end(tab, 16, 8) == 0 && tab[8].flags == GTF_invalid);
	CHECK(xen_gnttab_grant(tab, 16, 3, 7, 0) == 8); /* reused */
	CHECK(tab[8].flags == GTF_permit_access && tab[8].domid == 3);
	CHECK(xen_gnttab_end(tab, 16, 11) == -EINVAL); /* not granted */
	CHECK(xen_gnttab_end(tab, 16, 1) == -EINVAL);  /* the toolstack's */
	CHECK(tab[1].flags == GTF_permit_access);
	CHECK(xen_gnttab_end(tab, 16, 16) == -EINVAL); /* out of range */
	for (int i = 11; i < 16; i++)
		CHECK(xen_gnttab_grant(tab, 16, 0, (uint32_t)i, 0) == i);
	CHECK(xen_gnttab_grant(tab, 16, 0, 99, 0) == -ENOSPC);
}

int main(void)
{
	console_write_wraps();
	console_read_wraps();
	xs_request_layout();
	xs_request_too_big();
	xs_reply();
	grants();
	if (failures) {
		fprintf(stderr, "xen ring tests: %d failed\n", failures);
		return 1;
	}
	printf("xen ring tests: all passed\n");
	return 0;
}
