/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fixed virtio-mmio windows (km/plat/mmiodev.h). QEMU's microvm has no PCI
 * and puts 24 virtio-mmio transports at 0xfeb00000, 512 bytes apart. It
 * names the populated ones on the command line (virtio_mmio.device=) only
 * when it boots a kernel through PVH, not through multiboot, so the
 * platform offers every window of the machine that has them and the
 * transport keeps those whose device id is not 0. Transport n raises GSI
 * 24 + n, level-triggered.
 */
#include <km/plat/mmiodev.h>
#include "pci.h"

#define MICROVM_VIRTIO_BASE	  0xfeb00000UL
#define MICROVM_VIRTIO_SIZE	  512
#define MICROVM_VIRTIO_TRANSPORTS 24
/* on its second IOAPIC (ioapic2=on, QEMU's default with ACPI) */
#define MICROVM_VIRTIO_GSI 24

unsigned int km_plat_virtio_mmio_windows(struct km_plat_mmio_window *out, unsigned int max)
{
	unsigned int n = 0;

	/* A host bridge at 00:00.0 means pc or q35: virtio is on PCI there. */
	if ((kvm_pci_read32(0, 0, 0, 0x00) & 0xffff) != 0xffff)
		return 0;
	for (unsigned int i = 0; i < MICROVM_VIRTIO_TRANSPORTS && n < max; i++, n++) {
		out[n].base = MICROVM_VIRTIO_BASE + i * MICROVM_VIRTIO_SIZE;
		out[n].size = MICROVM_VIRTIO_SIZE;
		out[n].irq = MICROVM_VIRTIO_GSI + (int)i;
	}
	return n;
}
