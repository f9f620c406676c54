/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-net (virtio 1.1 §5.1) as a lib/netdev device.
 *
 * Queue 0 receives, queue 1 transmits (one pair; no control queue).
 * Every frame travels behind a 12-byte struct virtio_net_hdr (VERSION_1
 * always has num_buffers). Without VIRTIO_NET_F_MRG_RXBUF each rx buffer
 * holds a whole frame: the driver posts the stack's buffer from its
 * headroom (rx_headroom = 12: the header lands there) to mtu + 14 bytes
 * past its data, so a received frame reaches the stack without a copy.
 * On tx the header is a descriptor of its own from a per-slot array, then
 * one descriptor per segment of the frame (no copy either).
 *
 * Used tx buffers are reclaimed at the next rx or tx call, with
 * interrupts masked around the tx queue (rx_burst and tx_burst MAY run
 * concurrently) and the frames freed after unmasking: a stack's release
 * function may take locks.
 *
 * The transport cannot reset a device after probe, so stop keeps the rx
 * buffers posted (the device owns them); frames that arrive while stopped
 * are dropped (rx_drops) at the next start.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/netdev.h>
#include <km/plat/timer.h>
#include <km/print.h>
#include <km/virtio.h>

/* Feature bits (§5.1.3). */
#define VIRTIO_NET_F_CSUM   0
#define VIRTIO_NET_F_MTU    3
#define VIRTIO_NET_F_MAC    5
#define VIRTIO_NET_F_STATUS 16

/* Configuration space (§5.1.4). */
#define CFG_MAC		     0
#define CFG_STATUS	     6
#define CFG_MTU		     10
#define VIRTIO_NET_S_LINK_UP 1

/* struct virtio_net_hdr (§5.1.6), little-endian fields. */
struct virtio_net_hdr {
	uint8_t flags;
	uint8_t gso_type;
	uint16_t hdr_len;
	uint16_t gso_size;
	uint16_t csum_start;
	uint16_t csum_offset;
	uint16_t num_buffers;
};
#define VIRTIO_NET_HDR_F_NEEDS_CSUM 1
#define VIRTIO_NET_HDR_GSO_NONE	    0
#define HDR_LEN			    sizeof(struct virtio_net_hdr)
KM_STATIC_ASSERT(HDR_LEN == 12, "virtio_net_hdr is 12 bytes with VERSION_1");

#define RXQ	      0
#define TXQ	      1
#define QUEUE_MAX     256 /* descriptors per queue (memory: 16 bytes each) */
#define RX_DEFAULT    64  /* rx buffers posted when the stack does not say */
#define TX_MAX_SEGS   16  /* frame segments per tx chain (plus the header) */
#define RECLAIM_BATCH 32

struct vnet {
	struct km_netdev dev;
	struct km_virtio_dev *vdev;
	struct km_virtq *rxq, *txq;
	unsigned int rx_posted, rx_target;
	struct virtio_net_hdr *tx_hdr; /* one per tx descriptor: slot i for chain head token */
	uint16_t *tx_free;	       /* stack of free header slots */
	unsigned int tx_nfree;
	bool stopped_once;
};

static struct vnet *of(struct km_netdev *dev)
{
	return KM_CONTAINER_OF(dev, struct vnet, dev);
}

/* Post one empty buffer: the header goes into its headroom. */
static int rx_post(struct vnet *v, struct km_netbuf *nb)
{
	struct km_virtq_seg seg = {
		.addr = nb->data - HDR_LEN,
		.len = (uint32_t)(HDR_LEN + v->dev.info.mtu + KM_NETDEV_ETH_HLEN),
	};
	int rc = km_virtq_add(v->rxq, &seg, 0, 1, nb);

	if (rc == 0)
		v->rx_posted++;
	return rc;
}

static void rx_refill(struct vnet *v)
{
	bool added = false;

	while (v->rx_posted < v->rx_target) {
		struct km_netbuf *nb = km_netdev_rx_buffer(&v->dev);

		if (!nb)
			break; /* tried again at the next rx_burst */
		if (rx_post(v, nb) < 0) {
			km_netbuf_free(nb);
			break;
		}
		added = true;
	}
	if (added)
		km_virtq_kick(v->rxq);
}

/* Take back finished tx chains; returns how many frames went to @done. */
static unsigned int tx_reclaim(struct vnet *v, struct km_netbuf **done, unsigned int max)
{
	unsigned int n = 0;
	void *token;

	while (n < max && (token = km_virtq_get_used(v->txq, NULL))) {
		struct km_netbuf *nb = token;

		v->tx_free[v->tx_nfree++] = (uint16_t)(uintptr_t)nb->drv_priv;
		done[n++] = nb;
	}
	return n;
}

static void tx_reclaim_and_free(struct vnet *v)
{
	struct km_netbuf *done[RECLAIM_BATCH];
	unsigned int n, i;

	do {
		unsigned long irq = km_plat_irq_save();

		n = tx_reclaim(v, done, RECLAIM_BATCH);
		km_plat_irq_restore(irq);
		for (i = 0; i < n; i++)
			km_netbuf_free(done[i]);
	} while (n == RECLAIM_BATCH);
}

