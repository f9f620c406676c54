/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/plat/pci.h - the PCI bus, for platforms that have one (kvm).
 *
 * A PCI device driver puts itself in a linker table with KM_PCI_DRIVER();
 * the platform enumerates the bus (configuration mechanism 1, following
 * bridges) and, in init class lib priority 5, calls each driver's probe
 * once for every function whose vendor and device id it matches, in bus
 * order. A probe that fails is logged with the error; the boot goes on.
 *
 * Contract:
 * - Configuration space offsets are bytes, 0..255; 32-bit accesses MUST be
 *   4-byte aligned, 16-bit ones 2-byte aligned. Reads of an absent
 *   function return all ones.
 * - BAR addresses come from the firmware (SeaBIOS on pc and q35); memory
 *   BARs below 4 GiB are in the platform's uncached device mapping and
 *   MUST be accessed with x86/mmio.h, I/O BARs with x86/cpu.h's port I/O.
 * - Everything here runs in thread context; nothing is locked (boot is
 *   single-threaded, and drivers own their functions).
 *
 * Non-goals: PCIe extended configuration space (ECAM), hot-plug, BAR
 * reassignment, 64-bit BARs above 4 GiB.
 */
#ifndef KM_PLAT_PCI_H
#define KM_PLAT_PCI_H

#include <stdint.h>

#define KM_PCI_ANY_ID 0xffff

struct km_pci_dev {
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint32_t class_code; /* class << 16 | subclass << 8 | prog-if */
	uint8_t irq_line;    /* configuration register 0x3c, from the firmware */
	uint8_t irq_pin;     /* 0: none, 1..4: INTA..INTD */
};

struct km_pci_driver {
	const char *name;
	uint16_t vendor;			     /* KM_PCI_ANY_ID matches every vendor */
	uint16_t device_min, device_max;	     /* inclusive device id range */
	int (*probe)(const struct km_pci_dev *pdev); /* 0, or -errno (logged) */
};

/* Put @drv (a static const struct km_pci_driver) in the driver table. */
#define KM_PCI_DRIVER(drv)                                                                         \
	static const struct km_pci_driver *const __km_pci_drv_##drv                                \
		__attribute__((used, section(".km_pci_drivers"), aligned(sizeof(void *)))) =       \
			&(drv)

uint32_t km_pci_config_read32(const struct km_pci_dev *pdev, unsigned int off);
uint16_t km_pci_config_read16(const struct km_pci_dev *pdev, unsigned int off);
uint8_t km_pci_config_read8(const struct km_pci_dev *pdev, unsigned int off);
void km_pci_config_write32(const struct km_pci_dev *pdev, unsigned int off, uint32_t v);
void km_pci_config_write16(const struct km_pci_dev *pdev, unsigned int off, uint16_t v);
void km_pci_config_write8(const struct km_pci_dev *pdev, unsigned int off, uint8_t v);

/*
 * The address of memory BAR @bar (0..5) with its size in *@size (bytes),
 * after enabling memory decoding in the command register; 0 when the BAR
 * is absent, an I/O BAR, or above 4 GiB.
 */
uintptr_t km_pci_bar_mem(const struct km_pci_dev *pdev, unsigned int bar, uint64_t *size);

/* Enable bus mastering (DMA) for @pdev. */
void km_pci_enable_busmaster(const struct km_pci_dev *pdev);

#endif /* KM_PLAT_PCI_H */
