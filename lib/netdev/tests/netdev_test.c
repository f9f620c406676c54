/* SPDX-License-Identifier: BSD-3-Clause */
/* In-image tests of lib/netdev: netbufs, the registry, queueing, statistics. */
#include <errno.h>
#include <string.h>
#include <km/test.h>
#include "testnet.h"

static struct testnet tn;
static int tn_index = -1;

static struct {
	unsigned int calls, event, queue;
} ev;

static void on_event(struct km_netdev *dev, unsigned int event, unsigned int queue, void *arg)
{
	(void)dev;
	(void)arg;
	ev.calls++;
	ev.event = event;
	ev.queue = queue;
}

/* The shared test device, started with @conf (defaults + events if NULL). */
static struct km_netdev *test_dev(const struct km_netdev_conf *conf)
{
	struct km_netdev_conf def = { .event = on_event };

	if (tn_index < 0)
		tn_index =
			testnet_register(&tn, KM_NETDEV_F_RX_INTR | KM_NETDEV_F_TX_SG |
						      KM_NETDEV_F_LINK_INTR | KM_NETDEV_F_MTU_SET);
	if (tn_index < 0) {
		km_test_fail(__FILE__, __LINE__, "testnet_register",
			     "no free slot: raise CONFIG_LIBNETDEV_MAX_DEVICES");
		return NULL;
	}
	km_netdev_stop(&tn.dev);
	memset(&ev, 0, sizeof(ev));
	if (km_netdev_start(&tn.dev, conf ? conf : &def))
		return NULL;
	return &tn.dev;
}

/* A frame of @len bytes whose bytes count up from @seed. */
static void fill(uint8_t *p, size_t len, uint8_t seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(seed + i);
}

static unsigned int released;

static void count_release(struct km_netbuf *nb)
{
	(void)nb;
	released++;
}

KM_TEST(netdev, netbuf_headroom_push_pull)
{
	struct km_netbuf *nb = km_netbuf_alloc(32, 100);

	KM_ASSERT_NOT_NULL(nb);
	KM_EXPECT_EQ((uintptr_t)nb->buf % 64, 0u);
	KM_EXPECT_EQ(km_netbuf_headroom(nb), 32u);
	KM_EXPECT_EQ(km_netbuf_tailroom(nb), 100u);
	KM_EXPECT_EQ(nb->len, 0u);
	KM_EXPECT_NOT_NULL(km_netbuf_push(nb, 32));
	KM_EXPECT_NULL(km_netbuf_push(nb, 1)); /* no headroom left: unchanged */
	KM_EXPECT_EQ(nb->len, 32u);
	KM_EXPECT_NOT_NULL(km_netbuf_pull(nb, 30));
	KM_EXPECT_NULL(km_netbuf_pull(nb, 3));
	KM_EXPECT_EQ(nb->len, 2u);
	KM_EXPECT_EQ(km_netbuf_headroom(nb), 30u);
	km_netbuf_free(nb);
	KM_EXPECT_NULL(km_netbuf_alloc(SIZE_MAX - 8, 16)); /* overflow refused, not wrapped */
	km_netbuf_free(NULL);
}

KM_TEST(netdev, netbuf_chain_copy_and_release)
{
	uint8_t a[10], b[5], c[7], out[22];
	struct km_netbuf s[3];

	fill(a, sizeof(a), 0);
	fill(b, sizeof(b), 10);
	fill(c, sizeof(c), 15);
	km_netbuf_init(&s[0], a, sizeof(a), 0, count_release, NULL);
	km_netbuf_init(&s[1], b, sizeof(b), 0, count_release, NULL);
	km_netbuf_init(&s[2], c, sizeof(c), 0, count_release, NULL);
	s[0].len = sizeof(a);
	s[1].len = sizeof(b);
	s[2].len = sizeof(c);
	s[0].next = &s[1];
	s[1].next = &s[2];
	KM_EXPECT_EQ(km_netbuf_frame_len(&s[0]), 22u);
	KM_EXPECT_EQ(km_netbuf_segments(&s[0]), 3u);
	memset(out, 0xee, sizeof(out));
	KM_EXPECT_EQ(km_netbuf_copy_out(&s[0], 8, out, 100), 14u);
	KM_EXPECT_EQ(out[0], 8);
	KM_EXPECT_EQ(out[13], 21);
	KM_EXPECT_EQ(km_netbuf_copy_out(&s[0], 22, out, 4), 0u);
	released = 0;
	km_netbuf_free(&s[0]);
	KM_EXPECT_EQ(released, 3u);
}

