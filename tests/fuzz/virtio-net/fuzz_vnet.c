/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target (tests/fuzz/run): virtio-net's frame handoff and lib/netdev's checks,
 * built for the host with a fake virtio device whose every move comes
 * from the input: which rx buffer it fills, the length it claims to have
 * written (anything, also more than the buffer), the bytes; which tx
 * chains it finishes; and the stack's calls (rx/tx bursts with arbitrary
 * scatter lists, offload flags and offsets, interrupt arming, stop and
 * start). AddressSanitizer catches any access outside a buffer, its leak
 * checker any frame that is never given back, and the asserts below any
 * frame handed to the stack that breaks km/netdev.h's contract.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virtio_net.c"
/* The registry too, so that every input starts with an empty one. */
#include "netdev.c"

/* ---- the platform and the other libraries, as the driver sees them ---- */
unsigned long km_plat_irq_save(void)
{
	return 0;
}
void km_plat_irq_restore(unsigned long flags)
{
	(void)flags;
}
unsigned int km_print_level = 0;
void km_printk(unsigned int level, const char *lib, const char *fmt, ...)
{
	(void)level;
	(void)lib;
	(void)fmt;
}

/* ---- a fake virtio device ---- */
#define QSIZE 16
struct chain {
	void *token;
	struct km_virtq_seg segs[1 + TX_MAX_SEGS];
	unsigned int nseg, nin;
};
struct km_virtq {
	struct chain posted[QSIZE]; /* made available, in order */
	unsigned int nposted, ndesc_used;
	struct chain used[QSIZE];
	uint32_t used_len[QSIZE];
	unsigned int nused;
	km_virtq_callback_t cb;
	void *arg;
	bool intr;
};
static struct km_virtq fake_q[2];
static struct km_virtio_dev fake_vdev = { .name = "fuzz", .features = 1ULL << VIRTIO_NET_F_MAC };

int km_virtio_config_read(struct km_virtio_dev *vdev, unsigned int off, void *buf, size_t len)
{
	(void)vdev;
	(void)off;
	memset(buf, 0x42, len);
	return 0;
}
int km_virtq_create(struct km_virtio_dev *vdev, uint16_t index, uint16_t max_size,
		    km_virtq_callback_t cb, void *arg, struct km_virtq **out)
{
	(void)vdev;
	(void)max_size;
	memset(&fake_q[index], 0, sizeof(fake_q[index]));
	fake_q[index].cb = cb;
	fake_q[index].arg = arg;
	*out = &fake_q[index];
	return 0;
}
uint16_t km_virtq_size(const struct km_virtq *vq)
{
	(void)vq;
	return QSIZE;
}
uint16_t km_virtq_free_count(const struct km_virtq *vq)
{
	return (uint16_t)(QSIZE - vq->ndesc_used);
}
int km_virtq_add(struct km_virtq *vq, const struct km_virtq_seg *segs, unsigned int nout,
		 unsigned int nin, void *token)
{
	unsigned int n = nout + nin, i;

	assert(token && n >= 1 && n <= 1 + TX_MAX_SEGS);
	for (i = 0; i < n; i++)
		assert(segs[i].len > 0);
	if (n > QSIZE - vq->ndesc_used)
		return -ENOSPC;
	vq->posted[vq->nposted].token = token;
	memcpy(vq->posted[vq->nposted].segs, segs, n * sizeof(*segs));
	vq->posted[vq->nposted].nseg = n;
	vq->posted[vq->nposted].nin = nin;
	vq->nposted++;
	vq->ndesc_used += n;
	return 0;
}
void km_virtq_kick(struct km_virtq *vq)
{
	(void)vq;
}
void *km_virtq_get_used(struct km_virtq *vq, uint32_t *written)
{
	void *token;

	if (!vq->nused)
		return NULL;
	token = vq->used[0].token;
	if (written)
		*written = vq->used_len[0];
	vq->ndesc_used -= vq->used[0].nseg;
	memmove(vq->used, vq->used + 1, (vq->nused - 1) * sizeof(vq->used[0]));
	memmove(vq->used_len, vq->used_len + 1, (vq->nused - 1) * sizeof(vq->used_len[0]));
	vq->nused--;
	return token;
}
/* The device finishes chain @i of @vq, claiming @written bytes. */
static void device_use(struct km_virtq *vq, unsigned int i, uint32_t written, const uint8_t *data,
		       size_t len)
{
	struct chain c;

	if (!vq->nposted)
		return;
	i %= vq->nposted;
	c = vq->posted[i];
	memmove(vq->posted + i, vq->posted + i + 1, (vq->nposted - i - 1) * sizeof(c));
	vq->nposted--;
	/* A device reads every readable byte and writes into writable ones. */
	for (unsigned int s = 0; s < c.nseg; s++) {
		volatile const uint8_t *p = c.segs[s].addr;
		if (s < c.nseg - c.nin) {
			for (uint32_t k = 0; k < c.segs[s].len; k++)
				(void)p[k];
		} else {
			size_t n = KM_MIN((size_t)c.segs[s].len, len);
			if (n)
				memcpy(c.segs[s].addr, data, n);
		}
	}
	vq->used[vq->nused] = c;
	vq->used_len[vq->nused] = written;
	vq->nused++;
	if (vq->cb && vq->intr)
		vq->cb(vq, vq->arg);
}
void km_virtq_wait(struct km_virtq *vq)
{
	while (vq->nposted) /* the device finishes what it was given */
		device_use(vq, 0, 0, NULL, 0);
}
void km_virtq_intr_disable(struct km_virtq *vq)
{
	vq->intr = false;
}
int km_virtq_intr_enable(struct km_virtq *vq)
{
	vq->intr = true;
	return vq->nused != 0;
}

