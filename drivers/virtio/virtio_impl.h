/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Inside drivers/virtio: what a transport (PCI, MMIO) gives the core, and
 * the split virtqueue's layout (virtio 1.1 §2.6).
 */
#ifndef VIRTIO_IMPL_H
#define VIRTIO_IMPL_H

#include <km/virtio.h>

struct km_virtio_transport {
	const char *name;
	uint8_t (*get_status)(struct km_virtio_dev *vdev);
	void (*set_status)(struct km_virtio_dev *vdev, uint8_t status); /* 0 resets */
	uint64_t (*get_features)(struct km_virtio_dev *vdev);
	void (*set_features)(struct km_virtio_dev *vdev, uint64_t features);
	uint32_t (*config_generation)(struct km_virtio_dev *vdev);
	/* Where the device-specific configuration starts in device memory
	 * (both transports map it), and its size in bytes. */
	uintptr_t (*config_addr)(struct km_virtio_dev *vdev);
	size_t (*config_size)(struct km_virtio_dev *vdev);
	/* The device's largest size for queue @index, 0 when there is none. */
	uint16_t (*queue_max)(struct km_virtio_dev *vdev, uint16_t index);
	/* Give the device @vq's rings and size, enable it and fill
	 * vq->notify_addr / notify_width. 0 or -errno. */
	int (*queue_enable)(struct km_virtio_dev *vdev, struct km_virtq *vq);
};

struct virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

#define VIRTQ_DESC_F_NEXT	   1
#define VIRTQ_DESC_F_WRITE	   2
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1
#define VIRTQ_USED_F_NO_NOTIFY	   1

struct virtq_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};

struct virtq_used_elem {
	uint32_t id;
	uint32_t len;
};

struct virtq_used {
	uint16_t flags;
	uint16_t idx;
	struct virtq_used_elem ring[];
};

struct km_virtq {
	struct km_virtio_dev *vdev;
	uint16_t index, size;
	uint16_t free_head, num_free;
	uint16_t avail_idx; /* the driver's copy, published on kick */
	uint16_t kicked_idx;
	uint16_t last_used;
	struct virtq_desc *desc;
	struct virtq_avail *avail;
	struct virtq_used *used;
	void *ring_mem;
	void **tokens;
	uint32_t *in_len; /* per chain head: bytes the device may write */
	km_virtq_callback_t cb;
	void *cb_arg;
	uintptr_t notify_addr;
	unsigned int notify_width; /* 16 (PCI) or 32 (MMIO) */
	struct km_virtq *next;	   /* the device's queues */
};

/*
 * A transport found a device: the core negotiates and probes its driver.
 * @name is copied. *@slot gets the device before its driver's probe runs
 * (for the transport's interrupt handler; NULL until then). 0, -ENODEV
 * (no driver), or the failure.
 */
int virtio_dev_found(const struct km_virtio_transport *t, void *priv, uint16_t device_id,
		     const char *name, int can_interrupt, struct km_virtio_dev **slot);

/* The device's interrupt fired (interrupt context): run the callbacks of
 * its queues that have used buffers. */
void virtio_dev_interrupt(struct km_virtio_dev *vdev);

/* 1 when a driver handles device type @device_id. */
int virtio_has_driver(uint16_t device_id);

/* 1 when virtio.poll=1: transports then set up no interrupt at all. */
int virtio_poll_forced(void);

/* Link @vq into its device (km_virtq_create). */
void virtio_dev_add_queue(struct km_virtio_dev *vdev, struct km_virtq *vq);

/* The queues of @vdev (the transport walks them to tear down). */
struct km_virtq *virtio_dev_queues(struct km_virtio_dev *vdev);

#endif /* VIRTIO_IMPL_H */
