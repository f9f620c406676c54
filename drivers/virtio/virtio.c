/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The virtio core: the device status sequence of virtio 1.1 §3.1.1 around
 * a driver's probe, feature negotiation and configuration space access,
 * whatever the transport.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/param.h>
#include <km/print.h>
#include <x86/mmio.h>
#include "virtio_impl.h"

/* A device is polled even when its transport could interrupt. */
static int force_poll;
KM_PARAM(virtio, poll, bool, force_poll, "poll every virtio device instead of using interrupts");

int virtio_poll_forced(void)
{
	return force_poll;
}

extern const struct km_virtio_driver *const __km_virtio_drivers_start[],
	*const __km_virtio_drivers_end[];

struct virtio_dev_impl {
	struct km_virtio_dev vdev;
	struct km_virtq *queues;
	char name[32];
};

static unsigned int count_of_type[64];

static const struct km_virtio_driver *driver_for(uint16_t device_id)
{
	for (const struct km_virtio_driver *const *d = __km_virtio_drivers_start;
	     d < __km_virtio_drivers_end; d++)
		if ((*d)->device_id == device_id)
			return *d;
	return NULL;
}

int virtio_has_driver(uint16_t device_id)
{
	return driver_for(device_id) != NULL;
}

static void add_status(struct km_virtio_dev *vdev, uint8_t bits)
{
	vdev->transport->set_status(vdev, vdev->transport->get_status(vdev) | bits);
}

int virtio_dev_found(const struct km_virtio_transport *t, void *priv, uint16_t device_id,
		     const char *name, int can_interrupt, struct km_virtio_dev **slot)
{
	const struct km_virtio_driver *drv = driver_for(device_id);
	struct virtio_dev_impl *impl;
	struct km_virtio_dev *vdev;
	uint64_t offered, wanted;
	int rc;

	if (!drv) {
		km_pr_info("%s: virtio device type %u, no driver\n", name, device_id);
		return -ENODEV;
	}
	impl = calloc(1, sizeof(*impl));
	if (!impl)
		return -ENOMEM;
	vdev = &impl->vdev;
	strncpy(impl->name, name, sizeof(impl->name) - 1);
	vdev->name = impl->name;
	vdev->device_id = device_id;
	vdev->transport = t;
	vdev->transport_priv = priv;
	vdev->polled = !can_interrupt || force_poll;
	vdev->index = count_of_type[device_id & 63];

	t->set_status(vdev, 0); /* reset; the transport waits for it to read back 0 */
	add_status(vdev, KM_VIRTIO_STATUS_ACKNOWLEDGE);
	add_status(vdev, KM_VIRTIO_STATUS_DRIVER);
	offered = t->get_features(vdev);
	if (!(offered & KM_VIRTIO_BIT(KM_VIRTIO_F_VERSION_1))) {
		km_pr_err("%s: %s: the device does not offer VIRTIO_F_VERSION_1 (a legacy-only "
			  "device); not used\n",
			  name, drv->name);
		rc = -ENOTSUP;
		goto failed;
	}
	wanted = (drv->features | KM_VIRTIO_BIT(KM_VIRTIO_F_VERSION_1)) &
		 ~(KM_VIRTIO_BIT(KM_VIRTIO_F_RING_PACKED) |
		   KM_VIRTIO_BIT(KM_VIRTIO_F_INDIRECT_DESC) | KM_VIRTIO_BIT(KM_VIRTIO_F_EVENT_IDX));
	vdev->features = offered & wanted;
	t->set_features(vdev, vdev->features);
	add_status(vdev, KM_VIRTIO_STATUS_FEATURES_OK);
	if (!(t->get_status(vdev) & KM_VIRTIO_STATUS_FEATURES_OK)) {
		km_pr_err("%s: %s: the device refused features 0x%llx\n", name, drv->name,
			  (unsigned long long)vdev->features);
		rc = -ENOTSUP;
		goto failed;
	}
	*slot = vdev;
	rc = drv->probe(vdev);
	if (rc < 0) {
		km_pr_err("%s: %s: probe failed: error %d\n", name, drv->name, rc);
		goto failed;
	}
	add_status(vdev, KM_VIRTIO_STATUS_DRIVER_OK);
	count_of_type[device_id & 63]++;
	km_pr_info("%s: %s, features 0x%llx, %s\n", name, drv->name,
		   (unsigned long long)vdev->features, vdev->polled ? "polled" : "interrupts");
	return 0;
failed:
	add_status(vdev, KM_VIRTIO_STATUS_FAILED);
	/* The queues' memory stays: the device may still hold their addresses
	 * until a reset, and a failed device is never reset again. */
	return rc;
}

/* The widest naturally aligned access at @off that @left bytes allow:
 * devices define their fields' access widths (§4.1.3.1, §4.2.2.2). */
static unsigned int access_width(unsigned int off, size_t left)
{
	if (off % 4 == 0 && left >= 4)
		return 4;
	if (off % 2 == 0 && left >= 2)
		return 2;
	return 1;
}

int km_virtio_config_read(struct km_virtio_dev *vdev, unsigned int off, void *buf, size_t len)
{
	const struct km_virtio_transport *t = vdev->transport;
	uint8_t *out = buf;
	uint32_t gen;

	if (off > t->config_size(vdev) || len > t->config_size(vdev) - off)
		return -EINVAL;
	do {
		gen = t->config_generation(vdev);
		for (size_t i = 0; i < len;) {
			unsigned int w = access_width(off + (unsigned int)i, len - i);
			uintptr_t a = t->config_addr(vdev) + off + i;
			uint32_t v = w == 4   ? km_mmio_read32(a)
				     : w == 2 ? km_mmio_read16(a)
					      : km_mmio_read8(a);

			memcpy(out + i, &v, w); /* little-endian both sides */
			i += w;
		}
	} while (len > 4 && t->config_generation(vdev) != gen);
	return 0;
}

int km_virtio_config_write(struct km_virtio_dev *vdev, unsigned int off, const void *buf,
			   size_t len)
{
	const struct km_virtio_transport *t = vdev->transport;
	const uint8_t *in = buf;

	if (off > t->config_size(vdev) || len > t->config_size(vdev) - off)
		return -EINVAL;
	for (size_t i = 0; i < len;) {
		unsigned int w = access_width(off + (unsigned int)i, len - i);
		uint32_t v = 0;

		uintptr_t a = t->config_addr(vdev) + off + i;

		memcpy(&v, in + i, w);
		if (w == 4)
			km_mmio_write32(a, v);
		else if (w == 2)
			km_mmio_write16(a, (uint16_t)v);
		else
			km_mmio_write8(a, (uint8_t)v);
		i += w;
	}
	return 0;
}

struct km_virtq *virtio_dev_queues(struct km_virtio_dev *vdev)
{
	return ((struct virtio_dev_impl *)vdev)->queues;
}

void virtio_dev_add_queue(struct km_virtio_dev *vdev, struct km_virtq *vq)
{
	struct virtio_dev_impl *impl = (struct virtio_dev_impl *)vdev;

	vq->next = impl->queues;
	impl->queues = vq;
}

void virtio_dev_interrupt(struct km_virtio_dev *vdev)
{
	for (struct km_virtq *vq = virtio_dev_queues(vdev); vq; vq = vq->next)
		if (vq->cb && vq->used->idx != vq->last_used)
			vq->cb(vq, vq->cb_arg);
}