/* ---- the input ---- */
struct input {
	const uint8_t *p;
	size_t n;
};
static unsigned int take(struct input *in, unsigned int bytes)
{
	unsigned int v = 0;

	while (bytes--) {
		v = v << 8 | (in->n ? *in->p : 0);
		if (in->n) {
			in->p++;
			in->n--;
		}
	}
	return v;
}

static unsigned int stack_frees;
static void stack_release(struct km_netbuf *nb)
{
	stack_frees++;
	free(nb->buf);
	free(nb);
}

/* A tx frame from the input: 1..20 segments of 0..600 bytes each. */
static struct km_netbuf *make_frame(struct input *in)
{
	unsigned int nseg = 1 + take(in, 1) % 20, i;
	struct km_netbuf *head = NULL, **link = &head;

	for (i = 0; i < nseg; i++) {
		size_t len = take(in, 2) % 601, room = take(in, 1) % 32;
		struct km_netbuf *nb = malloc(sizeof(*nb));
		uint8_t *buf = malloc(len + room + 1);

		km_netbuf_init(nb, buf, len + room + 1, room, stack_release, NULL);
		memset(nb->data, (int)i, len);
		nb->len = len;
		*link = nb;
		link = &nb->next;
	}
	if (take(in, 1) & 1) {
		head->flags = KM_NETBUF_F_CSUM_PARTIAL;
		head->csum_start = (uint16_t)take(in, 2);
		head->csum_offset = (uint16_t)take(in, 1);
	}
	return head;
}

static void stack_rx(struct km_netdev *dev, unsigned int n)
{
	struct km_netbuf *got[8];
	int r = km_netdev_rx_burst(dev, 0, got, n);

	assert(r <= (int)n);
	for (int i = 0; i < r; i++) {
		assert(got[i]->len >= KM_NETDEV_ETH_HLEN);
		assert(got[i]->len <= (size_t)dev->info.mtu + KM_NETDEV_ETH_HLEN);
		assert(!got[i]->next);
		assert(got[i]->data >= (uint8_t *)got[i]->buf &&
		       got[i]->data + got[i]->len <= (uint8_t *)got[i]->buf + got[i]->buflen);
		(void)got[i]->data[got[i]->len - 1];
		km_netbuf_free(got[i]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	struct km_netdev_conf conf = { .rx_ring = (uint16_t)(data && size ? data[0] % 20 : 0) };
	struct km_netdev *dev;
	struct vnet *v;
	uint8_t frame[1600];

	ndevices = 0;
	take(&in, 1);
	if (vnet_probe(&fake_vdev))
		return 0;
	dev = km_netdev_get(0);
	v = of(dev);
	if (km_netdev_start(dev, &conf) == 0) {
		while (in.n) {
			switch (take(&in, 1) % 7) {
			case 0: { /* the device receives a frame */
				unsigned int which = take(&in, 1), written = take(&in, 2);
				size_t len = KM_MIN(in.n, sizeof(frame));
				memcpy(frame, in.p, len);
				device_use(v->rxq, which, written, frame, len);
				break;
			}
			case 1:
				stack_rx(dev, 1 + take(&in, 1) % 8);
				break;
			case 2: { /* the stack sends 1..4 frames */
				struct km_netbuf *pkts[4];
				unsigned int n = 1 + take(&in, 1) % 4, i;
				int r;

				for (i = 0; i < n; i++)
					pkts[i] = make_frame(&in);
				r = km_netdev_tx_burst(dev, 0, pkts, n);
				assert(r >= 0 && r <= (int)n);
				for (i = (unsigned int)r; i < n; i++)
					km_netbuf_free(pkts[i]); /* not taken: still ours */
				break;
			}
			case 3: /* the device finishes a tx chain */
				device_use(v->txq, take(&in, 1), 0, NULL, 0);
				break;
			case 4:
				km_netdev_rxq_intr_enable(dev, 0);
				break;
			case 5:
				km_netdev_rxq_intr_disable(dev, 0);
				break;
			case 6:
				km_netdev_stop(dev);
				if (km_netdev_start(dev, &conf))
					goto out;
				break;
			}
		}
	}
out:
	km_netdev_stop(dev);
	/* The device gives back what it holds (a reset would), so the leak
	 * checker sees only the driver's own losses. */
	while (v->rxq->nposted || v->rxq->nused) {
		void *t;
		if (v->rxq->nposted)
			device_use(v->rxq, 0, 0, NULL, 0);
		while ((t = km_virtq_get_used(v->rxq, NULL)))
			km_netbuf_free(t);
	}
	assert(!v->txq->nposted && !v->txq->nused);
	free(v->tx_hdr);
	free(v->tx_free);
	free(v);
	return 0;
}