static void on_rx_interrupt(struct km_virtq *vq, void *arg)
{
	struct vnet *v = arg;

	(void)vq;
	km_virtq_intr_disable(v->rxq);
	km_netdev_event(&v->dev, KM_NETDEV_EV_RX, 0);
}

static int vnet_start(struct km_netdev *dev)
{
	struct vnet *v = of(dev);
	uint16_t size = km_virtq_size(v->rxq);
	void *token;

	/* Frames that came while stopped are stale: drop them, reuse the
	 * buffers. */
	while ((token = km_virtq_get_used(v->rxq, NULL))) {
		km_netdev_count_rx_drop(dev);
		v->rx_posted--;
		km_netbuf_free(token);
	}
	v->rx_target = dev->conf.rx_ring ? dev->conf.rx_ring : RX_DEFAULT;
	if (v->rx_target > size)
		v->rx_target = size;
	km_virtq_intr_disable(v->rxq);
	rx_refill(v);
	return v->rx_posted ? 0 : -ENOMEM;
}

static void vnet_stop(struct km_netdev *dev)
{
	struct vnet *v = of(dev);

	km_virtq_intr_disable(v->rxq);
	/* Unsent frames: wait for the device to finish them (it always
	 * does: tx never waits on the network), then free them. */
	for (unsigned int spins = 0; v->tx_nfree < km_virtq_size(v->txq) && spins < 100000;
	     spins++) {
		tx_reclaim_and_free(v);
		if (v->tx_nfree < km_virtq_size(v->txq))
			km_virtq_wait(v->txq);
	}
}

static int vnet_rx_burst(struct km_netdev *dev, unsigned int q, struct km_netbuf **pkts,
			 unsigned int n)
{
	struct vnet *v = of(dev);
	unsigned int got = 0;
	uint32_t written;
	void *token;

	(void)q;
	tx_reclaim_and_free(v);
	while (got < n && (token = km_virtq_get_used(v->rxq, &written))) {
		struct km_netbuf *nb = token;

		v->rx_posted--;
		if (written < HDR_LEN + KM_NETDEV_ETH_HLEN ||
		    written > HDR_LEN + (uint32_t)dev->info.mtu + KM_NETDEV_ETH_HLEN) {
			/* A runt (or a device bug): count it, post the buffer again. */
			km_netdev_count_rx_error(dev);
			if (rx_post(v, nb) < 0)
				km_netbuf_free(nb);
			continue;
		}
		nb->len = written - HDR_LEN;
		nb->flags = 0;
		pkts[got++] = nb;
	}
	rx_refill(v);
	return (int)got;
}

static int vnet_tx_burst(struct km_netdev *dev, unsigned int q, struct km_netbuf **pkts,
			 unsigned int n)
{
	struct vnet *v = of(dev);
	struct km_netbuf *done[RECLAIM_BATCH];
	unsigned int sent = 0, ndone = 0, i;
	unsigned long irq;

	(void)q;
	tx_reclaim_and_free(v);
	irq = km_plat_irq_save();
	for (; sent < n; sent++) {
		struct km_virtq_seg segs[1 + TX_MAX_SEGS];
		struct km_netbuf *nb = pkts[sent], *seg;
		struct virtio_net_hdr *hdr;
		unsigned int nseg = 1;
		uint16_t slot;

		if (!v->tx_nfree && ndone < RECLAIM_BATCH)
			ndone += tx_reclaim(v, done + ndone, RECLAIM_BATCH - ndone);
		if (!v->tx_nfree || km_virtq_free_count(v->txq) < 1 + km_netbuf_segments(nb))
			break; /* the ring is full: the caller keeps the rest */
		slot = v->tx_free[--v->tx_nfree];
		hdr = &v->tx_hdr[slot];
		memset(hdr, 0, sizeof(*hdr));
		hdr->gso_type = VIRTIO_NET_HDR_GSO_NONE;
		if (nb->flags & KM_NETBUF_F_CSUM_PARTIAL) {
			hdr->flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
			hdr->csum_start = nb->csum_start;
			hdr->csum_offset = nb->csum_offset;
		}
		segs[0].addr = hdr;
		segs[0].len = HDR_LEN;
		for (seg = nb; seg; seg = seg->next)
			if (seg->len) {
				segs[nseg].addr = seg->data;
				segs[nseg].len = (uint32_t)seg->len;
				nseg++;
			}
		nb->drv_priv = (void *)(uintptr_t)slot;
		if (km_virtq_add(v->txq, segs, nseg, 0, nb) < 0) {
			v->tx_free[v->tx_nfree++] = slot;
			break;
		}
	}
	km_virtq_kick(v->txq);
	km_plat_irq_restore(irq);
	for (i = 0; i < ndone; i++)
		km_netbuf_free(done[i]);
	return (int)sent;
}

static int vnet_intr_enable(struct km_netdev *dev, unsigned int q)
{
	(void)q;
	return km_virtq_intr_enable(of(dev)->rxq);
}

static void vnet_intr_disable(struct km_netdev *dev, unsigned int q)
{
	(void)q;
	km_virtq_intr_disable(of(dev)->rxq);
}

