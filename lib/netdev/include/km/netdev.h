/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/netdev.h - network devices: the API between a network stack (lwIP) and
 * the device drivers (virtio-net, linuxu tap, the in-image test device).
 *
 * A driver fills a struct km_netdev (ops, info, priv) and registers it with
 * km_netdev_register(); the registry names it "eth<index>" in registration
 * order. A stack finds devices with km_netdev_count()/km_netdev_get()/
 * km_netdev_find(), starts one with km_netdev_start() and then moves frames
 * with km_netdev_rx_burst()/km_netdev_tx_burst().
 *
 * Frames. A frame is an Ethernet II frame without preamble and FCS: the
 * 14-byte header (destination MAC, source MAC, EtherType) then the payload,
 * at most info.mtu bytes (so at most mtu + KM_NETDEV_ETH_HLEN bytes in all;
 * no VLAN tag room is promised). Frames shorter than 60 bytes are padded by
 * the device on transmit where the medium needs it, never by the stack.
 *
 * Buffers and who owns them (no copies where the device allows):
 * - A frame travels in a struct km_netbuf: a descriptor pointing into a
 *   buffer, with room before (headroom) and after (tailroom) the data. A
 *   frame MAY be a chain of segments linked by ->next (scatter list); the
 *   frame's bytes are the segments' data in order.
 * - Receive: the device takes empty buffers from the allocator the stack
 *   passed in struct km_netdev_conf (or km_netbuf_alloc() if none), fills
 *   them, and km_netdev_rx_burst() hands each frame to the caller, who then
 *   owns it and MUST eventually km_netbuf_free() it (from any context except
 *   interrupt context). Received frames are always one segment.
 * - Transmit: km_netdev_tx_burst() takes ownership of the frames it accepts
 *   (the return value says how many, from the front of the array); the
 *   device frees them with km_netbuf_free() once it no longer reads them
 *   (immediately after a copy, or when the hardware is done). Frames not
 *   accepted stay the caller's. The caller MUST NOT touch an accepted frame
 *   again, nor the memory its segments point into, until that memory's
 *   release function runs.
 * - km_netbuf_free() calls each segment's ->release, which returns the
 *   memory to whoever allocated it: a stack MAY wrap its own buffers (e.g.
 *   lwIP pbufs: data points into the pbuf payload, release calls pbuf_free)
 *   with km_netbuf_init(), so a transmit needs no copy.
 * - Memory handed to a device MUST be normal RAM that the device can reach
 *   by DMA: on kvm every heap and static address qualifies (identity map);
 *   stacks are fine too, but the frame's lifetime rules above still apply.
 *
 * Batching: rx and tx move arrays of frames (bursts); a driver MAY handle a
 * whole burst with one notification of the device.
 *
 * Interrupt and polled modes. After km_netdev_start() a queue is polled:
 * the stack calls km_netdev_rx_burst() whenever it likes (0 frames is a
 * normal answer). km_netdev_rxq_intr_enable() asks for conf.event(...,
 * KM_NETDEV_EV_RX, q) once frames are waiting on queue q; it runs in
 * interrupt context (kvm: an interrupt handler; linuxu: a signal handler),
 * MUST NOT block or call rx_burst, and typically wakes the stack's thread.
 * After one event the queue's interrupt is disabled again (one-shot), so the
 * usual loop is: drain with rx_burst until it returns fewer than asked, then
 * km_netdev_rxq_intr_enable(); if it returns 1, frames came meanwhile: drain
 * again. Link changes are reported by KM_NETDEV_EV_LINK in interrupt
 * context, whatever the mode, when the device can notice them.
 *
 * Concurrency: per queue, rx_burst (and tx_burst) calls MUST be serialised
 * by the caller; different queues and rx vs tx MAY run concurrently. Every
 * function here is for thread context (interrupts enabled or not), except
 * km_netbuf_* helpers and km_netdev_stats(), which are callable anywhere.
 *
 * Registration timing: drivers register devices in init classes plat and
 * lib at priority 0..5 (km/init.h); a stack enumerates devices no earlier
 * than KM_INIT_LIB priority 8 (class sys is a good place). Devices are never
 * unregistered.
 *
 * Errors are 0 or a negative Linux errno value. Numbers are host byte order
 * unless said otherwise.
 *
 * Non-goals: multicast/promiscuous filters (devices deliver what the medium
 * gives them: virtio-net and tap deliver all multicast), VLAN offloads, TSO
 * and LRO (flags reserved), hot-unplug, more than one consumer per device.
 */
