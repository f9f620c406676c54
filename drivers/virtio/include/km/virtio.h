/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/virtio.h - virtio devices for drivers (virtio 1.1), on any transport.
 *
 * A device driver (9p, net, blk) declares which device type it handles and
 * the feature bits it understands, and puts itself in a linker table:
 *
 *   static int my_probe(struct km_virtio_dev *vdev) { ... }
 *   static const struct km_virtio_driver my_driver = {
 *           .name = "virtio-9p", .device_id = KM_VIRTIO_ID_9P,
 *           .features = KM_VIRTIO_BIT(KM_VIRTIO_9P_F_MOUNT_TAG),
 *           .probe = my_probe,
 *   };
 *   KM_VIRTIO_DRIVER(my_driver);
 *
 * The transports (virtio-pci modern, virtio-mmio version 2) find devices
 * at boot (init class lib, priority 5: after the allocator, before the
 * rootfs class that mounts 9pfs) and, for each device with a driver, run
 * the device status sequence of §3.1.1: reset, ACKNOWLEDGE, DRIVER, feature
 * negotiation (the driver's features AND the device's, plus VERSION_1,
 * which the core requires: a device without it is refused with a log),
 * FEATURES_OK (re-read; refused if the device clears it), then
 * probe(). probe() reads the configuration space and creates its
 * virtqueues; when it returns 0 the core sets DRIVER_OK, otherwise FAILED
 * (the device stays unused; the boot goes on, with the error logged).
 *
 * Virtqueues are split virtqueues (§2.6). A request is a chain of
 * segments, device-readable ones first, then device-writable ones:
 *
 *   struct km_virtq_seg seg[2] = { { req, req_len }, { resp, resp_max } };
 *   km_virtq_add(vq, seg, 1, 1, token);   // token: anything but NULL
 *   km_virtq_kick(vq);
 *   while (!(t = km_virtq_get_used(vq, &written))) km_virtq_wait(vq);
 *
 * Interrupts: virtio-pci uses MSI-X (one vector per device, every queue),
 * virtio-mmio its interrupt line through km/plat/irq.h; a device whose
 * transport cannot get one is polled.
 *
 * Contract:
 * - Memory handed to a virtqueue (segments) MUST stay valid and untouched
 *   until its token comes back from km_virtq_get_used(). Addresses are
 *   the image's own (identity-mapped: virtual == physical on kvm).
 * - A virtqueue is not locked: one queue's add/kick/get_used MUST be
 *   serialised by its driver (one request at a time, a mutex, or
 *   interrupts off). Different queues are independent.
 * - Completion: the queue's callback (if any) runs in interrupt context
 *   when the device interrupts (interrupts off, MUST NOT block: wake a
 *   thread). Without a usable interrupt (transport or platform without
 *   one, or virtio.poll=1) the device is polled: km_virtq_wait() spins
 *   politely instead, and the callback is never called. Drivers MUST work
 *   in both modes; km_virtio_dev_polled() says which one a device is in.
 * - Configuration space reads of more than 4 bytes are repeated until the
 *   configuration generation is stable (§2.4.1), so they are consistent.
 * - All device memory is accessed with x86/mmio.h's general-purpose-register
 *   accessors; all functions here MAY be called from any thread.
 *
 * Non-goals: packed virtqueues, indirect descriptors, event index
 * (VIRTIO_F_EVENT_IDX is not offered), device hot-plug, more than one
 * driver per device type.
 */
#ifndef KM_VIRTIO_H
#define KM_VIRTIO_H

#include <stddef.h>
#include <stdint.h>

/* Device types (§5): the ones Kumiki has or plans drivers for. */
#define KM_VIRTIO_ID_NET     1
#define KM_VIRTIO_ID_BLOCK   2
#define KM_VIRTIO_ID_CONSOLE 3
#define KM_VIRTIO_ID_RNG     4
#define KM_VIRTIO_ID_9P	     9

/* Reserved feature bits (§6) the core knows. */
#define KM_VIRTIO_F_VERSION_1	    32 /* required: the core adds and checks it */
#define KM_VIRTIO_F_ACCESS_PLATFORM 33
#define KM_VIRTIO_F_RING_PACKED	    34 /* never negotiated */
#define KM_VIRTIO_F_INDIRECT_DESC   28 /* never negotiated */
#define KM_VIRTIO_F_EVENT_IDX	    29 /* never negotiated */
#define KM_VIRTIO_BIT(bit)	    (1ULL << (bit))

/* Device status bits (§2.1). */
#define KM_VIRTIO_STATUS_ACKNOWLEDGE 1
#define KM_VIRTIO_STATUS_DRIVER	     2
#define KM_VIRTIO_STATUS_DRIVER_OK   4
#define KM_VIRTIO_STATUS_FEATURES_OK 8
#define KM_VIRTIO_STATUS_NEEDS_RESET 64
#define KM_VIRTIO_STATUS_FAILED	     128

struct km_virtio_dev;
struct km_virtio_transport;
struct km_virtq;

