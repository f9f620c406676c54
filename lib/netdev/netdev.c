/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The device registry and the checks, counting and linearising that every
 * driver would otherwise repeat (see km/netdev.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <km/netdev.h>
#include <km/plat/timer.h>
#include <km/print.h>

#define MIN_MTU	 68 /* IPv4's minimum (RFC 791) */
#define TX_CHUNK 32 /* frames checked and handed to a driver at once */

static struct km_netdev *devices[CONFIG_LIBNETDEV_MAX_DEVICES];
static unsigned int ndevices;

static void count(uint64_t *counter, uint64_t n)
{
	__atomic_add_fetch(counter, n, __ATOMIC_RELAXED);
}

static int refuse(const struct km_netdev *dev, const char *what)
{
	km_pr_err("%s: refused: %s\n", dev->info.driver ? dev->info.driver : "(unnamed driver)",
		  what);
	return -EINVAL;
}

int km_netdev_register(struct km_netdev *dev)
{
	const struct km_netdev_info *in = &dev->info;
	const struct km_netdev_ops *ops = dev->ops;
	unsigned long irq;
	int index;

	if (!in->driver)
		return refuse(dev, "info.driver is NULL");
	if (!ops || !ops->start || !ops->stop || !ops->rx_burst || !ops->tx_burst)
		return refuse(dev, "ops lacks start, stop, rx_burst or tx_burst");
	if ((in->features & KM_NETDEV_F_RX_INTR) &&
	    (!ops->rxq_intr_enable || !ops->rxq_intr_disable))
		return refuse(dev, "KM_NETDEV_F_RX_INTR without rxq_intr_enable/disable");
	if ((in->features & KM_NETDEV_F_MTU_SET) && !ops->mtu_set)
		return refuse(dev, "KM_NETDEV_F_MTU_SET without mtu_set");
	if (in->nb_rxq < 1 || in->nb_rxq > KM_NETDEV_MAX_QUEUES || in->nb_txq < 1 ||
	    in->nb_txq > KM_NETDEV_MAX_QUEUES)
		return refuse(dev, "nb_rxq/nb_txq outside 1..KM_NETDEV_MAX_QUEUES");
	if (in->mtu < MIN_MTU || in->mtu > in->max_mtu)
		return refuse(dev, "mtu outside 68..max_mtu");
	if (in->max_tx_segs < 1 || in->max_burst < 1)
		return refuse(dev, "max_tx_segs or max_burst is 0");

	irq = km_plat_irq_save();
	if (ndevices >= CONFIG_LIBNETDEV_MAX_DEVICES) {
		km_plat_irq_restore(irq);
		km_pr_err("%s: no room for another device (CONFIG_LIBNETDEV_MAX_DEVICES=%d)\n",
			  in->driver, CONFIG_LIBNETDEV_MAX_DEVICES);
		return -ENOSPC;
	}
	index = (int)ndevices;
	dev->index = ndevices;
	snprintf(dev->name, sizeof(dev->name), "eth%u", dev->index);
	dev->started = false;
	memset(dev->intr_armed, 0, sizeof(dev->intr_armed));
	memset(&dev->cnt, 0, sizeof(dev->cnt));
	devices[ndevices] = dev;
	__atomic_store_n(&ndevices, ndevices + 1, __ATOMIC_RELEASE);
	km_plat_irq_restore(irq);

	km_pr_info("%s: %s, MAC %02x:%02x:%02x:%02x:%02x:%02x, MTU %u\n", dev->name, in->driver,
		   in->mac[0], in->mac[1], in->mac[2], in->mac[3], in->mac[4], in->mac[5], in->mtu);
	return index;
}

unsigned int km_netdev_count(void)
{
	return __atomic_load_n(&ndevices, __ATOMIC_ACQUIRE);
}

struct km_netdev *km_netdev_get(unsigned int index)
{
	return index < km_netdev_count() ? devices[index] : NULL;
}

struct km_netdev *km_netdev_find(const char *name)
{
	unsigned int i, n = km_netdev_count();

	for (i = 0; name && i < n; i++)
		if (!strcmp(devices[i]->name, name))
			return devices[i];
	return NULL;
}

const char *km_netdev_name(const struct km_netdev *dev)
{
	return dev->name;
}

unsigned int km_netdev_index(const struct km_netdev *dev)
{
	return dev->index;
}

const struct km_netdev_info *km_netdev_info(const struct km_netdev *dev)
{
	return &dev->info;
}

bool km_netdev_started(const struct km_netdev *dev)
{
	return __atomic_load_n(&dev->started, __ATOMIC_ACQUIRE);
}

int km_netdev_start(struct km_netdev *dev, const struct km_netdev_conf *conf)
{
	static const struct km_netdev_conf defaults;
	int rc;

	if (dev->started)
		return -EBUSY;
	dev->conf = conf ? *conf : defaults;
	if (!dev->conf.nb_rxq)
		dev->conf.nb_rxq = 1;
	if (!dev->conf.nb_txq)
		dev->conf.nb_txq = 1;
	if (dev->conf.nb_rxq > dev->info.nb_rxq || dev->conf.nb_txq > dev->info.nb_txq)
		return -EINVAL;
	dev->conf.features &= dev->info.features & (KM_NETDEV_F_RX_CSUM | KM_NETDEV_F_TX_CSUM);
	memset(dev->intr_armed, 0, sizeof(dev->intr_armed));
	dev->rx_alloc_warned = false;
	rc = dev->ops->start(dev);
	if (rc < 0) {
		km_pr_err("%s: cannot start: error %d\n", dev->name, rc);
		return rc;
	}
	__atomic_store_n(&dev->started, true, __ATOMIC_RELEASE);
	return 0;
}

void km_netdev_stop(struct km_netdev *dev)
{
	unsigned int q;

	if (!dev->started)
		return;
	for (q = 0; q < dev->conf.nb_rxq; q++)
		km_netdev_rxq_intr_disable(dev, q);
	__atomic_store_n(&dev->started, false, __ATOMIC_RELEASE);
	dev->ops->stop(dev);
}

int km_netdev_rx_burst(struct km_netdev *dev, unsigned int q, struct km_netbuf **pkts,
		       unsigned int n)
{
	uint64_t bytes = 0;
	int got, i;

	if (!km_netdev_started(dev))
		return -ENETDOWN;
	if (q >= dev->conf.nb_rxq)
		return -EINVAL;
	if (!n)
		return 0;
	got = dev->ops->rx_burst(dev, q, pkts, n);
	if (got <= 0)
		return got;
	for (i = 0; i < got; i++)
		bytes += pkts[i]->len;
	count(&dev->cnt.rx_packets, (uint64_t)got);
	count(&dev->cnt.rx_bytes, bytes);
	return got;
}

/* Byte @off of a frame (which has it). */
static uint8_t *frame_byte(struct km_netbuf *nb, size_t off)
{
	while (off >= nb->len) {
		off -= nb->len;
		nb = nb->next;
	}
	return nb->data + off;
}

/*
 * What a device with KM_NETDEV_F_TX_CSUM would do: the ones'-complement
 * sum from csum_start to the end (the field holds the pseudo-header sum),
 * folded, complemented, stored big-endian; a UDP sum of 0 is sent as
 * 0xffff (RFC 768), which TCP accepts as well.
 */
static void csum_complete(struct km_netbuf *nb)
{
	const struct km_netbuf *seg;
	size_t pos = 0, i;
	uint8_t *field_hi, *field_lo;
	uint64_t sum = 0;
	uint16_t folded;

	for (seg = nb; seg; pos += seg->len, seg = seg->next)
		for (i = pos < nb->csum_start ? nb->csum_start - pos : 0; i < seg->len; i++)
			sum += (pos + i - nb->csum_start) & 1 ? seg->data[i]
							      : (uint32_t)seg->data[i] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	folded = (uint16_t)~sum;
	if (!folded)
		folded = 0xffff;
	field_hi = frame_byte(nb, (size_t)nb->csum_start + nb->csum_offset);
	field_lo = frame_byte(nb, (size_t)nb->csum_start + nb->csum_offset + 1);
	*field_hi = (uint8_t)(folded >> 8);
	*field_lo = (uint8_t)folded;
	nb->flags &= ~KM_NETBUF_F_CSUM_PARTIAL;
}

/* Why a frame cannot go as it is: 0 fine, 1 needs one buffer, -1 invalid. */
static int tx_check(const struct km_netdev *dev, struct km_netbuf *nb, size_t *len)
{
	unsigned int segs = km_netbuf_segments(nb);

	*len = km_netbuf_frame_len(nb);
	if (*len < KM_NETDEV_ETH_HLEN || *len > (size_t)dev->info.mtu + KM_NETDEV_ETH_HLEN)
		return -1;
	if (nb->flags & KM_NETBUF_F_CSUM_PARTIAL) {
		if ((size_t)nb->csum_start + nb->csum_offset + 2 > *len)
			return -1;
		if (!(dev->conf.features & KM_NETDEV_F_TX_CSUM))
			csum_complete(nb);
	}
	if (segs > 1 && (!(dev->info.features & KM_NETDEV_F_TX_SG) || segs > dev->info.max_tx_segs))
		return 1;
	return 0;
}

static struct km_netbuf *linearise(const struct km_netdev *dev, const struct km_netbuf *nb,
				   size_t len)
{
	struct km_netbuf *one = km_netbuf_alloc(dev->info.tx_headroom, len);

	if (!one)
		return NULL;
	one->len = km_netbuf_copy_out(nb, 0, one->data, len);
	one->flags = nb->flags;
	one->csum_start = nb->csum_start;
	one->csum_offset = nb->csum_offset;
	return one;
}

/* Hand pkts[0..n) (all valid, n <= TX_CHUNK) to the driver in bursts of at
 * most max_burst; returns how many it took. */
static unsigned int tx_run(struct km_netdev *dev, unsigned int q, struct km_netbuf **pkts,
			   const size_t *lens, unsigned int n)
{
	unsigned int done = 0;

	while (done < n) {
		unsigned int want = KM_MIN(n - done, (unsigned int)dev->info.max_burst);
		int took = dev->ops->tx_burst(dev, q, pkts + done, want);
		int i;

		if (took <= 0)
			break;
		for (i = 0; i < took; i++) {
			count(&dev->cnt.tx_packets, 1);
			count(&dev->cnt.tx_bytes, lens[done + (unsigned int)i]);
		}
		done += (unsigned int)took;
		if ((unsigned int)took < want)
			break;
	}
	return done;
}

int km_netdev_tx_burst(struct km_netdev *dev, unsigned int q, struct km_netbuf **pkts,
		       unsigned int n)
{
	size_t lens[TX_CHUNK];
	unsigned int i = 0;

	if (!km_netdev_started(dev))
		return -ENETDOWN;
	if (q >= dev->conf.nb_txq)
		return -EINVAL;
	while (i < n) {
		unsigned int run = 0, took;
		int verdict = 0;

		/* The longest run of frames that can go as they are. */
		while (i + run < n && run < TX_CHUNK) {
			verdict = tx_check(dev, pkts[i + run], &lens[run]);
			if (verdict)
				break;
			run++;
		}
		if (run) {
			took = tx_run(dev, q, pkts + i, lens, run);
			i += took;
			if (took < run)
				return (int)i;
			continue;
		}
		if (verdict < 0) {
			km_netbuf_free(pkts[i++]);
			count(&dev->cnt.tx_errors, 1);
			continue;
		}
		/* A scatter list the device cannot take: send a copy, and free
		 * the original only once the copy is taken. */
		{
			struct km_netbuf *one = linearise(dev, pkts[i], lens[0]);

			if (!one) {
				km_netbuf_free(pkts[i++]);
				count(&dev->cnt.tx_errors, 1);
				continue;
			}
			if (tx_run(dev, q, &one, lens, 1) != 1) {
				km_netbuf_free(one);
				return (int)i;
			}
			km_netbuf_free(pkts[i++]);
		}
	}
	return (int)i;
}

int km_netdev_rxq_intr_enable(struct km_netdev *dev, unsigned int q)
{
	int rc;

	if (!km_netdev_started(dev))
		return -ENETDOWN;
	if (q >= dev->conf.nb_rxq)
		return -EINVAL;
	if (!(dev->info.features & KM_NETDEV_F_RX_INTR))
		return -ENOTSUP;
	__atomic_store_n(&dev->intr_armed[q], true, __ATOMIC_RELEASE);
	rc = dev->ops->rxq_intr_enable(dev, q);
	if (rc != 0)
		__atomic_store_n(&dev->intr_armed[q], false, __ATOMIC_RELEASE);
	return rc;
}

void km_netdev_rxq_intr_disable(struct km_netdev *dev, unsigned int q)
{
	if (q >= KM_NETDEV_MAX_QUEUES || !(dev->info.features & KM_NETDEV_F_RX_INTR))
		return;
	if (__atomic_exchange_n(&dev->intr_armed[q], false, __ATOMIC_ACQ_REL))
		dev->ops->rxq_intr_disable(dev, q);
}

bool km_netdev_event(struct km_netdev *dev, unsigned int event, unsigned int queue)
{
	km_netdev_event_fn fn = dev->conf.event;

	if (!km_netdev_started(dev))
		return false;
	if (event == KM_NETDEV_EV_RX) {
		if (queue >= KM_NETDEV_MAX_QUEUES ||
		    !__atomic_exchange_n(&dev->intr_armed[queue], false, __ATOMIC_ACQ_REL))
			return false;
	}
	if (!fn)
		return false;
	fn(dev, event, queue, dev->conf.event_arg);
	return true;
}

void km_netdev_link(struct km_netdev *dev, struct km_netdev_link *link)
{
	memset(link, 0, sizeof(*link));
	link->up = true;
	if (dev->ops->link)
		dev->ops->link(dev, link);
}

int km_netdev_mtu_set(struct km_netdev *dev, uint16_t mtu)
{
	int rc;

	if (!(dev->info.features & KM_NETDEV_F_MTU_SET))
		return -ENOTSUP;
	if (dev->started)
		return -EBUSY;
	if (mtu < MIN_MTU || mtu > dev->info.max_mtu)
		return -EINVAL;
	rc = dev->ops->mtu_set(dev, mtu);
	if (!rc)
		dev->info.mtu = mtu;
	return rc;
}

void km_netdev_stats(const struct km_netdev *dev, struct km_netdev_stats *out)
{
	const struct km_netdev_counters *c = &dev->cnt;

	out->rx_packets = __atomic_load_n(&c->rx_packets, __ATOMIC_RELAXED);
	out->rx_bytes = __atomic_load_n(&c->rx_bytes, __ATOMIC_RELAXED);
	out->rx_drops = __atomic_load_n(&c->rx_drops, __ATOMIC_RELAXED);
	out->rx_errors = __atomic_load_n(&c->rx_errors, __ATOMIC_RELAXED);
	out->tx_packets = __atomic_load_n(&c->tx_packets, __ATOMIC_RELAXED);
	out->tx_bytes = __atomic_load_n(&c->tx_bytes, __ATOMIC_RELAXED);
	out->tx_drops = __atomic_load_n(&c->tx_drops, __ATOMIC_RELAXED);
	out->tx_errors = __atomic_load_n(&c->tx_errors, __ATOMIC_RELAXED);
}

static struct km_netbuf *default_rx_alloc(struct km_netdev *dev, size_t headroom, size_t size,
					  void *arg)
{
	(void)dev;
	(void)arg;
	return km_netbuf_alloc(headroom, size);
}

struct km_netbuf *km_netdev_rx_buffer(struct km_netdev *dev)
{
	km_netdev_alloc_fn fn = dev->conf.rx_alloc ? dev->conf.rx_alloc : default_rx_alloc;
	size_t size = (size_t)dev->info.mtu + KM_NETDEV_ETH_HLEN;
	struct km_netbuf *nb = fn(dev, dev->info.rx_headroom, size, dev->conf.rx_alloc_arg);

	/* A stack's allocator that gives less than asked would let a device
	 * write past the buffer: refuse such a buffer outright. */
	if (nb && (km_netbuf_headroom(nb) < dev->info.rx_headroom ||
		   km_netbuf_tailroom(nb) + nb->len < size)) {
		if (!dev->rx_alloc_warned)
			km_pr_err(
				"%s: the stack's rx allocator gave a buffer smaller than %zu + %zu "
				"bytes of headroom: refused\n",
				dev->name, size, (size_t)dev->info.rx_headroom);
		dev->rx_alloc_warned = true;
		km_netbuf_free(nb);
		return NULL;
	}
	if (nb) {
		nb->len = 0;
		nb->next = NULL;
		nb->flags = 0;
	}
	return nb;
}

void km_netdev_count_rx_drop(struct km_netdev *dev)
{
	count(&dev->cnt.rx_drops, 1);
}

void km_netdev_count_rx_error(struct km_netdev *dev)
{
	count(&dev->cnt.rx_errors, 1);
}

void km_netdev_count_tx_drop(struct km_netdev *dev)
{
	count(&dev->cnt.tx_drops, 1);
}

void km_netdev_count_tx_error(struct km_netdev *dev)
{
	count(&dev->cnt.tx_errors, 1);
}