#ifndef KM_NETDEV_H
#define KM_NETDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <km/essentials.h>

#define KM_NETDEV_ETH_ALEN   6	/* bytes of a MAC address */
#define KM_NETDEV_ETH_HLEN   14 /* bytes of an Ethernet II header */
#define KM_NETDEV_NAME_MAX   16 /* including the NUL: "eth0" ... */
#define KM_NETDEV_MAX_QUEUES 8

/* ---------------------------------------------------------------------- */
/* Network buffers                                                        */
/* ---------------------------------------------------------------------- */

struct km_netbuf;
typedef void (*km_netbuf_release_fn)(struct km_netbuf *nb);

/* Offload flags of a frame (meaningful on its first segment only). */
/* tx: the device must compute the 16-bit ones'-complement checksum from
 * csum_start to the frame's end and store it at csum_start + csum_offset
 * (the field holds the pseudo-header sum). Only with KM_NETDEV_F_TX_CSUM. */
#define KM_NETBUF_F_CSUM_PARTIAL 0x1u
/* rx: the device verified the L4 (TCP/UDP) checksum; the stack MAY skip it.
 * Only set when the stack enabled KM_NETDEV_F_RX_CSUM. */
#define KM_NETBUF_F_CSUM_VALID 0x2u

struct km_netbuf {
	struct km_netbuf *next;	      /* the frame's next segment, NULL for the last */
	uint8_t *data;		      /* first byte of this segment's data */
	size_t len;		      /* bytes at data */
	void *buf;		      /* the memory the segment lives in ... */
	size_t buflen;		      /* ... and its size: data..data+len lies inside */
	uint32_t flags;		      /* KM_NETBUF_F_* */
	uint16_t csum_start;	      /* KM_NETBUF_F_CSUM_PARTIAL: from the frame's start */
	uint16_t csum_offset;	      /* ... and where the sum goes, from csum_start */
	km_netbuf_release_fn release; /* frees buf (and this descriptor, if it owns it) */
	void *owner_priv;	      /* the allocator's (e.g. the lwIP pbuf); release uses it */
	void *drv_priv;		      /* the driver's while the device owns the frame */
};

/*
 * A one-segment netbuf from the heap (lib/alloc): descriptor and buffer in
 * one block, buffer start aligned to 64 bytes, @headroom bytes before data,
 * len = 0, room for @size bytes of data. NULL when memory is short.
 * ->release frees it all.
 */
struct km_netbuf *km_netbuf_alloc(size_t headroom, size_t size);

/*
 * Describe memory someone else owns: @nb gets buf/buflen, data = buf +
 * @headroom, len = 0, no flags, no next, @release and @owner_priv. Nothing
 * is allocated; release (may be NULL: nothing to do) is what
 * km_netbuf_free() calls. @headroom MUST be <= @buflen.
 */
void km_netbuf_init(struct km_netbuf *nb, void *buf, size_t buflen, size_t headroom,
		    km_netbuf_release_fn release, void *owner_priv);

/* Free a whole frame: ->release of every segment, in order. NULL is fine. */
void km_netbuf_free(struct km_netbuf *nb);

static inline size_t km_netbuf_headroom(const struct km_netbuf *nb)
{
	return (size_t)(nb->data - (uint8_t *)nb->buf);
}

static inline size_t km_netbuf_tailroom(const struct km_netbuf *nb)
{
	return nb->buflen - km_netbuf_headroom(nb) - nb->len;
}

/* Grow the data by @n bytes at the front; NULL (nothing changed) when the
 * headroom is smaller than @n. Returns the new data pointer. */
void *km_netbuf_push(struct km_netbuf *nb, size_t n);

/* Drop @n bytes from the front; NULL (nothing changed) when len < @n. */
void *km_netbuf_pull(struct km_netbuf *nb, size_t n);

