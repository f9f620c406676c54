/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-mmio, version 2 (virtio 1.1 §4.2). Devices come from the boot
 * parameter virtio_mmio.device=<size>@<base>[:<irq>] (Linux's form, one
 * per device), else from the windows the platform knows (microvm).
 * Version 1 (legacy) transports are refused with the QEMU option that
 * turns them modern: QEMU 7.2's virtio-mmio is legacy unless
 * -global virtio-mmio.force-legacy=false (run-kvm passes it).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <km/init.h>
#include <km/param.h>
#include <km/plat/irq.h>
#include <km/plat/mmiodev.h>
#include <km/print.h>
#include <x86/mmio.h>
#include "virtio_impl.h"

#define MMIO_MAGIC	      0x000
#define MMIO_VERSION	      0x004
#define MMIO_DEVICE_ID	      0x008
#define MMIO_DEVICE_FEATURES  0x010
#define MMIO_DEVICE_FEATSEL   0x014
#define MMIO_DRIVER_FEATURES  0x020
#define MMIO_DRIVER_FEATSEL   0x024
#define MMIO_QUEUE_SEL	      0x030
#define MMIO_QUEUE_NUM_MAX    0x034
#define MMIO_QUEUE_NUM	      0x038
#define MMIO_QUEUE_READY      0x044
#define MMIO_QUEUE_NOTIFY     0x050
#define MMIO_INTERRUPT_STATUS 0x060
#define MMIO_INTERRUPT_ACK    0x064
#define MMIO_STATUS	      0x070
#define MMIO_QUEUE_DESC_LO    0x080
#define MMIO_QUEUE_DESC_HI    0x084
#define MMIO_QUEUE_AVAIL_LO   0x090
#define MMIO_QUEUE_AVAIL_HI   0x094
#define MMIO_QUEUE_USED_LO    0x0a0
#define MMIO_QUEUE_USED_HI    0x0a4
#define MMIO_CONFIG_GEN	      0x0fc
#define MMIO_CONFIG	      0x100
#define MMIO_MAGIC_VALUE      0x74726976 /* "virt" */

#define MAX_PARAM_DEVICES 16

struct vmmio {
	uintptr_t base;
	size_t size;
	int irq;
	struct km_virtio_dev *vdev;
};

static uintptr_t base_of(struct km_virtio_dev *vdev)
{
	return ((struct vmmio *)vdev->transport_priv)->base;
}

static uint8_t get_status(struct km_virtio_dev *vdev)
{
	return (uint8_t)km_mmio_read32(base_of(vdev) + MMIO_STATUS);
}

static void set_status(struct km_virtio_dev *vdev, uint8_t status)
{
	km_mmio_write32(base_of(vdev) + MMIO_STATUS, status);
	if (!status)
		while (km_mmio_read32(base_of(vdev) + MMIO_STATUS))
			;
}

static uint64_t get_features(struct km_virtio_dev *vdev)
{
	uintptr_t b = base_of(vdev);
	uint64_t f;

	km_mmio_write32(b + MMIO_DEVICE_FEATSEL, 0);
	f = km_mmio_read32(b + MMIO_DEVICE_FEATURES);
	km_mmio_write32(b + MMIO_DEVICE_FEATSEL, 1);
	return f | (uint64_t)km_mmio_read32(b + MMIO_DEVICE_FEATURES) << 32;
}

static void set_features(struct km_virtio_dev *vdev, uint64_t f)
{
	uintptr_t b = base_of(vdev);

	km_mmio_write32(b + MMIO_DRIVER_FEATSEL, 0);
	km_mmio_write32(b + MMIO_DRIVER_FEATURES, (uint32_t)f);
	km_mmio_write32(b + MMIO_DRIVER_FEATSEL, 1);
	km_mmio_write32(b + MMIO_DRIVER_FEATURES, (uint32_t)(f >> 32));
}

static uint32_t config_generation(struct km_virtio_dev *vdev)
{
	return km_mmio_read32(base_of(vdev) + MMIO_CONFIG_GEN);
}

static uintptr_t config_addr(struct km_virtio_dev *vdev)
{
	return base_of(vdev) + MMIO_CONFIG;
}

static size_t config_size(struct km_virtio_dev *vdev)
{
	size_t size = ((struct vmmio *)vdev->transport_priv)->size;

	return size > MMIO_CONFIG ? size - MMIO_CONFIG : 0;
}

static uint16_t queue_max(struct km_virtio_dev *vdev, uint16_t index)
{
	uintptr_t b = base_of(vdev);
	uint32_t max;

	km_mmio_write32(b + MMIO_QUEUE_SEL, index);
	if (km_mmio_read32(b + MMIO_QUEUE_READY))
		return 0;
	max = km_mmio_read32(b + MMIO_QUEUE_NUM_MAX);
	return max > 32768 ? 32768 : (uint16_t)max;
}