KM_TEST(netdev, register_refuses_bad_devices)
{
	static const struct km_netdev_ops no_ops;
	struct testnet bad; /* never registered, so it may live on the stack */
	unsigned int before = km_netdev_count();

	memset(&bad, 0, sizeof(bad));
	KM_EXPECT_EQ(km_netdev_register(&bad.dev), -EINVAL); /* no driver name */
	testnet_init(&bad, 0); /* a valid device; each mistake below is refused */
	bad.dev.info.mtu = 20;
	KM_EXPECT_EQ(km_netdev_register(&bad.dev), -EINVAL);
	bad.dev.info.mtu = 1500;
	bad.dev.info.nb_rxq = 0;
	KM_EXPECT_EQ(km_netdev_register(&bad.dev), -EINVAL);
	bad.dev.info.nb_rxq = 1;
	bad.dev.ops = &no_ops;
	KM_EXPECT_EQ(km_netdev_register(&bad.dev), -EINVAL);
	testnet_init(&bad, KM_NETDEV_F_RX_INTR);
	bad.dev.ops = &(const struct km_netdev_ops){ .start = bad.dev.ops->start,
						     .stop = bad.dev.ops->stop,
						     .rx_burst = bad.dev.ops->rx_burst,
						     .tx_burst = bad.dev.ops->tx_burst };
	KM_EXPECT_EQ(km_netdev_register(&bad.dev), -EINVAL); /* rx interrupts, no ops for them */
	KM_EXPECT_EQ(km_netdev_count(), before);
}

KM_TEST(netdev, enumeration_by_index_and_name)
{
	struct km_netdev *dev = test_dev(NULL);
	char name[KM_NETDEV_NAME_MAX];

	KM_ASSERT_NOT_NULL(dev);
	KM_EXPECT_EQ(km_netdev_get(km_netdev_index(dev)), dev);
	KM_EXPECT_NULL(km_netdev_get(km_netdev_count()));
	KM_EXPECT_EQ(strncmp(km_netdev_name(dev), "eth", 3), 0);
	strcpy(name, km_netdev_name(dev));
	KM_EXPECT_EQ(km_netdev_find(name), dev);
	KM_EXPECT_NULL(km_netdev_find("eth99"));
	KM_EXPECT_STREQ(km_netdev_info(dev)->driver, "testnet");
}

KM_TEST(netdev, start_stop_states)
{
	struct km_netdev *dev = test_dev(NULL);
	struct km_netdev_conf two = { .nb_rxq = 2 };
	struct km_netbuf *nb;

	KM_ASSERT_NOT_NULL(dev);
	KM_EXPECT_EQ(km_netdev_start(dev, NULL), -EBUSY);
	km_netdev_stop(dev);
	KM_EXPECT_FALSE(km_netdev_started(dev));
	KM_EXPECT_EQ(km_netdev_rx_burst(dev, 0, &nb, 1), -ENETDOWN);
	KM_EXPECT_EQ(km_netdev_tx_burst(dev, 0, &nb, 1), -ENETDOWN);
	KM_EXPECT_EQ(km_netdev_rxq_intr_enable(dev, 0), -ENETDOWN);
	KM_EXPECT_EQ(km_netdev_start(dev, &two), -EINVAL); /* it has one queue */
	KM_EXPECT_EQ(km_netdev_start(dev, NULL), 0);
	KM_EXPECT_EQ(km_netdev_rx_burst(dev, 1, &nb, 1), -EINVAL);
	KM_EXPECT_EQ(km_netdev_rx_burst(dev, 0, &nb, 1), 0);
}

KM_TEST(netdev, rx_polled_bursts_and_counts)
{
	struct km_netdev *dev = test_dev(NULL);
	struct km_netdev_stats before, after;
	struct km_netbuf *got[4];
	uint8_t frame[60];
	int i;

	KM_ASSERT_NOT_NULL(dev);
	km_netdev_stats(dev, &before);
	for (i = 0; i < 3; i++) {
		fill(frame, sizeof(frame), (uint8_t)(i * 50));
		KM_EXPECT_EQ(testnet_inject(&tn, frame, sizeof(frame) - (size_t)i), 0);
	}
	KM_EXPECT_EQ(km_netdev_rx_burst(dev, 0, got, 2), 2);
	KM_EXPECT_EQ(km_netdev_rx_burst(dev, 0, got + 2, 2), 1);
	KM_EXPECT_EQ(km_netdev_rx_burst(dev, 0, got + 3, 1), 0);
	for (i = 0; i < 3; i++) {
		KM_EXPECT_EQ(got[i]->len, 60 - (size_t)i); /* in arrival order */
		KM_EXPECT_EQ(got[i]->data[1], (uint8_t)(i * 50 + 1));
		KM_EXPECT_GE(km_netbuf_headroom(got[i]), 16u); /* the device's rx_headroom */
		km_netbuf_free(got[i]);
	}
	km_netdev_stats(dev, &after);
	KM_EXPECT_EQ(after.rx_packets - before.rx_packets, 3u);
	KM_EXPECT_EQ(after.rx_bytes - before.rx_bytes, (uint64_t)(60 + 59 + 58));
	KM_EXPECT_EQ(after.rx_drops, before.rx_drops);
}

