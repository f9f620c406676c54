/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Split virtqueues (virtio 1.1 §2.6): one page-aligned block holds the
 * descriptor table, the available ring and the used ring. Free descriptors
 * form a list through their next fields. x86 keeps stores in order and
 * loads in order, so compiler barriers order the rings; only the check of
 * the device's NO_NOTIFY flag after publishing needs a full fence.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <x86/cpu.h>
#include <x86/mmio.h>
#include <km/alloc.h>
#include <km/plat/lifecycle.h>
#include <km/plat/time.h>
#include <km/plat/timer.h>
#include <km/print.h>
#include "virtio_impl.h"

#define barrier() __asm__ __volatile__("" ::: "memory")

static size_t align_up(size_t v, size_t a)
{
	return (v + a - 1) & ~(a - 1);
}

int km_virtq_create(struct km_virtio_dev *vdev, uint16_t index, uint16_t max_size,
		    km_virtq_callback_t cb, void *arg, struct km_virtq **out)
{
	uint16_t size = vdev->transport->queue_max(vdev, index);
	size_t desc_sz, avail_off, used_off, total;
	struct km_virtq *vq;
	int rc;

	if (!size)
		return -ENOENT;
	for (struct km_virtq *q = virtio_dev_queues(vdev); q; q = q->next)
		if (q->index == index)
			return -EBUSY;
	if (max_size && size > max_size)
		size = max_size;
	/* A device's maximum need not be a power of 2 (MMIO, §2.6): round down. */
	while (size & (size - 1))
		size &= (uint16_t)(size - 1);

	desc_sz = 16u * size;
	avail_off = desc_sz;
	used_off = align_up(avail_off + 6 + 2u * size, 4);
	total = align_up(used_off + 6 + 8u * size, 4096);
	vq = calloc(1, sizeof(*vq));
	if (!vq)
		return -ENOMEM;
	vq->ring_mem = memalign(4096, total);
	vq->tokens = calloc(size, sizeof(void *));
	vq->in_len = calloc(size, sizeof(uint32_t));
	if (!vq->ring_mem || !vq->tokens || !vq->in_len) {
		rc = -ENOMEM;
		goto fail;
	}
	memset(vq->ring_mem, 0, total);
	vq->vdev = vdev;
	vq->index = index;
	vq->size = size;
	vq->desc = vq->ring_mem;
	vq->avail = (struct virtq_avail *)((char *)vq->ring_mem + avail_off);
	vq->used = (struct virtq_used *)((char *)vq->ring_mem + used_off);
	for (uint16_t i = 0; i < size; i++)
		vq->desc[i].next = (uint16_t)(i + 1);
	vq->num_free = size;
	vq->cb = cb;
	vq->cb_arg = arg;
	if (!cb || vdev->polled)
		vq->avail->flags = VIRTQ_AVAIL_F_NO_INTERRUPT;
	rc = vdev->transport->queue_enable(vdev, vq);
	if (rc < 0)
		goto fail;
	virtio_dev_add_queue(vdev, vq);
	*out = vq;
	return 0;
fail:
	free(vq->ring_mem);
	free(vq->tokens);
	free(vq->in_len);
	free(vq);
	return rc;
}

uint16_t km_virtq_size(const struct km_virtq *vq)
{
	return vq->size;
}

uint16_t km_virtq_free_count(const struct km_virtq *vq)
{
	return vq->num_free;
}

