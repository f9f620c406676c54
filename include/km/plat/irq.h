/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/plat/irq.h - device interrupts (platform contract, kvm).
 *
 * Two kinds of sources: an interrupt line (a GSI: IOAPIC input on kvm),
 * and message-signalled interrupts (PCI MSI/MSI-X), for which the platform
 * hands out the address/data pair the device writes.
 *
 * Contract:
 * - Handlers run in interrupt context with interrupts disabled; they MUST
 *   be short, MUST NOT block, and for a level-triggered line MUST make the
 *   device drop the line (e.g. read or acknowledge its interrupt status)
 *   before returning: the platform signals end-of-interrupt right after.
 * - Registration is for the image's lifetime (no unregister); a line or
 *   vector is never shared.
 * - km_plat_irq_save()/restore() (km/plat/timer.h) mask these too.
 * - Errors: -EINVAL (no such line, or bad flags), -EBUSY (line taken),
 *   -ENOSPC (no vector left: the platform has 14), -ENODEV (no interrupt
 *   controller for the line).
 *
 * Non-goals: interrupt sharing, affinity (one CPU), priorities.
 */
#ifndef KM_PLAT_IRQ_H
#define KM_PLAT_IRQ_H

#include <stdint.h>

typedef void (*km_irq_handler_t)(void *arg);

#define KM_IRQ_EDGE	  0x0
#define KM_IRQ_LEVEL	  0x1
#define KM_IRQ_ACTIVE_LOW 0x2

/* Route interrupt line @gsi (edge or level, active high unless
 * KM_IRQ_ACTIVE_LOW) to @handler(@arg) and unmask it. */
int km_plat_irq_line_register(unsigned int gsi, unsigned int flags, km_irq_handler_t handler,
			      void *arg);

/* A message-signalled interrupt: the device writes @data to @addr. */
struct km_plat_msi {
	uint64_t addr;
	uint32_t data;
};

/* Reserve a vector for @handler(@arg) and fill *@msi with what the device
 * must write to raise it (edge-triggered, to this CPU). */
int km_plat_irq_msi_alloc(km_irq_handler_t handler, void *arg, struct km_plat_msi *msi);

#endif /* KM_PLAT_IRQ_H */