static void vnet_link(struct km_netdev *dev, struct km_netdev_link *link)
{
	struct vnet *v = of(dev);
	uint16_t status = VIRTIO_NET_S_LINK_UP;

	/* Without VIRTIO_NET_F_STATUS the link is assumed up (§5.1.4.2). */
	if (km_virtio_has_feature(v->vdev, VIRTIO_NET_F_STATUS))
		km_virtio_config_read(v->vdev, CFG_STATUS, &status, sizeof(status));
	link->up = status & VIRTIO_NET_S_LINK_UP;
}

static const struct km_netdev_ops vnet_ops = {
	.start = vnet_start,
	.stop = vnet_stop,
	.rx_burst = vnet_rx_burst,
	.tx_burst = vnet_tx_burst,
	.rxq_intr_enable = vnet_intr_enable,
	.rxq_intr_disable = vnet_intr_disable,
	.link = vnet_link,
};

static int vnet_describe(struct vnet *v)
{
	struct km_netdev_info *in = &v->dev.info;
	struct km_virtio_dev *vdev = v->vdev;
	uint16_t mtu = 1500;

	in->driver = "virtio-net";
	if (km_virtio_has_feature(vdev, VIRTIO_NET_F_MAC)) {
		km_virtio_config_read(vdev, CFG_MAC, in->mac, KM_NETDEV_ETH_ALEN);
	} else {
		/* A locally administered address, unique per device (§5.1.5
		 * lets the driver choose one). */
		static const uint8_t base[KM_NETDEV_ETH_ALEN] = { 0x02, 0x4b, 0x4d, 0x56, 0x4e, 0 };

		memcpy(in->mac, base, sizeof(base));
		in->mac[5] = (uint8_t)vdev->index;
	}
	if (km_virtio_has_feature(vdev, VIRTIO_NET_F_MTU)) {
		km_virtio_config_read(vdev, CFG_MTU, &mtu, sizeof(mtu));
		if (mtu < 68) {
			km_pr_err("%s: virtio-net MTU %u below 68; not used\n", vdev->name, mtu);
			return -EINVAL;
		}
	}
	in->mtu = mtu;
	in->max_mtu = mtu;
	in->features = KM_NETDEV_F_TX_SG;
	if (km_virtio_has_feature(vdev, VIRTIO_NET_F_CSUM))
		in->features |= KM_NETDEV_F_TX_CSUM;
	if (!km_virtio_dev_polled(vdev))
		in->features |= KM_NETDEV_F_RX_INTR;
	in->nb_rxq = 1;
	in->nb_txq = 1;
	in->rx_headroom = HDR_LEN;
	in->max_tx_segs = (uint16_t)KM_MIN(TX_MAX_SEGS, km_virtq_size(v->txq) - 1u);
	in->max_burst = km_virtq_size(v->txq);
	return 0;
}

static int vnet_probe(struct km_virtio_dev *vdev)
{
	struct vnet *v = calloc(1, sizeof(*v));
	uint16_t tx_size;
	int rc;

	if (!v)
		return -ENOMEM;
	v->vdev = vdev;
	rc = km_virtq_create(vdev, RXQ, QUEUE_MAX, on_rx_interrupt, v, &v->rxq);
	if (rc == 0)
		rc = km_virtq_create(vdev, TXQ, QUEUE_MAX, NULL, NULL, &v->txq);
	if (rc < 0) {
		km_pr_err("%s: virtio-net: cannot create its queues: error %d\n", vdev->name, rc);
		return rc; /* v stays: the device may hold a queue until reset */
	}
	tx_size = km_virtq_size(v->txq);
	if (tx_size < 2) {
		km_pr_err("%s: virtio-net: a tx queue of %u descriptors\n", vdev->name, tx_size);
		return -EINVAL;
	}
	/* A header slot per descriptor: never fewer slots than chains. */
	v->tx_hdr = calloc(tx_size, sizeof(*v->tx_hdr));
	v->tx_free = calloc(tx_size, sizeof(*v->tx_free));
	if (!v->tx_hdr || !v->tx_free)
		return -ENOMEM;
	for (uint16_t i = 0; i < tx_size; i++)
		v->tx_free[v->tx_nfree++] = i;
	rc = vnet_describe(v);
	if (rc < 0)
		return rc;
	v->dev.ops = &vnet_ops;
	v->dev.priv = vdev;
	vdev->driver_priv = v;
	rc = km_netdev_register(&v->dev);
	return rc < 0 ? rc : 0;
}

static const struct km_virtio_driver vnet_driver = {
	.name = "virtio-net",
	.device_id = KM_VIRTIO_ID_NET,
	.features = KM_VIRTIO_BIT(VIRTIO_NET_F_CSUM) | KM_VIRTIO_BIT(VIRTIO_NET_F_MTU) |
		    KM_VIRTIO_BIT(VIRTIO_NET_F_MAC) | KM_VIRTIO_BIT(VIRTIO_NET_F_STATUS),
	.probe = vnet_probe,
};
KM_VIRTIO_DRIVER(vnet_driver);
