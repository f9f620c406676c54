/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internal interfaces of the xen platform (not part of the contract). The
 * image is a PVH guest: entry32.S and the rest of libkvmboot (plat/kvm)
 * bring it to 64-bit mode and call kvm_start(), defined in setup.c:
 * hypercall page -> start_info -> page tables -> shared info -> event
 * channels -> console -> km_boot().
 */
#ifndef XEN_H
#define XEN_H

#include <errno.h>
#include <stdint.h>
#include <km/essentials.h>
#include <km/plat/time.h>
#include <xen/xen.h>
#include <xen/event_channel.h>

/* hypercall.S: a hypercall by number, up to five arguments; Xen's
 * result (>= 0, or a negative Xen errno, the same numbers as Linux's). */
long xen_hypercall(unsigned int nr, unsigned long a1, unsigned long a2, unsigned long a3,
		   unsigned long a4, unsigned long a5);
#define XEN_HC(nr, a1, a2) xen_hypercall(nr, (unsigned long)(a1), (unsigned long)(a2), 0, 0, 0)
#define XEN_HC3(nr, a1, a2, a3)                                                                    \
	xen_hypercall(nr, (unsigned long)(a1), (unsigned long)(a2), (unsigned long)(a3), 0, 0)

/* setup.c */
extern struct shared_info *xen_shared_info;
extern int xen_is_initial_domain; /* start_info's SIF_INITDOMAIN */
int xen_hvm_get_param(uint32_t index, uint64_t *value);

/* time.c: pvclock in the shared info page */
void xen_time_init(void);
uint64_t xen_system_time_ns(void);		     /* Xen's system time (the timers' clock) */
uint64_t xen_deadline_to_system(km_nsec_t deadline); /* monotonic -> system time */
uint64_t xen_tsc_to_ns(uint64_t delta);		     /* a TSC interval in ns */

/* events.c */
typedef void (*xen_evtchn_handler_t)(evtchn_port_t port, void *arg);
int xen_evtchn_bind(evtchn_port_t port, xen_evtchn_handler_t h, void *arg); /* and unmask */
void xen_evtchn_notify(evtchn_port_t port);

/* console.c */
void xen_console_init(void); /* the domU ring, once HVM params can be read */

/* gnttab.c, xenstore.c: the domU's own grant table and xenstore client */
int xen_gnttab_init(void);
int xen_xenstore_init(void);
/* Reads path (relative to /local/domain/<id>/ unless absolute) into buf,
 * NUL-terminated: the value's length, or -errno (-ENOENT, -E2BIG if it
 * does not fit, -ENODEV without a xenstore). */
long xen_xenstore_read(const char *path, char *buf, size_t len);
/* Writes value to path: 0 or -errno. */
int xen_xenstore_write(const char *path, const char *value);
/* Grants domain domid access to the frame holding the page at addr (an
 * identity-mapped address): the reference, or -errno. */
int xen_grant_access(domid_t domid, const void *page, int ro);
int xen_grant_end(int ref);

/* libkvmboot's callbacks (plat/kvm/kvm.h) are defined in setup.c */

#endif /* XEN_H */