KM_TEST(netdev, rx_full_ring_drops_and_errors_counted)
{
	struct km_netdev *dev = test_dev(NULL);
	struct km_netdev_stats before, after;
	struct km_netbuf *got[TESTNET_RX_RING];
	static uint8_t frame[1600];
	int i, n;

	KM_ASSERT_NOT_NULL(dev);
	km_netdev_stats(dev, &before);
	for (i = 0; i < TESTNET_RX_RING; i++)
		KM_EXPECT_EQ(testnet_inject(&tn, frame, 64), 0);
	KM_EXPECT_EQ(testnet_inject(&tn, frame, 64), -ENOBUFS);
	KM_EXPECT_EQ(testnet_inject(&tn, frame, 1515), -EMSGSIZE);
	n = km_netdev_rx_burst(dev, 0, got, TESTNET_RX_RING);
	KM_EXPECT_EQ(n, TESTNET_RX_RING);
	for (i = 0; i < n; i++)
		km_netbuf_free(got[i]);
	KM_EXPECT_EQ(testnet_inject(&tn, frame, 1514), 0); /* buffers were posted again */
	KM_EXPECT_EQ(km_netdev_rx_burst(dev, 0, got, 1), 1);
	km_netbuf_free(got[0]);
	km_netdev_stats(dev, &after);
	KM_EXPECT_EQ(after.rx_drops - before.rx_drops, 1u);
	KM_EXPECT_EQ(after.rx_errors - before.rx_errors, 1u);
	KM_EXPECT_EQ(after.rx_packets - before.rx_packets, (uint64_t)(TESTNET_RX_RING + 1));
}

KM_TEST(netdev, rx_interrupt_is_one_shot)
{
	struct km_netdev *dev = test_dev(NULL);
	struct km_netbuf *got[2];
	uint8_t frame[64] = { 0 };

	KM_ASSERT_NOT_NULL(dev);
	KM_EXPECT_EQ(testnet_inject(&tn, frame, sizeof(frame)), 0);
	KM_EXPECT_EQ(ev.calls, 0u);			    /* polled mode: no event */
	KM_EXPECT_EQ(km_netdev_rxq_intr_enable(dev, 0), 1); /* a frame waits: poll */
	KM_EXPECT_EQ(km_netdev_rx_burst(dev, 0, got, 2), 1);
	km_netbuf_free(got[0]);
	KM_EXPECT_EQ(km_netdev_rxq_intr_enable(dev, 0), 0);
	KM_EXPECT_EQ(testnet_inject(&tn, frame, sizeof(frame)), 0);
	KM_EXPECT_EQ(ev.calls, 1u);
	KM_EXPECT_EQ(ev.event, (uint64_t)(KM_NETDEV_EV_RX));
	KM_EXPECT_EQ(ev.queue, 0u);
	KM_EXPECT_EQ(testnet_inject(&tn, frame, sizeof(frame)), 0);
	KM_EXPECT_EQ(ev.calls, 1u); /* disarmed by the first event */
	KM_EXPECT_EQ(km_netdev_rx_burst(dev, 0, got, 2), 2);
	km_netbuf_free(got[0]);
	km_netbuf_free(got[1]);
	KM_EXPECT_EQ(km_netdev_rxq_intr_enable(dev, 0), 0);
	km_netdev_rxq_intr_disable(dev, 0);
	KM_EXPECT_EQ(testnet_inject(&tn, frame, sizeof(frame)), 0);
	KM_EXPECT_EQ(ev.calls, 1u); /* back to polled mode */
}

static struct km_netbuf *tx_frame(size_t len, uint8_t seed)
{
	struct km_netbuf *nb = km_netbuf_alloc(0, len);

	if (nb) {
		fill(nb->data, len, seed);
		nb->len = len;
	}
	return nb;
}