int km_virtq_add(struct km_virtq *vq, const struct km_virtq_seg *segs, unsigned int nout,
		 unsigned int nin, void *token)
{
	unsigned int n = nout + nin;
	uint16_t head = vq->free_head, i = head, last = head;
	uint64_t writable = 0;

	if (!n || !token || n > 0xffff)
		return -EINVAL;
	for (unsigned int s = 0; s < n; s++) {
		if (!segs[s].len)
			return -EINVAL;
		if (s >= nout)
			writable += segs[s].len;
	}
	if (writable > UINT32_MAX)
		return -EINVAL;
	if (n > vq->num_free)
		return -ENOSPC;
	for (unsigned int s = 0; s < n; s++) {
		struct virtq_desc *d = &vq->desc[i];

		d->addr = (uint64_t)(uintptr_t)segs[s].addr;
		d->len = segs[s].len;
		d->flags = (uint16_t)((s >= nout ? VIRTQ_DESC_F_WRITE : 0) |
				      (s + 1 < n ? VIRTQ_DESC_F_NEXT : 0));
		last = i;
		i = d->next;
	}
	vq->free_head = vq->desc[last].next;
	vq->num_free = (uint16_t)(vq->num_free - n);
	vq->tokens[head] = token;
	vq->in_len[head] = (uint32_t)writable;
	vq->avail->ring[vq->avail_idx % vq->size] = head;
	vq->avail_idx++;
	return 0;
}

void km_virtq_kick(struct km_virtq *vq)
{
	if (vq->kicked_idx == vq->avail_idx)
		return;
	barrier(); /* descriptors and ring entries before the index */
	vq->avail->idx = vq->avail_idx;
	vq->kicked_idx = vq->avail_idx;
	/* The index store before the flag load: a device that just set
	 * NO_NOTIFY is still processing and will see the new index. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (vq->used->flags & VIRTQ_USED_F_NO_NOTIFY)
		return;
	if (vq->notify_width == 16)
		km_mmio_write16(vq->notify_addr, vq->index);
	else
		km_mmio_write32(vq->notify_addr, vq->index);
}

void *km_virtq_get_used(struct km_virtq *vq, uint32_t *written)
{
	uint16_t used_idx = *(volatile uint16_t *)&vq->used->idx;
	struct virtq_used_elem e;
	uint16_t id, n = 1;
	void *token;

	if (used_idx == vq->last_used)
		return NULL;
	barrier(); /* the index before the element it covers */
	e = vq->used->ring[vq->last_used % vq->size];
	vq->last_used++;
	if (e.id >= vq->size || !vq->tokens[e.id])
		return NULL; /* a device bug; nothing of ours to give back */
	id = (uint16_t)e.id;
	token = vq->tokens[id];
	vq->tokens[id] = NULL;
	while (vq->desc[id].flags & VIRTQ_DESC_F_NEXT) {
		id = vq->desc[id].next;
		n++;
	}
	vq->desc[id].next = vq->free_head;
	vq->free_head = (uint16_t)e.id;
	vq->num_free = (uint16_t)(vq->num_free + n);
	if (e.len > vq->in_len[e.id]) {
		/* A device bug; never let a driver read past its buffers. */
		km_pr_err("%s: queue %u: the device says it wrote %u bytes into %u\n",
			  vq->vdev->name, vq->index, e.len, vq->in_len[e.id]);
		e.len = vq->in_len[e.id];
	}
	if (written)
		*written = e.len;
	return token;
}

void km_virtq_wait(struct km_virtq *vq)
{
	if (vq->vdev->polled || !vq->cb) {
		for (int i = 0; i < 64; i++)
			x86_pause();
		return;
	}
	/* Woken by the queue's interrupt (or any other). The check and the
	 * halt are atomic with interrupts masked, so a completion cannot slip
	 * in between; the bound is only a safety net. */
	unsigned long fl = km_plat_irq_save();

	if (*(volatile uint16_t *)&vq->used->idx == vq->last_used)
		km_plat_halt_until(km_plat_monotonic_ns() + 10000000);
	km_plat_irq_restore(fl);
}

void km_virtq_intr_disable(struct km_virtq *vq)
{
	vq->avail->flags = VIRTQ_AVAIL_F_NO_INTERRUPT;
}

int km_virtq_intr_enable(struct km_virtq *vq)
{
	if (vq->vdev->polled || !vq->cb)
		return vq->used->idx != vq->last_used;
	vq->avail->flags = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return *(volatile uint16_t *)&vq->used->idx != vq->last_used;
}
