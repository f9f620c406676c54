/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/plat/lifecycle.h - stopping the image (part of the platform contract).
 *
 * km_plat_terminate() MUST carry @status out of the image so that whoever
 * started it sees it: linuxu as the process exit status, kvm through QEMU's
 * exit device (see doc/boot.md for the mapping), xen through the shutdown
 * hypercall. It MUST NOT return and MUST work at any point after the
 * platform entry, including from an exception handler.
 *
 * km_plat_halt_until() idles the CPU until @deadline (monotonic ns) or the
 * next interrupt/event, whichever comes first; it MAY return early.
 */
#ifndef KM_PLAT_LIFECYCLE_H
#define KM_PLAT_LIFECYCLE_H

#include <km/essentials.h>
#include <km/plat/time.h>

void km_plat_terminate(int status) __km_noreturn;
void km_plat_halt_until(km_nsec_t deadline);

#endif /* KM_PLAT_LIFECYCLE_H */