KM_TEST(netdev, tx_full_ring_takes_a_prefix)
{
	struct km_netdev *dev = test_dev(NULL);
	struct km_netdev_stats before, after;
	struct km_netbuf *pkts[6], *nb;
	int i, took;

	KM_ASSERT_NOT_NULL(dev);
	km_netdev_stats(dev, &before);
	for (i = 0; i < 6; i++)
		KM_ASSERT_NOT_NULL(pkts[i] = tx_frame(100 + (size_t)i, (uint8_t)i));
	took = km_netdev_tx_burst(dev, 0, pkts, 6); /* bursts of 3 into a ring of 4 */
	KM_EXPECT_EQ(took, TESTNET_TX_RING);
	nb = testnet_tx_take(&tn); /* the hardware finishes one */
	KM_ASSERT_NOT_NULL(nb);
	KM_EXPECT_EQ(nb->len, 100u);
	km_netbuf_free(nb);
	KM_EXPECT_EQ(km_netdev_tx_burst(dev, 0, pkts + took, 2), 1);
	while ((nb = testnet_tx_take(&tn)))
		km_netbuf_free(nb);
	KM_EXPECT_EQ(km_netdev_tx_burst(dev, 0, pkts + 5, 1), 1);
	nb = testnet_tx_take(&tn);
	KM_ASSERT_NOT_NULL(nb);
	KM_EXPECT_EQ(nb->data[0], 5);
	km_netbuf_free(nb);
	km_netdev_stats(dev, &after);
	KM_EXPECT_EQ(after.tx_packets - before.tx_packets, 6u);
	KM_EXPECT_EQ(after.tx_bytes - before.tx_bytes,
		     (uint64_t)(100 + 101 + 102 + 103 + 104 + 105));
}

KM_TEST(netdev, tx_bad_frames_counted_and_never_block)
{
	struct km_netdev *dev = test_dev(NULL);
	struct km_netdev_stats before, after;
	struct km_netbuf *pkts[3], *nb;

	KM_ASSERT_NOT_NULL(dev);
	km_netdev_stats(dev, &before);
	pkts[0] = tx_frame(13, 0);   /* shorter than an Ethernet header */
	pkts[1] = tx_frame(1515, 0); /* longer than mtu + 14 */
	pkts[2] = tx_frame(60, 7);
	KM_ASSERT_NOT_NULL(pkts[0]);
	KM_ASSERT_NOT_NULL(pkts[1]);
	KM_ASSERT_NOT_NULL(pkts[2]);
	KM_EXPECT_EQ(km_netdev_tx_burst(dev, 0, pkts, 3), 3);
	nb = testnet_tx_take(&tn);
	KM_ASSERT_NOT_NULL(nb);
	KM_EXPECT_EQ(nb->data[0], 7);
	km_netbuf_free(nb);
	KM_EXPECT_NULL(testnet_tx_take(&tn));
	km_netdev_stats(dev, &after);
	KM_EXPECT_EQ(after.tx_errors - before.tx_errors, 2u);
	KM_EXPECT_EQ(after.tx_packets - before.tx_packets, 1u);
}

KM_TEST(netdev, tx_scatter_list_linearised_when_too_long)
{
	struct km_netdev *dev = test_dev(NULL);
	uint8_t a[20], b[20], c[20];
	struct km_netbuf s[3], *p = &s[0], *nb;
	int i;

	KM_ASSERT_NOT_NULL(dev);
	fill(a, 20, 0);
	fill(b, 20, 20);
	fill(c, 20, 40);
	km_netbuf_init(&s[0], a, 20, 0, count_release, NULL);
	km_netbuf_init(&s[1], b, 20, 0, count_release, NULL);
	km_netbuf_init(&s[2], c, 20, 0, count_release, NULL);
	for (i = 0; i < 3; i++)
		s[i].len = 20;
	s[0].next = &s[1];
	s[1].next = &s[2]; /* 3 segments; the device takes 2 */
	released = 0;
	KM_EXPECT_EQ(km_netdev_tx_burst(dev, 0, &p, 1), 1);
	KM_EXPECT_EQ(released, 3u); /* the original went back to its owner */
	nb = testnet_tx_take(&tn);
	KM_ASSERT_NOT_NULL(nb);
	KM_EXPECT_EQ(km_netbuf_segments(nb), 1u);
	KM_EXPECT_EQ(nb->len, 60u);
	for (i = 0; i < 60; i++)
		KM_EXPECT_EQ(nb->data[i], (uint8_t)i);
	km_netbuf_free(nb);

	/* Two segments go through untouched (zero copy). */
	s[0].next = &s[1]; /* km_netbuf_free() unlinked them */
	s[1].next = NULL;
	released = 0;
	KM_EXPECT_EQ(km_netdev_tx_burst(dev, 0, &p, 1), 1);
	KM_EXPECT_EQ(released, 0u);
	KM_EXPECT_EQ(testnet_tx_take(&tn), &s[0]);
	km_netbuf_free(&s[0]);
	KM_EXPECT_EQ(released, 2u);
}

