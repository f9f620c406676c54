/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-pci, modern interface (virtio 1.1 §4.1): the vendor capabilities
 * locate the common, notify, ISR and device configuration structures in
 * memory BARs. Transitional devices (ids 0x1000-0x103f, QEMU's default on
 * pc) are driven through the same capabilities; their legacy I/O BAR is
 * never touched.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <km/plat/irq.h>
#include <km/plat/pci.h>
#include <km/print.h>
#include <x86/mmio.h>
#include "virtio_impl.h"

#define VIRTIO_PCI_VENDOR 0x1af4

#define PCI_STATUS	   0x06
#define PCI_STATUS_CAPLIST 0x10
#define PCI_CAP_PTR	   0x34
#define PCI_SUBSYSTEM_ID   0x2e
#define PCI_CAP_ID_VNDR	   0x09
#define PCI_CAP_ID_MSIX	   0x11
#define MSIX_CTRL_ENABLE   0x8000
#define MSIX_CTRL_MASKALL  0x4000

#define CAP_COMMON 1
#define CAP_NOTIFY 2
#define CAP_ISR	   3
#define CAP_DEVICE 4

/* struct virtio_pci_common_cfg (§4.1.4.3) */
#define COMMON_DFSELECT	     0x00
#define COMMON_DF	     0x04
#define COMMON_GFSELECT	     0x08
#define COMMON_GF	     0x0c
#define COMMON_MSIX	     0x10
#define COMMON_NUMQ	     0x12
#define COMMON_STATUS	     0x14
#define COMMON_CFGGEN	     0x15
#define COMMON_Q_SELECT	     0x16
#define COMMON_Q_SIZE	     0x18
#define COMMON_Q_MSIX	     0x1a
#define COMMON_Q_ENABLE	     0x1c
#define COMMON_Q_NOFF	     0x1e
#define COMMON_Q_DESCLO	     0x20
#define COMMON_Q_DESCHI	     0x24
#define COMMON_Q_AVAILLO     0x28
#define COMMON_Q_AVAILHI     0x2c
#define COMMON_Q_USEDLO	     0x30
#define COMMON_Q_USEDHI	     0x34
#define VIRTIO_MSI_NO_VECTOR 0xffff

struct vpci {
	struct km_pci_dev pdev;
	uintptr_t common, notify, isr, device;
	size_t device_len;
	uint32_t notify_mult;
	int msix; /* queues signal MSI-X vector 0 */
	struct km_virtio_dev *vdev;
};

static struct vpci *priv(struct km_virtio_dev *vdev)
{
	return vdev->transport_priv;
}

static uint8_t get_status(struct km_virtio_dev *vdev)
{
	return km_mmio_read8(priv(vdev)->common + COMMON_STATUS);
}

static void set_status(struct km_virtio_dev *vdev, uint8_t status)
{
	km_mmio_write8(priv(vdev)->common + COMMON_STATUS, status);
	if (!status) /* reset completes when the status reads back 0 (§4.1.4.3.2) */
		while (km_mmio_read8(priv(vdev)->common + COMMON_STATUS))
			;
}

static uint64_t get_features(struct km_virtio_dev *vdev)
{
	uintptr_t c = priv(vdev)->common;
	uint64_t f;

	km_mmio_write32(c + COMMON_DFSELECT, 0);
	f = km_mmio_read32(c + COMMON_DF);
	km_mmio_write32(c + COMMON_DFSELECT, 1);
	return f | (uint64_t)km_mmio_read32(c + COMMON_DF) << 32;
}

static void set_features(struct km_virtio_dev *vdev, uint64_t f)
{
	uintptr_t c = priv(vdev)->common;

	km_mmio_write32(c + COMMON_GFSELECT, 0);
	km_mmio_write32(c + COMMON_GF, (uint32_t)f);
	km_mmio_write32(c + COMMON_GFSELECT, 1);
	km_mmio_write32(c + COMMON_GF, (uint32_t)(f >> 32));
}

static uint32_t config_generation(struct km_virtio_dev *vdev)
{
	return km_mmio_read8(priv(vdev)->common + COMMON_CFGGEN);
}