/* Total bytes of a frame (all segments) and its number of segments. */
size_t km_netbuf_frame_len(const struct km_netbuf *nb);
unsigned int km_netbuf_segments(const struct km_netbuf *nb);

/*
 * Copy up to @len bytes of the frame, from byte @off of the frame, into
 * @dst. Returns the bytes copied (fewer when the frame is shorter).
 */
size_t km_netbuf_copy_out(const struct km_netbuf *nb, size_t off, void *dst, size_t len);

/* ---------------------------------------------------------------------- */
/* Devices: what a stack uses                                             */
/* ---------------------------------------------------------------------- */

/* Device features (info.features: what it can do; conf.features: what the
 * stack wants; the device uses only the intersection). */
#define KM_NETDEV_F_RX_CSUM   0x01u /* may mark rx frames KM_NETBUF_F_CSUM_VALID */
#define KM_NETDEV_F_TX_CSUM   0x02u /* completes KM_NETBUF_F_CSUM_PARTIAL frames */
#define KM_NETDEV_F_TX_SG     0x04u /* takes multi-segment tx frames without a copy */
#define KM_NETDEV_F_RX_INTR   0x08u /* has rx interrupts (else polled mode only) */
#define KM_NETDEV_F_LINK_INTR 0x10u /* reports link changes by KM_NETDEV_EV_LINK */
#define KM_NETDEV_F_MTU_SET   0x20u /* km_netdev_mtu_set() can change the MTU */
#define KM_NETDEV_F_TSO	      0x40u /* reserved: never set yet */

struct km_netdev_info {
	const char *driver;		 /* "virtio-net", "tap", "testnet" */
	uint8_t mac[KM_NETDEV_ETH_ALEN]; /* the device's address */
	uint16_t mtu;			 /* current, bytes of payload (1500) */
	uint16_t max_mtu;		 /* largest km_netdev_mtu_set() accepts */
	uint32_t features;		 /* KM_NETDEV_F_* */
	uint16_t nb_rxq, nb_txq;	 /* queues, 1..KM_NETDEV_MAX_QUEUES */
	uint16_t rx_headroom;		 /* headroom rx buffers must have */
	uint16_t tx_headroom;		 /* headroom that spares the driver a copy on tx */
	uint16_t max_tx_segs;		 /* segments per tx frame it takes (>= 1) */
	uint16_t max_burst;		 /* frames per tx burst it takes (>= 1) */
};

struct km_netdev_link {
	bool up;
	uint32_t speed_mbps; /* 0 when unknown */
	bool full_duplex;
};

/* Counted by the registry at the rx/tx calls (packets, bytes) and by the
 * driver (drops, errors). Monotonic, never reset. */
struct km_netdev_stats {
	uint64_t rx_packets, rx_bytes; /* frames handed to the stack */
	uint64_t rx_drops;	       /* frames lost: no buffer, queue full */
	uint64_t rx_errors;	       /* bad frames: too long, truncated, device errors */
	uint64_t tx_packets, tx_bytes; /* frames accepted for sending */
	uint64_t tx_drops;	       /* accepted but not sent (link down, host refused) */
	uint64_t tx_errors;	       /* refused as invalid (too long, too many segments) */
};

struct km_netdev;

#define KM_NETDEV_EV_RX	  1 /* frames wait on queue @queue */
#define KM_NETDEV_EV_LINK 2 /* the link state changed (@queue is 0) */

/* Interrupt context: MUST NOT block; see the file comment. */
typedef void (*km_netdev_event_fn)(struct km_netdev *dev, unsigned int event, unsigned int queue,
				   void *arg);

/*
 * Receive-buffer allocator the stack offers: an empty one-segment netbuf
 * with at least @headroom bytes of headroom and @size bytes of room after
 * it, or NULL (the device then tries again later and counts a drop if a
 * frame was lost). Called in thread or interrupt context: MUST NOT block.
 */
typedef struct km_netbuf *(*km_netdev_alloc_fn)(struct km_netdev *dev, size_t headroom, size_t size,
						void *arg);

