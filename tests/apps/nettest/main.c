/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Frame-level network check, no IP stack: through netdev device eth0, ask
 * by ARP who has <target-ip> (saying we are <own-ip>) and wait for the
 * answer, resending every 250 ms, for at most 10 s.
 *
 *   nettest_<plat> [linuxu.tap=tap0] -- <target-ip> <own-ip> [-p] [-n COUNT]
 *
 * -p polls; otherwise the rx interrupt wakes the idle loop (when the
 * device has one). -n asks COUNT times in a row (default 1), each time
 * waiting for the answer, so the rings wrap around, and reports the heap
 * lost between the first and the last answer (a buffer leak shows).
 * Prints the answer's MAC, the mode and the device's statistics; exits 0
 * when every question got an answer, 1 otherwise, 2 on bad arguments.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <km/alloc.h>
#include <km/netdev.h>
#include <km/plat/lifecycle.h>
#include <km/plat/time.h>

#define ETH_P_ARP 0x0806
#define ARP_LEN	  42 /* Ethernet header + ARP for IPv4 over Ethernet */

static volatile unsigned int rx_events;

static void on_event(struct km_netdev *dev, unsigned int event, unsigned int queue, void *arg)
{
	(void)dev;
	(void)queue;
	(void)arg;
	if (event == KM_NETDEV_EV_RX)
		rx_events++;
}

static int parse_ip(const char *s, uint8_t ip[4])
{
	unsigned int a, b, c, d;
	char end;

	if (sscanf(s, "%u.%u.%u.%u%c", &a, &b, &c, &d, &end) != 4 || a > 255 || b > 255 ||
	    c > 255 || d > 255)
		return -1;
	ip[0] = (uint8_t)a;
	ip[1] = (uint8_t)b;
	ip[2] = (uint8_t)c;
	ip[3] = (uint8_t)d;
	return 0;
}

static int send_request(struct km_netdev *dev, const uint8_t target[4], const uint8_t own[4])
{
	const uint8_t *mac = km_netdev_info(dev)->mac;
	struct km_netbuf *nb = km_netbuf_alloc(km_netdev_info(dev)->tx_headroom, ARP_LEN);
	uint8_t *p;
	int rc;

	if (!nb)
		return -1;
	p = nb->data;
	memset(p, 0xff, 6); /* broadcast */
	memcpy(p + 6, mac, 6);
	p[12] = ETH_P_ARP >> 8;
	p[13] = ETH_P_ARP & 0xff;
	p += 14;
	p[0] = 0, p[1] = 1;    /* hardware: Ethernet */
	p[2] = 8, p[3] = 0;    /* protocol: IPv4 */
	p[4] = 6, p[5] = 4;    /* address lengths */
	p[6] = 0, p[7] = 1;    /* request */
	memcpy(p + 8, mac, 6); /* sender */
	memcpy(p + 14, own, 4);
	memset(p + 18, 0, 6); /* target MAC: unknown */
	memcpy(p + 24, target, 4);
	nb->len = ARP_LEN;
	rc = km_netdev_tx_burst(dev, 0, &nb, 1);
	if (rc != 1)
		km_netbuf_free(nb);
	return rc == 1 ? 0 : -1;
}

/* Is @nb the ARP reply from @target? Fills @mac if so. */
static int is_reply(const struct km_netbuf *nb, const uint8_t target[4], uint8_t mac[6])
{
	const uint8_t *p = nb->data;

	if (nb->len < ARP_LEN || p[12] != ETH_P_ARP >> 8 || p[13] != (ETH_P_ARP & 0xff))
		return 0;
	p += 14;
	if (p[6] != 0 || p[7] != 2 || memcmp(p + 14, target, 4))
		return 0;
	memcpy(mac, p + 8, 6);
	return 1;
}

/* Take what waits on the queue; true once the answer was among it. */
static bool drain(struct km_netdev *dev, const uint8_t target[4], uint8_t mac[6],
		  unsigned int *frames)
{
	struct km_netbuf *got[8];
	bool found = false;
	int i, n;

	while ((n = km_netdev_rx_burst(dev, 0, got, 8)) > 0)
		for (i = 0; i < n; i++) {
			(*frames)++;
			if (!found && is_reply(got[i], target, mac))
				found = true;
			km_netbuf_free(got[i]);
		}
	return found;
}

/*
 * Ask once; true when the answer came within 10 s. In interrupt mode the
 * queue is only read after an rx event, so an answer proves the device's
 * interrupt reached the stack; polled mode reads it every millisecond.
 */