static uintptr_t config_addr(struct km_virtio_dev *vdev)
{
	return priv(vdev)->device;
}

static size_t config_size(struct km_virtio_dev *vdev)
{
	return priv(vdev)->device ? priv(vdev)->device_len : 0;
}

static uint16_t queue_max(struct km_virtio_dev *vdev, uint16_t index)
{
	uintptr_t c = priv(vdev)->common;

	if (index >= km_mmio_read16(c + COMMON_NUMQ))
		return 0;
	km_mmio_write16(c + COMMON_Q_SELECT, index);
	return km_mmio_read16(c + COMMON_Q_SIZE);
}

static int queue_enable(struct km_virtio_dev *vdev, struct km_virtq *vq)
{
	struct vpci *p = priv(vdev);
	uintptr_t c = p->common;
	uint64_t desc = (uintptr_t)vq->desc, avail = (uintptr_t)vq->avail,
		 used = (uintptr_t)vq->used;

	km_mmio_write16(c + COMMON_Q_SELECT, vq->index);
	km_mmio_write16(c + COMMON_Q_SIZE, vq->size);
	km_mmio_write16(c + COMMON_Q_MSIX, p->msix ? 0 : VIRTIO_MSI_NO_VECTOR);
	if (p->msix && km_mmio_read16(c + COMMON_Q_MSIX) != 0) {
		/* The device could not map the vector: poll it instead. */
		vdev->polled = 1;
		vq->avail->flags = VIRTQ_AVAIL_F_NO_INTERRUPT;
	}
	km_mmio_write32(c + COMMON_Q_DESCLO, (uint32_t)desc);
	km_mmio_write32(c + COMMON_Q_DESCHI, (uint32_t)(desc >> 32));
	km_mmio_write32(c + COMMON_Q_AVAILLO, (uint32_t)avail);
	km_mmio_write32(c + COMMON_Q_AVAILHI, (uint32_t)(avail >> 32));
	km_mmio_write32(c + COMMON_Q_USEDLO, (uint32_t)used);
	km_mmio_write32(c + COMMON_Q_USEDHI, (uint32_t)(used >> 32));
	vq->notify_addr = p->notify + (uintptr_t)km_mmio_read16(c + COMMON_Q_NOFF) * p->notify_mult;
	vq->notify_width = 16;
	km_mmio_write16(c + COMMON_Q_ENABLE, 1);
	return 0;
}

static const struct km_virtio_transport vpci_transport = {
	.name = "pci",
	.get_status = get_status,
	.set_status = set_status,
	.get_features = get_features,
	.set_features = set_features,
	.config_generation = config_generation,
	.config_addr = config_addr,
	.config_size = config_size,
	.queue_max = queue_max,
	.queue_enable = queue_enable,
};

/* MSI-X vector 0: every queue's used buffers (no ISR read needed). */
static void vpci_interrupt(void *arg)
{
	struct vpci *p = arg;

	if (p->vdev)
		virtio_dev_interrupt(p->vdev);
}

/* Point MSI-X table entry 0 at a vector of ours and enable MSI-X; 0, or
 * -errno (the device is then polled). */
static int setup_msix(struct vpci *p)
{
	const struct km_pci_dev *d = &p->pdev;
	unsigned int guard = 0;

	for (unsigned int cap = km_pci_config_read8(d, PCI_CAP_PTR) & 0xfc; cap && guard < 48;
	     cap = km_pci_config_read8(d, cap + 1) & 0xfc, guard++) {
		if (km_pci_config_read8(d, cap) != PCI_CAP_ID_MSIX)
			continue;
		uint32_t table = km_pci_config_read32(d, cap + 4);
		uint64_t bar_size = 0;
		uintptr_t base = km_pci_bar_mem(d, table & 7, &bar_size);
		struct km_plat_msi msi;
		uint16_t ctrl;
		int rc;

		if (!base || (table & ~7u) + 16 > bar_size)
			return -ENODEV;
		rc = km_plat_irq_msi_alloc(vpci_interrupt, p, &msi);
		if (rc < 0)
			return rc;
		base += table & ~7u;
		km_mmio_write32(base + 0, (uint32_t)msi.addr);
		km_mmio_write32(base + 4, (uint32_t)(msi.addr >> 32));
		km_mmio_write32(base + 8, msi.data);
		km_mmio_write32(base + 12, 0); /* unmasked */
		ctrl = km_pci_config_read16(d, cap + 2);
		km_pci_config_write16(d, cap + 2,
				      (uint16_t)((ctrl | MSIX_CTRL_ENABLE) & ~MSIX_CTRL_MASKALL));
		p->msix = 1;
		km_mmio_write16(p->common + COMMON_MSIX, VIRTIO_MSI_NO_VECTOR);
		return 0;
	}
	return -ENODEV;
}