struct km_netdev_conf {
	km_netdev_event_fn event; /* NULL: no events (pure polling) */
	void *event_arg;
	km_netdev_alloc_fn rx_alloc; /* NULL: km_netbuf_alloc() */
	void *rx_alloc_arg;
	uint16_t nb_rxq, nb_txq;   /* queues to use: 0 means 1 */
	uint16_t rx_ring, tx_ring; /* descriptors per queue wanted, 0: the device's default */
	uint32_t features;	   /* KM_NETDEV_F_RX_CSUM / TX_CSUM wanted */
};

/* Number of registered devices; indices are 0..count-1, stable. */
unsigned int km_netdev_count(void);
/* The device at @index, NULL when out of range. */
struct km_netdev *km_netdev_get(unsigned int index);
/* The device named @name ("eth0"), NULL when none. */
struct km_netdev *km_netdev_find(const char *name);

const char *km_netdev_name(const struct km_netdev *dev);
unsigned int km_netdev_index(const struct km_netdev *dev);
const struct km_netdev_info *km_netdev_info(const struct km_netdev *dev);

/*
 * Start the device with @conf (copied; NULL: all defaults). Posts the
 * receive buffers, enables the queues in polled mode. -EBUSY if it is
 * already started, -EINVAL for queue counts above info.nb_rxq/nb_txq,
 * -ENOMEM when no rx buffer could be had, or the driver's error.
 */
int km_netdev_start(struct km_netdev *dev, const struct km_netdev_conf *conf);
/* Stop it: no more events; posted rx buffers and unsent frames are freed
 * (a device that cannot take posted buffers back without a reset, like
 * virtio-net, keeps them for the next start and counts frames that arrive
 * meanwhile as rx_drops). The device may be started again. */
void km_netdev_stop(struct km_netdev *dev);
bool km_netdev_started(const struct km_netdev *dev);

/*
 * Take up to @n received frames from queue @q into @pkts[0..]; returns how
 * many (0..n), each now owned by the caller (one segment, len = frame
 * length). Replaces the buffers it hands out with fresh ones from
 * conf.rx_alloc. -EINVAL for a bad queue, -ENETDOWN when not started.
 */
int km_netdev_rx_burst(struct km_netdev *dev, unsigned int q, struct km_netbuf **pkts,
		       unsigned int n);

/*
 * Queue up to @n frames from @pkts[0..] on tx queue @q; returns how many
 * were taken from the front (0..n; fewer when the ring is full: retry
 * later), now owned by the device. A frame that is invalid (longer than
 * mtu + 14, shorter than 14, or more segments than the device takes and no
 * memory to linearise it) is taken, freed and counted in tx_errors, so one
 * bad frame never blocks the queue. A multi-segment frame for a device
 * without KM_NETDEV_F_TX_SG is copied into one buffer by the registry
 * (the original is freed once the copy is taken). A KM_NETBUF_F_CSUM_PARTIAL
 * frame for a device without KM_NETDEV_F_TX_CSUM enabled gets its checksum
 * computed here, in place, so a stack MAY always leave it to the device.
 * -EINVAL for a bad queue, -ENETDOWN when not started.
 */
int km_netdev_tx_burst(struct km_netdev *dev, unsigned int q, struct km_netbuf **pkts,
		       unsigned int n);

/*
 * Ask for one KM_NETDEV_EV_RX on queue @q when frames are waiting. Returns
 * 0, 1 if frames are already waiting (no event will come for them and the
 * queue stays polled: drain it, then enable again),
 * -ENOTSUP if the device has no rx interrupts (info.features lacks
 * KM_NETDEV_F_RX_INTR), -EINVAL for a bad queue, -ENETDOWN when stopped.
 */
int km_netdev_rxq_intr_enable(struct km_netdev *dev, unsigned int q);
/* Back to polled mode on queue @q (no event). */
void km_netdev_rxq_intr_disable(struct km_netdev *dev, unsigned int q);

/* The link state now. Devices that cannot tell report up. */
void km_netdev_link(struct km_netdev *dev, struct km_netdev_link *link);

/* Change the MTU (68..info.max_mtu) while stopped: -EBUSY when started,
 * -EINVAL out of range, -ENOTSUP without KM_NETDEV_F_MTU_SET. */
int km_netdev_mtu_set(struct km_netdev *dev, uint16_t mtu);

/* A snapshot of the counters (each one read atomically). */
void km_netdev_stats(const struct km_netdev *dev, struct km_netdev_stats *out);

