/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI configuration space (mechanism 1, ports 0xcf8/0xcfc): a scan from
 * bus 0 that follows PCI-to-PCI bridges, logging each function at debug
 * level and keeping it in a small table for the drivers that come later
 * (kvm_pci_dev()). Machines without PCI (microvm) read all-ones: no devices.
 * The scan runs at boot at debug log level, otherwise on first use.
 */
#include <km/init.h>
#include <km/print.h>
#include <x86/cpu.h>
#include "pci.h"

static struct kvm_pci_dev devs[KVM_PCI_MAX_DEVS];
static unsigned int nr_devs;

static uint32_t addr_of(unsigned int bus, unsigned int dev, unsigned int fn, unsigned int off)
{
	return 0x80000000u | (bus << 16) | (dev << 11) | (fn << 8) | (off & 0xfc);
}

uint32_t kvm_pci_read32(unsigned int bus, unsigned int dev, unsigned int fn, unsigned int off)
{
	x86_outl(0xcf8, addr_of(bus, dev, fn, off));
	return x86_inl(0xcfc);
}

void kvm_pci_write32(unsigned int bus, unsigned int dev, unsigned int fn, unsigned int off,
		     uint32_t v)
{
	x86_outl(0xcf8, addr_of(bus, dev, fn, off));
	x86_outl(0xcfc, v);
}

static const char *class_name(uint8_t cls, uint8_t sub)
{
	switch (cls) {
	case 0x01:
		return "storage";
	case 0x02:
		return "network";
	case 0x03:
		return "display";
	case 0x06:
		return sub == 0x00   ? "host bridge"
		       : sub == 0x01 ? "ISA bridge"
		       : sub == 0x04 ? "PCI bridge"
				     : "bridge";
	case 0x07:
		return "communication";
	case 0x08:
		return "system";
	case 0x0c:
		return "serial bus";
	default:
		return "other";
	}
}

static void scan_bus(unsigned int bus, unsigned int depth);

static void scan_fn(unsigned int bus, unsigned int dev, unsigned int fn, unsigned int depth)
{
	uint32_t id = kvm_pci_read32(bus, dev, fn, 0x00);
	uint32_t cls = kvm_pci_read32(bus, dev, fn, 0x08);
	struct kvm_pci_dev *d;

	if ((id & 0xffff) == 0xffff)
		return;
	km_pr_debug("pci %02x:%02x.%x %04x:%04x class %02x.%02x.%02x (%s)\n", bus, dev, fn,
		    id & 0xffff, id >> 16, cls >> 24, (cls >> 16) & 0xff, (cls >> 8) & 0xff,
		    class_name(cls >> 24, (cls >> 16) & 0xff));
	if (nr_devs < KVM_PCI_MAX_DEVS) {
		d = &devs[nr_devs++];
		d->bus = (uint8_t)bus;
		d->dev = (uint8_t)dev;
		d->fn = (uint8_t)fn;
		d->vendor = (uint16_t)id;
		d->device = (uint16_t)(id >> 16);
		d->class_code = cls >> 8;
	}
	if ((cls >> 16) == 0x0604 && depth < 8) { /* PCI-to-PCI bridge */
		unsigned int secondary = (kvm_pci_read32(bus, dev, fn, 0x18) >> 8) & 0xff;

		if (secondary > bus)
			scan_bus(secondary, depth + 1);
	}
}

static void scan_bus(unsigned int bus, unsigned int depth)
{
	for (unsigned int dev = 0; dev < 32; dev++) {
		uint32_t id = kvm_pci_read32(bus, dev, 0, 0x00);

		if ((id & 0xffff) == 0xffff)
			continue;
		unsigned int multi = (kvm_pci_read32(bus, dev, 0, 0x0c) >> 16) & 0x80;

		for (unsigned int fn = 0; fn < (multi ? 8u : 1u); fn++)
			scan_fn(bus, dev, fn, depth);
	}
}

static int scanned;

static void scan(void)
{
	if (scanned)
		return;
	scanned = 1;
	/* No host bridge at 00:00.0 (microvm): no PCI, and no 32 probes. */
	if ((kvm_pci_read32(0, 0, 0, 0x00) & 0xffff) == 0xffff)
		return;
	scan_bus(0, 0);
}

/* Every probe is port I/O, microseconds each under software emulation: at
 * boot the scan runs only when its log is wanted (debug level), otherwise
 * on the first kvm_pci_dev() call. */
static int kvm_pci_scan(void)
{
	if (KM_LOG_DEBUG > km_print_level)
		return 0;
	scan();
	km_pr_debug("pci: %u function(s)\n", nr_devs);
	return 0;
}
KM_INIT_PLAT(kvm_pci_scan, 5);

const struct kvm_pci_dev *kvm_pci_dev(unsigned int i)
{
	scan();
	return i < nr_devs ? &devs[i] : NULL;
}