/* Transitional device ids (§4.1.2.3) name the type in the subsystem id. */
static uint16_t device_type(const struct km_pci_dev *d)
{
	if (d->device >= 0x1040)
		return (uint16_t)(d->device - 0x1040);
	return km_pci_config_read16(d, PCI_SUBSYSTEM_ID);
}

/* Walk the capability list for the four structures we use. */
static int find_caps(struct vpci *p)
{
	const struct km_pci_dev *d = &p->pdev;
	unsigned int guard = 0;

	if (!(km_pci_config_read16(d, PCI_STATUS) & PCI_STATUS_CAPLIST))
		return -ENODEV;
	for (unsigned int cap = km_pci_config_read8(d, PCI_CAP_PTR) & 0xfc; cap && guard < 48;
	     cap = km_pci_config_read8(d, cap + 1) & 0xfc, guard++) {
		if (km_pci_config_read8(d, cap) != PCI_CAP_ID_VNDR)
			continue;
		uint8_t type = km_pci_config_read8(d, cap + 3);
		uint8_t bar = km_pci_config_read8(d, cap + 4);
		uint32_t off = km_pci_config_read32(d, cap + 8);
		uint32_t len = km_pci_config_read32(d, cap + 12);
		uint64_t bar_size = 0;
		uintptr_t base;

		if (type < CAP_COMMON || type > CAP_DEVICE || bar > 5)
			continue;
		base = km_pci_bar_mem(d, bar, &bar_size);
		if (!base || off > bar_size || len > bar_size - off)
			continue; /* I/O or unmapped BAR: not for us */
		switch (type) {
		case CAP_COMMON:
			if (!p->common && len >= 0x38)
				p->common = base + off;
			break;
		case CAP_NOTIFY:
			if (!p->notify) {
				p->notify = base + off;
				p->notify_mult = km_pci_config_read32(d, cap + 16);
			}
			break;
		case CAP_ISR:
			if (!p->isr)
				p->isr = base + off;
			break;
		case CAP_DEVICE:
			if (!p->device) {
				p->device = base + off;
				p->device_len = len;
			}
			break;
		}
	}
	return p->common && p->notify ? 0 : -ENODEV;
}

static int vpci_probe(const struct km_pci_dev *d)
{
	struct vpci *p = calloc(1, sizeof(*p));
	char name[32];
	int rc;

	if (!p)
		return -ENOMEM;
	p->pdev = *d;
	snprintf(name, sizeof(name), "pci %02x:%02x.%x", d->bus, d->dev, d->fn);
	if (!virtio_has_driver(device_type(d))) {
		km_pr_info("%s: virtio device type %u, no driver\n", name, device_type(d));
		free(p);
		return 0;
	}
	rc = find_caps(p);
	if (rc < 0) {
		km_pr_err("%s: virtio device without the modern capabilities (a legacy-only "
			  "device, e.g. QEMU's disable-modern=on); not used\n",
			  name);
		free(p);
		return rc;
	}
	km_pci_enable_busmaster(d);
	if (!virtio_poll_forced())
		setup_msix(p); /* without it: polled */
	rc = virtio_dev_found(&vpci_transport, p, device_type(d), name, p->msix, &p->vdev);
	if (rc == -ENODEV)
		rc = 0; /* no driver for it is not an error */
	return rc;
}

static const struct km_pci_driver vpci_driver = {
	.name = "virtio-pci",
	.vendor = VIRTIO_PCI_VENDOR,
	.device_min = 0x1000,
	.device_max = 0x107f,
	.probe = vpci_probe,
};
KM_PCI_DRIVER(vpci_driver);