static int queue_enable(struct km_virtio_dev *vdev, struct km_virtq *vq)
{
	uintptr_t b = base_of(vdev);
	uint64_t desc = (uintptr_t)vq->desc, avail = (uintptr_t)vq->avail,
		 used = (uintptr_t)vq->used;

	km_mmio_write32(b + MMIO_QUEUE_SEL, vq->index);
	km_mmio_write32(b + MMIO_QUEUE_NUM, vq->size);
	km_mmio_write32(b + MMIO_QUEUE_DESC_LO, (uint32_t)desc);
	km_mmio_write32(b + MMIO_QUEUE_DESC_HI, (uint32_t)(desc >> 32));
	km_mmio_write32(b + MMIO_QUEUE_AVAIL_LO, (uint32_t)avail);
	km_mmio_write32(b + MMIO_QUEUE_AVAIL_HI, (uint32_t)(avail >> 32));
	km_mmio_write32(b + MMIO_QUEUE_USED_LO, (uint32_t)used);
	km_mmio_write32(b + MMIO_QUEUE_USED_HI, (uint32_t)(used >> 32));
	km_mmio_write32(b + MMIO_QUEUE_READY, 1);
	vq->notify_addr = b + MMIO_QUEUE_NOTIFY;
	vq->notify_width = 32;
	return 0;
}

/* The line is level-triggered: acknowledge before the EOI lowers it. */
static void vmmio_interrupt(void *arg)
{
	struct vmmio *p = arg;
	uint32_t status = km_mmio_read32(p->base + MMIO_INTERRUPT_STATUS);

	km_mmio_write32(p->base + MMIO_INTERRUPT_ACK, status);
	if (p->vdev && (status & 1))
		virtio_dev_interrupt(p->vdev);
}

static const struct km_virtio_transport vmmio_transport = {
	.name = "mmio",
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

/* virtio_mmio.device=<size>@<base>[:<irq>]: each occurrence adds one. */
struct mmio_param_list {
	unsigned int n;
	struct km_plat_mmio_window w[MAX_PARAM_DEVICES];
};
static struct mmio_param_list param_devices;

static int parse_number(const char **s, unsigned long long *v)
{
	char *end;

	*v = strtoull(*s, &end, 0);
	if (end == *s)
		return -EINVAL;
	*s = end;
	return 0;
}

static int parse_device(const char *text, void *var)
{
	struct mmio_param_list *l = var;
	unsigned long long size, base, irq = 0;
	const char *s = text;
	int has_irq = 0;

	if (l->n >= MAX_PARAM_DEVICES)
		return -ERANGE;
	if (parse_number(&s, &size) < 0)
		return -EINVAL;
	if (*s == 'K' || *s == 'k')
		size <<= 10, s++;
	if (*s++ != '@' || parse_number(&s, &base) < 0)
		return -EINVAL;
	if (*s == ':') {
		s++;
		has_irq = 1;
		if (parse_number(&s, &irq) < 0)
			return -EINVAL;
	}
	if (*s || size < MMIO_CONFIG || size > 0x100000 || base % 4096 || base >> 32 || irq > 255)
		return -EINVAL;
	l->w[l->n].base = (uintptr_t)base;
	l->w[l->n].size = (size_t)size;
	l->w[l->n].irq = has_irq ? (int)irq : -1;
	l->n++;
	return 0;
}

static int format_devices(char *buf, size_t len, const void *var)
{
	const struct mmio_param_list *l = var;
	int n = snprintf(buf, len, "%u device(s)", l->n);

	for (unsigned int i = 0; i < l->n && n >= 0 && (size_t)n < len; i++)
		n += snprintf(buf + n, len - (size_t)n, " %zu@0x%lx", l->w[i].size,
			      (unsigned long)l->w[i].base);
	return n;
}

KM_PARAM_TYPE(virtio_mmio_device, parse_device, format_devices);
KM_PARAM(virtio_mmio, device, virtio_mmio_device, param_devices,
	 "<size>@<base>[:<irq>]: a virtio-mmio device (repeat for more)");

static void probe_window(const struct km_plat_mmio_window *w, int quiet)
{
	struct vmmio *p;
	uint32_t version, id;
	char name[32];

	snprintf(name, sizeof(name), "mmio 0x%lx", (unsigned long)w->base);
	if (km_mmio_read32(w->base + MMIO_MAGIC) != MMIO_MAGIC_VALUE) {
		if (!quiet)
			km_pr_err("%s: no virtio-mmio device (bad magic value)\n", name);
		return;
	}
	id = km_mmio_read32(w->base + MMIO_DEVICE_ID);
	if (!id)
		return; /* an empty transport */
	version = km_mmio_read32(w->base + MMIO_VERSION);
	if (version != 2) {
		km_pr_err("%s: virtio-mmio version %u, not 2 (QEMU: add -global "
			  "virtio-mmio.force-legacy=false); device type %u not used\n",
			  name, version, id);
		return;
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		return;
	p->base = w->base;
	p->size = w->size;
	p->irq = w->irq;
	if (!virtio_has_driver((uint16_t)id)) {
		km_pr_info("%s: virtio device type %u, no driver\n", name, id);
		free(p);
		return;
	}
	int can_interrupt = p->irq >= 0 && !virtio_poll_forced() &&
			    km_plat_irq_line_register((unsigned int)p->irq, KM_IRQ_LEVEL,
						      vmmio_interrupt, p) == 0;

	virtio_dev_found(&vmmio_transport, p, (uint16_t)id, name, can_interrupt, &p->vdev);
}

static int virtio_mmio_probe(void)
{
	struct km_plat_mmio_window w[32];
	unsigned int n;

	if (param_devices.n) {
		for (unsigned int i = 0; i < param_devices.n; i++)
			probe_window(&param_devices.w[i], 0);
		return 0;
	}
	n = km_plat_virtio_mmio_windows(w, 32);
	for (unsigned int i = 0; i < n; i++)
		probe_window(&w[i], 1);
	return 0;
}
KM_INIT_LIB(virtio_mmio_probe, 5);
