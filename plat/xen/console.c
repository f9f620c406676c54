/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The console (km/plat/console.h) on Xen. The initial domain writes and
 * reads Xen's own console with the console_io hypercall (what Xen prints
 * on its serial line, "(d0)"-less); a domU uses its console ring, the page
 * and event channel the toolstack names in HVM_PARAM_CONSOLE_PFN/EVTCHN,
 * served by xenconsoled (`xl console`). Writes to a full ring wait for
 * the backend, polling, bounded: a console nobody reads must not hang the
 * image, so after about a second of no progress the rest is dropped.
 */
#include <errno.h>
#include <km/plat/console.h>
#include <km/plat/time.h>
#include <x86/cpu.h>
#include <xen/hvm/params.h>
#include "ring.h"
#include "xen.h"

#define STALL_NS (1000 * KM_NSEC_PER_MSEC)

static struct xencons_interface *ring;
static evtchn_port_t ring_port;

void xen_console_init(void)
{
	uint64_t pfn, port;

	if (xen_is_initial_domain)
		return;
	if (xen_hvm_get_param(HVM_PARAM_CONSOLE_PFN, &pfn) || !pfn ||
	    xen_hvm_get_param(HVM_PARAM_CONSOLE_EVTCHN, &port))
		return; /* no console: output goes to console_io (Xen's log) */
	ring = (struct xencons_interface *)(uintptr_t)(pfn << 12);
	ring_port = (evtchn_port_t)port;
}

int km_plat_console_write(const char *buf, size_t len)
{
	km_nsec_t stalled = 0;

	if (!ring) {
		/* Xen takes at most a page per call; a domU without a ring
		 * reaches Xen's log this way when Xen is built to allow it. */
		while (len) {
			size_t n = len > 4096 ? 4096 : len;

			if (XEN_HC3(__HYPERVISOR_console_io, CONSOLEIO_write, n, buf) < 0)
				return -EIO;
			buf += n;
			len -= n;
		}
		return 0;
	}
	while (len) {
		long n = xen_cons_ring_write(ring, buf, len);

		if (n < 0)
			return -EIO;
		if (n) {
			xen_evtchn_notify(ring_port);
			buf += n;
			len -= (size_t)n;
			stalled = 0;
			continue;
		}
		if (!stalled)
			stalled = km_plat_monotonic_ns();
		else if (km_plat_monotonic_ns() - stalled > STALL_NS)
			return -EAGAIN;
		x86_pause();
	}
	return 0;
}

long km_plat_console_read(char *buf, size_t len)
{
	long n;

	if (!ring)
		n = XEN_HC3(__HYPERVISOR_console_io, CONSOLEIO_read, len, buf);
	else if ((n = xen_cons_ring_read(ring, buf, len)) > 0)
		xen_evtchn_notify(ring_port);
	if (n < 0)
		return -EIO;
	/* A console has no end of input: nothing now is -EAGAIN. */
	return n ? n : -EAGAIN;
}

/* Both consoles are a serial line or a pty at their far end. */
int km_plat_console_is_terminal(void)
{
	return 1;
}