KM_TEST(netdev, tx_partial_checksum_completed_in_software)
{
	struct km_netdev *dev = test_dev(NULL);
	struct km_netbuf *nb = km_netbuf_alloc(0, 64);
	static const uint8_t payload[] = { 0x45, 0x00, 0x00, 0x1c, 0x12, 0x34, 0x40,
					   0x00, 0x40, 0x11, 0x00, 0x00, 0x0a, 0x00,
					   0x02, 0x0f, 0x0a, 0x00, 0x02, 0x02 };

	KM_ASSERT_NOT_NULL(dev);
	KM_ASSERT_NOT_NULL(nb);
	memset(nb->data, 0, 14);
	memcpy(nb->data + 14, payload, sizeof(payload));
	nb->len = 14 + sizeof(payload);
	/* The IPv4 header checksum, done the way a device would do an L4 one. */
	nb->flags = KM_NETBUF_F_CSUM_PARTIAL;
	nb->csum_start = 14;
	nb->csum_offset = 10;
	KM_EXPECT_EQ(km_netdev_tx_burst(dev, 0, &nb, 1), 1);
	nb = testnet_tx_take(&tn);
	KM_ASSERT_NOT_NULL(nb);
	/* 4500 001c 1234 4000 4011 0000 0a00 020f 0a00 0202 sums to 0xef72. */
	KM_EXPECT_EQ(nb->data[24], 0x10);
	KM_EXPECT_EQ(nb->data[25], 0x8d);
	KM_EXPECT_EQ(nb->flags & KM_NETBUF_F_CSUM_PARTIAL, 0u);
	km_netbuf_free(nb);
}

static unsigned int stack_allocs;

static struct km_netbuf *stack_alloc(struct km_netdev *dev, size_t headroom, size_t size, void *arg)
{
	(void)dev;
	stack_allocs++;
	return km_netbuf_alloc(headroom, arg ? 8 : size); /* arg: be too small */
}

KM_TEST(netdev, rx_buffers_from_the_stack_allocator)
{
	struct km_netdev_conf conf = { .rx_alloc = stack_alloc };
	struct km_netdev *dev;

	stack_allocs = 0;
	dev = test_dev(&conf);
	KM_ASSERT_NOT_NULL(dev);
	KM_EXPECT_EQ(stack_allocs, (uint64_t)(TESTNET_RX_RING));
	km_netdev_stop(dev);
	conf.rx_alloc_arg = &conf; /* too small buffers are refused: start fails */
	KM_EXPECT_EQ(km_netdev_start(dev, &conf), -ENOMEM);
	KM_EXPECT_FALSE(km_netdev_started(dev));
}

KM_TEST(netdev, link_state_and_event)
{
	struct km_netdev *dev = test_dev(NULL);
	struct km_netdev_link link;

	KM_ASSERT_NOT_NULL(dev);
	km_netdev_link(dev, &link);
	KM_EXPECT_TRUE(link.up);
	KM_EXPECT_EQ(link.speed_mbps, 1000u);
	testnet_set_link(&tn, false);
	KM_EXPECT_EQ(ev.calls, 1u);
	KM_EXPECT_EQ(ev.event, (uint64_t)(KM_NETDEV_EV_LINK));
	km_netdev_link(dev, &link);
	KM_EXPECT_FALSE(link.up);
	testnet_set_link(&tn, true);
}

KM_TEST(netdev, mtu_set_only_when_stopped_and_in_range)
{
	struct km_netdev *dev = test_dev(NULL);

	KM_ASSERT_NOT_NULL(dev);
	KM_EXPECT_EQ(km_netdev_mtu_set(dev, 9000), -EBUSY);
	km_netdev_stop(dev);
	KM_EXPECT_EQ(km_netdev_mtu_set(dev, 67), -EINVAL);
	KM_EXPECT_EQ(km_netdev_mtu_set(dev, 9001), -EINVAL);
	KM_EXPECT_EQ(km_netdev_mtu_set(dev, 9000), 0);
	KM_EXPECT_EQ(km_netdev_info(dev)->mtu, 9000);
	KM_EXPECT_EQ(km_netdev_mtu_set(dev, 1500), 0);
}
