/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A minimal xenstore client for a domU: one request at a time on the ring
 * the toolstack names in HVM_PARAM_STORE_PFN/EVTCHN (ring.c does the ring
 * work), the reply polled for, bounded in time. Used to publish the exit
 * status (shutdown.c); drivers for split devices would use it the same
 * way. The initial domain has no xenstore ring at boot (xenstored runs in
 * it): there every call is -ENODEV.
 */
#include <string.h>
#include <km/plat/time.h>
#include <km/plat/timer.h>
#include <x86/cpu.h>
#include <xen/hvm/params.h>
#include "ring.h"
#include "xen.h"

#define REPLY_TIMEOUT_NS (5 * KM_NSEC_PER_SEC)

static struct xenstore_domain_interface *xs;
static evtchn_port_t xs_port;
static uint32_t next_req_id;

int xen_xenstore_init(void)
{
	uint64_t pfn, port;

	if (xen_is_initial_domain || xen_hvm_get_param(HVM_PARAM_STORE_PFN, &pfn) || !pfn ||
	    xen_hvm_get_param(HVM_PARAM_STORE_EVTCHN, &port))
		return -ENODEV;
	xs = (struct xenstore_domain_interface *)(uintptr_t)(pfn << 12);
	xs_port = (evtchn_port_t)port;
	return 0;
}

/* One request and its reply (payload into buf): the reply's length or
 * -errno, XS_ERROR replies mapped to their errno. */
static long transact(uint32_t type, const char *const parts[], unsigned int n, int last_raw,
		     char *buf, size_t len)
{
	struct xsd_sockmsg hdr;
	km_nsec_t start = km_plat_monotonic_ns();
	unsigned long fl;
	uint32_t id;
	long rc;

	if (!xs)
		return -ENODEV;
	fl = km_plat_irq_save();
	id = ++next_req_id;
	while ((rc = xen_xs_put_request(xs, type, id, parts, n, last_raw)) == -EAGAIN &&
	       km_plat_monotonic_ns() - start < REPLY_TIMEOUT_NS)
		x86_pause();
	if (!rc)
		xen_evtchn_notify(xs_port);
	while (!rc && (rc = xen_xs_get_reply(xs, &hdr, buf, len)) == -EAGAIN &&
	       km_plat_monotonic_ns() - start < REPLY_TIMEOUT_NS)
		x86_pause();
	if (rc == -EAGAIN)
		rc = -ETIMEDOUT;
	if (rc >= 0 && hdr.req_id != id)
		rc = -EIO; /* one request at a time: anything else is a bug */
	if (rc >= 0 && hdr.type == XS_ERROR)
		rc = xen_xs_error_errno(buf);
	km_plat_irq_restore(fl);
	return rc;
}

long xen_xenstore_read(const char *path, char *buf, size_t len)
{
	const char *parts[] = { path };

	return transact(XS_READ, parts, 1, 0, buf, len);
}

int xen_xenstore_write(const char *path, const char *value)
{
	const char *parts[] = { path, value };
	char ok[8];
	long rc = transact(XS_WRITE, parts, 2, 1, ok, sizeof(ok));

	return rc < 0 ? (int)rc : 0;
}
