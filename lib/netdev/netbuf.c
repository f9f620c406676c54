/* SPDX-License-Identifier: BSD-3-Clause */
/* Netbufs: descriptors of frame segments and their owners (see km/netdev.h). */
#include <stdlib.h>
#include <string.h>
#include <km/alloc.h>
#include <km/netdev.h>

#define NETBUF_ALIGN 64

/* The descriptor sits in front of the buffer in the same block, rounded up
 * so that the buffer starts on a cache line. */
#define NETBUF_DESC_SIZE KM_ALIGN_UP(sizeof(struct km_netbuf), (size_t)NETBUF_ALIGN)

static void heap_release(struct km_netbuf *nb)
{
	free(nb);
}

struct km_netbuf *km_netbuf_alloc(size_t headroom, size_t size)
{
	struct km_netbuf *nb;
	size_t buflen = headroom + size;

	if (buflen < headroom || buflen > SIZE_MAX - NETBUF_DESC_SIZE)
		return NULL;
	nb = memalign(NETBUF_ALIGN, NETBUF_DESC_SIZE + buflen);
	if (!nb)
		return NULL;
	km_netbuf_init(nb, (char *)nb + NETBUF_DESC_SIZE, buflen, headroom, heap_release, NULL);
	return nb;
}

void km_netbuf_init(struct km_netbuf *nb, void *buf, size_t buflen, size_t headroom,
		    km_netbuf_release_fn release, void *owner_priv)
{
	memset(nb, 0, sizeof(*nb));
	nb->buf = buf;
	nb->buflen = buflen;
	nb->data = (uint8_t *)buf + (headroom <= buflen ? headroom : buflen);
	nb->release = release;
	nb->owner_priv = owner_priv;
}

void km_netbuf_free(struct km_netbuf *nb)
{
	while (nb) {
		struct km_netbuf *next = nb->next;

		nb->next = NULL;
		if (nb->release)
			nb->release(nb);
		nb = next;
	}
}

void *km_netbuf_push(struct km_netbuf *nb, size_t n)
{
	if (km_netbuf_headroom(nb) < n)
		return NULL;
	nb->data -= n;
	nb->len += n;
	return nb->data;
}

void *km_netbuf_pull(struct km_netbuf *nb, size_t n)
{
	if (nb->len < n)
		return NULL;
	nb->data += n;
	nb->len -= n;
	return nb->data;
}

size_t km_netbuf_frame_len(const struct km_netbuf *nb)
{
	size_t len = 0;

	for (; nb; nb = nb->next)
		len += nb->len;
	return len;
}

unsigned int km_netbuf_segments(const struct km_netbuf *nb)
{
	unsigned int n = 0;

	for (; nb; nb = nb->next)
		n++;
	return n;
}

size_t km_netbuf_copy_out(const struct km_netbuf *nb, size_t off, void *dst, size_t len)
{
	size_t done = 0;

	for (; nb && done < len; nb = nb->next) {
		size_t chunk;

		if (off >= nb->len) {
			off -= nb->len;
			continue;
		}
		chunk = KM_MIN(nb->len - off, len - done);
		memcpy((char *)dst + done, nb->data + off, chunk);
		done += chunk;
		off = 0;
	}
	return done;
}