static bool ask(struct km_netdev *dev, const uint8_t target[4], const uint8_t own[4], bool polled,
		uint8_t mac[6], unsigned int *frames)
{
	km_nsec_t now, end = km_plat_monotonic_ns() + 10 * KM_NSEC_PER_SEC, next_send;

	while ((now = km_plat_monotonic_ns()) < end) {
		unsigned int events = rx_events;

		next_send = now + KM_NSEC_PER_SEC / 4;
		/* Armed before asking: the answer cannot slip past the event. */
		while (!polled && km_netdev_rxq_intr_enable(dev, 0) == 1)
			if (drain(dev, target, mac, frames))
				return true;
		send_request(dev, target, own);
		while ((now = km_plat_monotonic_ns()) < next_send) {
			if (polled) {
				if (drain(dev, target, mac, frames))
					return true;
				km_plat_halt_until(now + KM_NSEC_PER_SEC / 1000);
			} else if (rx_events != events) {
				if (drain(dev, target, mac, frames))
					return true;
				break; /* something else came: arm again and ask again */
			} else {
				km_plat_halt_until(next_send);
			}
		}
	}
	return false;
}

/* Frames still in flight go back to their owners: one more rx call
 * reclaims finished tx buffers; drop whatever arrived. */
static void settle(struct km_netdev *dev)
{
	struct km_netbuf *got[8];
	int n, i;

	while ((n = km_netdev_rx_burst(dev, 0, got, 8)) > 0)
		for (i = 0; i < n; i++)
			km_netbuf_free(got[i]);
}

int main(int argc, char *argv[])
{
	struct km_netdev_conf conf = { .event = on_event };
	struct km_netdev_stats st;
	struct km_netdev *dev = km_netdev_get(0);
	uint8_t target[4], own[4], mac[6];
	bool polled = false;
	unsigned int frames = 0, count = 1, answered = 0, i;
	size_t heap_first = 0, heap_last = 0;
	char *end;

	for (i = 3; i < (unsigned int)argc; i++) {
		if (!strcmp(argv[i], "-p")) {
			polled = true;
		} else if (!strcmp(argv[i], "-n") && i + 1 < (unsigned int)argc) {
			count = (unsigned int)strtoul(argv[++i], &end, 10);
			if (*end || !count)
				argc = 0;
		} else {
			argc = 0;
		}
	}
	if (argc < 3 || parse_ip(argv[1], target) || parse_ip(argv[2], own)) {
		fprintf(stderr, "usage: nettest -- <target-ip> <own-ip> [-p] [-n COUNT]\n");
		return 2;
	}
	printf("nettest: %u network devices\n", km_netdev_count());
	if (!dev) {
		fprintf(stderr, "nettest: no network device\n");
		return 1;
	}
	if (!(km_netdev_info(dev)->features & KM_NETDEV_F_RX_INTR))
		polled = true;
	if (km_netdev_start(dev, &conf)) {
		fprintf(stderr, "nettest: %s: cannot start\n", km_netdev_name(dev));
		return 1;
	}
	for (i = 0; i < count; i++) {
		if (!ask(dev, target, own, polled, mac, &frames))
			break;
		answered++;
		settle(dev);
		if (i == 0)
			heap_first = km_alloc_available();
		heap_last = km_alloc_available();
	}
	km_netdev_stats(dev, &st);
	printf("nettest: %s (%s): %s mode, %u rx events, %u frames seen\n", km_netdev_name(dev),
	       km_netdev_info(dev)->driver, polled ? "polled" : "interrupt", rx_events, frames);
	printf("nettest: stats rx %llu packets %llu bytes %llu drops %llu errors, "
	       "tx %llu packets %llu bytes %llu drops %llu errors\n",
	       (unsigned long long)st.rx_packets, (unsigned long long)st.rx_bytes,
	       (unsigned long long)st.rx_drops, (unsigned long long)st.rx_errors,
	       (unsigned long long)st.tx_packets, (unsigned long long)st.tx_bytes,
	       (unsigned long long)st.tx_drops, (unsigned long long)st.tx_errors);
	km_netdev_stop(dev);
	if (answered < count) {
		printf("nettest: no ARP answer from %s in 10 s (%u of %u answered)\n", argv[1],
		       answered, count);
		return 1;
	}
	printf("nettest: %u answers, heap lost between the first and the last: %ld bytes\n",
	       answered, (long)heap_first - (long)heap_last);
	printf("nettest: %s is at %02x:%02x:%02x:%02x:%02x:%02x\n", argv[1], mac[0], mac[1], mac[2],
	       mac[3], mac[4], mac[5]);
	return 0;
}
