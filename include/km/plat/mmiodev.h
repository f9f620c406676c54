/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/plat/mmiodev.h - memory-mapped devices at fixed addresses that the
 * platform knows of without a bus to enumerate (kvm on QEMU microvm).
 *
 * km_plat_virtio_mmio_windows() fills @out with at most @max candidate
 * virtio-mmio transport windows and returns how many (0 when the machine
 * has none, e.g. pc and q35, which put virtio on PCI). A window MAY be
 * empty (its device id reads 0): the caller checks. Each window lies in
 * the platform's uncached device mapping (access with x86/mmio.h).
 * @irq is the interrupt line (a GSI) or -1 when unknown.
 */
#ifndef KM_PLAT_MMIODEV_H
#define KM_PLAT_MMIODEV_H

#include <stddef.h>
#include <stdint.h>

struct km_plat_mmio_window {
	uintptr_t base;
	size_t size; /* bytes */
	int irq;
};

unsigned int km_plat_virtio_mmio_windows(struct km_plat_mmio_window *out, unsigned int max);

#endif /* KM_PLAT_MMIODEV_H */
