/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * testnet: a software network device for the in-image tests. Nothing is
 * connected to it: a test injects received frames with testnet_inject()
 * and takes transmitted ones with testnet_tx_take(), which plays the part
 * of the hardware finishing a send. Its rings are small on purpose, so that
 * full rings, drops and partial bursts are easy to reach.
 */
#ifndef KM_NETDEV_TESTNET_H
#define KM_NETDEV_TESTNET_H

#include <km/netdev.h>

#define TESTNET_RX_RING	 4
#define TESTNET_TX_RING	 4
#define TESTNET_MAX_SEGS 2
#define TESTNET_BURST	 3

struct testnet {
	struct km_netdev dev;
	struct km_netbuf *rx_posted[TESTNET_RX_RING]; /* empty buffers, NULL once filled */
	struct km_netbuf *rx_ready[TESTNET_RX_RING];  /* filled, oldest first */
	unsigned int rx_nready;
	struct km_netbuf *tx[TESTNET_TX_RING]; /* sent, not yet finished; oldest first */
	unsigned int tx_n;
	bool link_up;
	unsigned int intr_enables;
};

/* Fill the device's fields (without registering it). */
void testnet_init(struct testnet *t, uint32_t features);
/* testnet_init, then register it: the index, or -errno. */
int testnet_register(struct testnet *t, uint32_t features);
/* A frame arrives: 0; -ENOBUFS (no buffer posted: counted as a drop);
 * -EMSGSIZE (longer than mtu + 14: counted as an error). */
int testnet_inject(struct testnet *t, const void *frame, size_t len);
/* The oldest frame the device is sending, now the caller's; NULL if none. */
struct km_netbuf *testnet_tx_take(struct testnet *t);
/* Change the link and tell the stack. */
void testnet_set_link(struct testnet *t, bool up);

#endif /* KM_NETDEV_TESTNET_H */