struct km_virtio_driver {
	const char *name; /* for logs: "virtio-9p" */
	uint16_t device_id;
	/* Device-specific feature bits (0-23) and reserved ones the driver
	 * handles; VERSION_1 is added by the core. */
	uint64_t features;
	/* Features are negotiated: read config, create queues. 0 or -errno. */
	int (*probe)(struct km_virtio_dev *vdev);
};

/* Put @drv (a static const struct km_virtio_driver) in the driver table. */
#define KM_VIRTIO_DRIVER(drv)                                                                      \
	static const struct km_virtio_driver *const __km_virtio_drv_##drv                          \
		__attribute__((used, section(".km_virtio_drivers"), aligned(sizeof(void *)))) =    \
			&(drv)

/* The device as a driver sees it. Fields are read-only for drivers. */
struct km_virtio_dev {
	uint16_t device_id;
	uint64_t features;  /* negotiated, VERSION_1 included */
	const char *name;   /* "pci 00:03.0", "mmio 0xfeb00000": for logs */
	unsigned int index; /* 0, 1, ... among devices of this device_id */
	void *driver_priv;  /* the driver's */
	const struct km_virtio_transport *transport; /* private to the core */
	void *transport_priv;			     /* private to the core */
	int polled;				     /* see km_virtio_dev_polled */
};

/* 1 when @bit (a feature bit number) was negotiated. */
static inline int km_virtio_has_feature(const struct km_virtio_dev *vdev, unsigned int bit)
{
	return bit < 64 && (vdev->features >> bit) & 1;
}

/* 1 when the device's queues complete by polling, 0 with interrupts. */
static inline int km_virtio_dev_polled(const struct km_virtio_dev *vdev)
{
	return vdev->polled;
}

/*
 * Copy @len bytes at byte offset @off of the device-specific configuration
 * space into @buf (little-endian as the device stores it). 0, or -EINVAL
 * when [off, off + len) is outside the space the transport maps.
 */
int km_virtio_config_read(struct km_virtio_dev *vdev, unsigned int off, void *buf, size_t len);
/* The reverse; same errors. */
int km_virtio_config_write(struct km_virtio_dev *vdev, unsigned int off, const void *buf,
			   size_t len);

/* Called in interrupt context when the device used buffers of @vq. */
typedef void (*km_virtq_callback_t)(struct km_virtq *vq, void *arg);

/*
 * Create virtqueue @index of @vdev (only in probe()): the size is the
 * device's maximum, capped to @max_size (a power of 2, 2..32768; 0 means
 * the device's maximum). @cb may be NULL (then the queue's interrupts are
 * suppressed: poll it with km_virtq_get_used()). *@out is the queue.
 * 0, or -ENOENT (no such queue), -EBUSY (already created), -ENOMEM.
 * Queues are freed with the device, never earlier.
 */
int km_virtq_create(struct km_virtio_dev *vdev, uint16_t index, uint16_t max_size,
		    km_virtq_callback_t cb, void *arg, struct km_virtq **out);

/* The queue's number of descriptors. */
uint16_t km_virtq_size(const struct km_virtq *vq);
/* Descriptors free now (a chain of n segments needs n). */
uint16_t km_virtq_free_count(const struct km_virtq *vq);

struct km_virtq_seg {
	void *addr;
	uint32_t len; /* bytes, > 0 */
};

/*
 * Make the chain @segs[0 .. nout + nin) available: the first @nout are
 * read by the device, the next @nin written by it. @token (non-NULL)
 * comes back from km_virtq_get_used() when the device is done. The device
 * sees it only after km_virtq_kick(). 0, or -ENOSPC (fewer free
 * descriptors than segments: reap used ones first), -EINVAL (no segment,
 * a zero length, or a NULL token).
 */
int km_virtq_add(struct km_virtq *vq, const struct km_virtq_seg *segs, unsigned int nout,
		 unsigned int nin, void *token);

/* Publish everything added since the last kick and notify the device. */
void km_virtq_kick(struct km_virtq *vq);

/*
 * The token of the next chain the device finished, with *@written the
 * bytes it wrote into the device-writable segments (MAY be NULL), never
 * more than they hold (a device claiming more is logged and cut to
 * that); NULL when nothing more is used. The chain's descriptors are free
 * again.
 */
void *km_virtq_get_used(struct km_virtq *vq, uint32_t *written);

/*
 * Wait a little for @vq to have used buffers: in polled mode a short spin
 * (64 x86 pauses; other threads do not run meanwhile), with interrupts a
 * halt until the next interrupt (at most 10 ms), checked with interrupts
 * masked so that a completion cannot be missed. It MAY return with
 * nothing used: callers loop on km_virtq_get_used(). Never call it in
 * interrupt context.
 */
void km_virtq_wait(struct km_virtq *vq);

/*
 * Interrupt suppression (§2.6.7): disable asks the device not to
 * interrupt for @vq; enable asks it to again and returns 1 when used
 * buffers arrived meanwhile (reap them: no interrupt will come for them),
 * else 0. No effect on a polled device.
 */
void km_virtq_intr_disable(struct km_virtq *vq);
int km_virtq_intr_enable(struct km_virtq *vq);

#endif /* KM_VIRTIO_H */
