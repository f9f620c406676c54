/* SPDX-License-Identifier: BSD-3-Clause */
/* The software test device (see testnet.h). */
#include <errno.h>
#include <string.h>
#include "testnet.h"

static struct testnet *of(struct km_netdev *dev)
{
	return KM_CONTAINER_OF(dev, struct testnet, dev);
}

static void post_buffers(struct testnet *t)
{
	unsigned int i;

	for (i = 0; i < TESTNET_RX_RING; i++)
		if (!t->rx_posted[i])
			t->rx_posted[i] = km_netdev_rx_buffer(&t->dev);
}

static int tn_start(struct km_netdev *dev)
{
	struct testnet *t = of(dev);

	post_buffers(t);
	return t->rx_posted[0] ? 0 : -ENOMEM;
}

static void tn_stop(struct km_netdev *dev)
{
	struct testnet *t = of(dev);
	unsigned int i;

	for (i = 0; i < TESTNET_RX_RING; i++) {
		km_netbuf_free(t->rx_posted[i]);
		t->rx_posted[i] = NULL;
	}
	for (i = 0; i < t->rx_nready; i++)
		km_netbuf_free(t->rx_ready[i]);
	t->rx_nready = 0;
	for (i = 0; i < t->tx_n; i++)
		km_netbuf_free(t->tx[i]);
	t->tx_n = 0;
}

static int tn_rx_burst(struct km_netdev *dev, unsigned int q, struct km_netbuf **pkts,
		       unsigned int n)
{
	struct testnet *t = of(dev);
	unsigned int got = KM_MIN(n, t->rx_nready);

	(void)q;
	memcpy(pkts, t->rx_ready, got * sizeof(*pkts));
	memmove(t->rx_ready, t->rx_ready + got, (t->rx_nready - got) * sizeof(*pkts));
	t->rx_nready -= got;
	post_buffers(t);
	return (int)got;
}

static int tn_tx_burst(struct km_netdev *dev, unsigned int q, struct km_netbuf **pkts,
		       unsigned int n)
{
	struct testnet *t = of(dev);
	unsigned int took = 0;

	(void)q;
	while (took < n && t->tx_n < TESTNET_TX_RING)
		t->tx[t->tx_n++] = pkts[took++];
	return (int)took;
}

static int tn_intr_enable(struct km_netdev *dev, unsigned int q)
{
	struct testnet *t = of(dev);

	(void)q;
	t->intr_enables++;
	return t->rx_nready ? 1 : 0;
}

static void tn_intr_disable(struct km_netdev *dev, unsigned int q)
{
	(void)dev;
	(void)q;
}

static void tn_link(struct km_netdev *dev, struct km_netdev_link *link)
{
	link->up = of(dev)->link_up;
	link->speed_mbps = 1000;
	link->full_duplex = true;
}

static int tn_mtu_set(struct km_netdev *dev, uint16_t mtu)
{
	(void)dev;
	(void)mtu;
	return 0;
}

static const struct km_netdev_ops testnet_ops = {
	.start = tn_start,
	.stop = tn_stop,
	.rx_burst = tn_rx_burst,
	.tx_burst = tn_tx_burst,
	.rxq_intr_enable = tn_intr_enable,
	.rxq_intr_disable = tn_intr_disable,
	.link = tn_link,
	.mtu_set = tn_mtu_set,
};

void testnet_init(struct testnet *t, uint32_t features)
{
	static const uint8_t mac[KM_NETDEV_ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };

	memset(t, 0, sizeof(*t));
	t->dev.ops = &testnet_ops;
	t->dev.info.driver = "testnet";
	memcpy(t->dev.info.mac, mac, sizeof(mac));
	t->dev.info.mtu = 1500;
	t->dev.info.max_mtu = 9000;
	t->dev.info.features = features;
	t->dev.info.nb_rxq = 1;
	t->dev.info.nb_txq = 1;
	t->dev.info.rx_headroom = 16;
	t->dev.info.max_tx_segs = TESTNET_MAX_SEGS;
	t->dev.info.max_burst = TESTNET_BURST;
	t->link_up = true;
}

int testnet_register(struct testnet *t, uint32_t features)
{
	testnet_init(t, features);
	return km_netdev_register(&t->dev);
}

int testnet_inject(struct testnet *t, const void *frame, size_t len)
{
	struct km_netbuf *nb = NULL;
	unsigned int i;

	if (len > (size_t)t->dev.info.mtu + KM_NETDEV_ETH_HLEN) {
		km_netdev_count_rx_error(&t->dev);
		return -EMSGSIZE;
	}
	for (i = 0; i < TESTNET_RX_RING && !nb; i++)
		if (t->rx_posted[i]) {
			nb = t->rx_posted[i];
			t->rx_posted[i] = NULL;
		}
	if (!nb) {
		km_netdev_count_rx_drop(&t->dev);
		return -ENOBUFS;
	}
	memcpy(nb->data, frame, len);
	nb->len = len;
	t->rx_ready[t->rx_nready++] = nb;
	km_netdev_event(&t->dev, KM_NETDEV_EV_RX, 0);
	return 0;
}

struct km_netbuf *testnet_tx_take(struct testnet *t)
{
	struct km_netbuf *nb;

	if (!t->tx_n)
		return NULL;
	nb = t->tx[0];
	memmove(t->tx, t->tx + 1, (t->tx_n - 1) * sizeof(*t->tx));
	t->tx_n--;
	return nb;
}

void testnet_set_link(struct testnet *t, bool up)
{
	t->link_up = up;
	km_netdev_event(&t->dev, KM_NETDEV_EV_LINK, 0);
}