/* ---------------------------------------------------------------------- */
/* Devices: what a driver implements                                      */
/* ---------------------------------------------------------------------- */

/*
 * The registry checks arguments, state and queue numbers, counts packets
 * and bytes, and linearises or rejects frames before calling these; a
 * driver only sees valid calls. Required: start, stop, rx_burst, tx_burst.
 */
struct km_netdev_ops {
	/* Post rx buffers (km_netdev_rx_buffer()), set the device running.
	 * dev->conf holds the stack's configuration. */
	int (*start)(struct km_netdev *dev);
	/* Quiesce the device, free posted rx buffers and unsent tx frames. */
	void (*stop)(struct km_netdev *dev);
	/* As km_netdev_rx_burst(): return 0..n frames; count drops/errors. */
	int (*rx_burst)(struct km_netdev *dev, unsigned int q, struct km_netbuf **pkts,
			unsigned int n);
	/* As km_netdev_tx_burst(), frames already valid: return 0..n taken. */
	int (*tx_burst)(struct km_netdev *dev, unsigned int q, struct km_netbuf **pkts,
			unsigned int n);
	/* Optional (need KM_NETDEV_F_RX_INTR): as km_netdev_rxq_intr_enable(). */
	int (*rxq_intr_enable)(struct km_netdev *dev, unsigned int q);
	void (*rxq_intr_disable)(struct km_netdev *dev, unsigned int q);
	/* Optional: NULL means always up. */
	void (*link)(struct km_netdev *dev, struct km_netdev_link *link);
	/* Optional (need KM_NETDEV_F_MTU_SET): the registry checked the range. */
	int (*mtu_set)(struct km_netdev *dev, uint16_t mtu);
};

struct km_netdev_counters {
	uint64_t rx_packets, rx_bytes, rx_drops, rx_errors;
	uint64_t tx_packets, tx_bytes, tx_drops, tx_errors;
};

/*
 * The device. A driver embeds it in its own state (KM_CONTAINER_OF), fills
 * ops, info and priv, then calls km_netdev_register(). The rest belongs to
 * the registry; drivers read conf and use the helpers below.
 */
struct km_netdev {
	const struct km_netdev_ops *ops;
	struct km_netdev_info info;
	void *priv; /* the driver's */

	/* registry-owned */
	struct km_netdev_conf conf; /* valid while started */
	char name[KM_NETDEV_NAME_MAX];
	unsigned int index;
	bool started;
	bool intr_armed[KM_NETDEV_MAX_QUEUES];
	struct km_netdev_counters cnt;
	bool rx_alloc_warned; /* a too small rx buffer was reported since start */
};

/*
 * Add @dev to the registry: checks ops and info (required ops present,
 * 1 <= nb_rxq/nb_txq <= KM_NETDEV_MAX_QUEUES, 68 <= mtu <= max_mtu,
 * max_tx_segs and max_burst >= 1), names it, logs its name, driver, MAC
 * and MTU. Returns the index (>= 0), -EINVAL with a message naming the
 * driver and the field, -ENOSPC past CONFIG_LIBNETDEV_MAX_DEVICES. @dev
 * MUST stay valid forever.
 */
int km_netdev_register(struct km_netdev *dev);

/* A fresh rx buffer for @dev through conf.rx_alloc, with info.rx_headroom
 * of headroom and room for mtu + KM_NETDEV_ETH_HLEN bytes; NULL when none. */
struct km_netbuf *km_netdev_rx_buffer(struct km_netdev *dev);

/*
 * Signal an event to the stack (interrupt context is fine). For
 * KM_NETDEV_EV_RX the event is delivered only when the queue's interrupt
 * was enabled, and that disarms it (one-shot); returns true if delivered.
 */
bool km_netdev_event(struct km_netdev *dev, unsigned int event, unsigned int queue);

/* Driver-side counting of what only the driver sees. */
void km_netdev_count_rx_drop(struct km_netdev *dev);
void km_netdev_count_rx_error(struct km_netdev *dev);
void km_netdev_count_tx_drop(struct km_netdev *dev);
void km_netdev_count_tx_error(struct km_netdev *dev);

#endif /* KM_NETDEV_H */
