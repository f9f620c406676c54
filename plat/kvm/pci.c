/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI configuration space (mechanism 1, ports 0xcf8/0xcfc): a scan from
 * bus 0 that follows PCI-to-PCI bridges, logging each function at debug
 * level and keeping it in a small table (kvm_pci_dev()). Machines without
 * PCI (microvm) read all-ones: no devices. The scan runs at boot at debug
 * log level, otherwise on first use. Drivers of the .km_pci_drivers table
 * (km/plat/pci.h) are matched against it in init class lib.
 */
#include <errno.h>
#include <km/init.h>
#include <km/plat/pci.h>
#include <km/print.h>
#include <x86/cpu.h>
#include "pci.h"

static struct km_pci_dev devs[KVM_PCI_MAX_DEVS];
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
	struct km_pci_dev *d;

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
		d->irq_line = kvm_pci_read32(bus, dev, fn, 0x3c) & 0xff;
		d->irq_pin = (kvm_pci_read32(bus, dev, fn, 0x3c) >> 8) & 0xff;
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

const struct km_pci_dev *kvm_pci_dev(unsigned int i)
{
	scan();
	return i < nr_devs ? &devs[i] : NULL;
}

uint32_t km_pci_config_read32(const struct km_pci_dev *p, unsigned int off)
{
	return kvm_pci_read32(p->bus, p->dev, p->fn, off);
}

uint16_t km_pci_config_read16(const struct km_pci_dev *p, unsigned int off)
{
	return (uint16_t)(kvm_pci_read32(p->bus, p->dev, p->fn, off) >> ((off & 2) * 8));
}

uint8_t km_pci_config_read8(const struct km_pci_dev *p, unsigned int off)
{
	return (uint8_t)(kvm_pci_read32(p->bus, p->dev, p->fn, off) >> ((off & 3) * 8));
}

void km_pci_config_write32(const struct km_pci_dev *p, unsigned int off, uint32_t v)
{
	kvm_pci_write32(p->bus, p->dev, p->fn, off, v);
}

/* Narrow writes as port accesses of their own width at 0xcfc + (off & 3):
 * a read-modify-write of the dword could clear write-1-to-clear bits. */
void km_pci_config_write16(const struct km_pci_dev *p, unsigned int off, uint16_t v)
{
	x86_outl(0xcf8, addr_of(p->bus, p->dev, p->fn, off));
	x86_outw((uint16_t)(0xcfc + (off & 2)), v);
}

void km_pci_config_write8(const struct km_pci_dev *p, unsigned int off, uint8_t v)
{
	x86_outl(0xcf8, addr_of(p->bus, p->dev, p->fn, off));
	x86_outb((uint16_t)(0xcfc + (off & 3)), v);
}

#define PCI_COMMAND	      0x04
#define PCI_COMMAND_MEMORY    0x2
#define PCI_COMMAND_BUSMASTER 0x4

uintptr_t km_pci_bar_mem(const struct km_pci_dev *p, unsigned int bar, uint64_t *size)
{
	unsigned int off = 0x10 + 4 * bar;
	uint32_t lo, hi = 0, mask_lo, mask_hi = 0xffffffffu;
	int is64;

	if (bar > 5)
		return 0;
	lo = km_pci_config_read32(p, off);
	if (lo & 1)
		return 0; /* an I/O BAR */
	is64 = ((lo >> 1) & 3) == 2;
	if (is64 && bar == 5)
		return 0;
	if (is64)
		hi = km_pci_config_read32(p, off + 4);
	/* Size by writing all ones, with decoding off meanwhile. */
	uint16_t cmd = km_pci_config_read16(p, PCI_COMMAND);

	km_pci_config_write16(p, PCI_COMMAND, cmd & (uint16_t)~PCI_COMMAND_MEMORY);
	km_pci_config_write32(p, off, 0xffffffffu);
	mask_lo = km_pci_config_read32(p, off);
	km_pci_config_write32(p, off, lo);
	if (is64) {
		km_pci_config_write32(p, off + 4, 0xffffffffu);
		mask_hi = km_pci_config_read32(p, off + 4);
		km_pci_config_write32(p, off + 4, hi);
	}
	km_pci_config_write16(p, PCI_COMMAND, cmd | PCI_COMMAND_MEMORY);
	uint64_t mask = ((uint64_t)mask_hi << 32) | (mask_lo & ~0xfu);
	uint64_t addr = ((uint64_t)hi << 32) | (lo & ~0xfu);

	if (!mask || !addr || addr >> 32)
		return 0;
	if (size)
		*size = ~mask + 1;
	return (uintptr_t)addr;
}

void km_pci_enable_busmaster(const struct km_pci_dev *p)
{
	uint16_t cmd = km_pci_config_read16(p, PCI_COMMAND);

	km_pci_config_write16(p, PCI_COMMAND, cmd | PCI_COMMAND_BUSMASTER);
}

extern const struct km_pci_driver *const __km_pci_drivers_start[], *const __km_pci_drivers_end[];

static int matches(const struct km_pci_driver *drv, const struct km_pci_dev *d)
{
	return (drv->vendor == KM_PCI_ANY_ID || drv->vendor == d->vendor) &&
	       d->device >= drv->device_min && d->device <= drv->device_max;
}

/* After the allocator (lib class): drivers allocate queues and buffers. */
static int kvm_pci_probe_drivers(void)
{
	if ((const void *)__km_pci_drivers_start == (const void *)__km_pci_drivers_end)
		return 0; /* no driver: not even a scan */
	for (unsigned int i = 0; kvm_pci_dev(i); i++) {
		const struct km_pci_dev *d = kvm_pci_dev(i);

		for (const struct km_pci_driver *const *drv = __km_pci_drivers_start;
		     drv < __km_pci_drivers_end; drv++) {
			if (!matches(*drv, d))
				continue;
			int rc = (*drv)->probe(d);

			if (rc < 0)
				km_pr_err("pci %02x:%02x.%x: %s: error %d\n", d->bus, d->dev, d->fn,
					  (*drv)->name, rc);
			break;
		}
	}
	return 0;
}
KM_INIT_LIB(kvm_pci_probe_drivers, 5);
