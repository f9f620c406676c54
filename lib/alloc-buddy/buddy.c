/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Binary buddy allocator (Knowlton 1965; Knuth TAOCP vol. 1, 2.5).
 *
 * A request takes the smallest free block of order >= ceil(log2(size)),
 * splitting it in halves and listing the unused upper halves; a free
 * merges the block with its buddy (address XOR size) while the buddy is
 * free, of the same order and in the same zone. A bitmap of non-empty
 * lists makes finding the order one find-first-set. No platform calls:
 * this file also builds on the host.
 */
#include <errno.h>
#include "buddy.h"

#define UNIT (1UL << BUDDY_MIN_ORDER)
#define META_FREE 0x40
#define META_USED 0x80
#define META_ORDER 0x3f

struct buddy_free {
	struct buddy_free *next, *prev;
	struct buddy_zone *zone;
};

static inline struct km_buddy *buddy_of(struct km_alloc *a)
{
	return KM_CONTAINER_OF(a, struct km_buddy, a);
}

static inline uint8_t *meta(struct buddy_zone *z, uintptr_t addr)
{
	return &z->meta[(addr - z->base) >> BUDDY_MIN_ORDER];
}

static void push(struct km_buddy *b, struct buddy_zone *z, uintptr_t addr, unsigned int order)
{
	struct buddy_free *f = (struct buddy_free *)addr, *head = b->lists[order];

	*meta(z, addr) = META_FREE | order;
	f->zone = z;
	f->prev = NULL;
	f->next = head;
	if (head)
		head->prev = f;
	b->lists[order] = f;
	b->nonempty |= 1ull << order;
}

static void unlink_free(struct km_buddy *b, struct buddy_free *f, unsigned int order)
{
	if (f->next)
		f->next->prev = f->prev;
	if (f->prev) {
		f->prev->next = f->next;
	} else {
		b->lists[order] = f->next;
		if (!f->next)
			b->nonempty &= ~(1ull << order);
	}
}

static unsigned int order_for(size_t size)
{
	unsigned int o = km_alloc_log2_ceil(size ? size : 1);

	return o < BUDDY_MIN_ORDER ? BUDDY_MIN_ORDER : o;
}

static void *alloc_order(struct km_buddy *b, unsigned int order)
{
	uint64_t avail;
	unsigned int k;
	struct buddy_free *f;
	struct buddy_zone *z;

	if (order > BUDDY_MAX_ORDER)
		return km_alloc_stat_fail(&b->a);
	avail = b->nonempty & (~0ull << order);
	if (!avail)
		return km_alloc_stat_fail(&b->a);
	k = (unsigned int)__builtin_ctzll(avail);
	f = b->lists[k];
	z = f->zone;
	unlink_free(b, f, k);
	while (k > order) { /* keep the lower half, list the upper one */
		k--;
		push(b, z, (uintptr_t)f + (1UL << k), k);
	}
	*meta(z, (uintptr_t)f) = META_USED | order;
	km_alloc_stat_alloc(&b->a, 1UL << order);
	return f;
}

static struct buddy_zone *zone_of(struct km_buddy *b, uintptr_t p)
{
	for (unsigned int i = 0; i < b->nr_zones; i++)
		if (p >= b->zones[i].base && p < b->zones[i].end)
			return &b->zones[i];
	return NULL;
}

/* The order of the allocated block at @p, or -1 after reporting. */
static int check(struct km_buddy *b, void *ptr, struct buddy_zone **zp)
{
	uintptr_t p = (uintptr_t)ptr;
	struct buddy_zone *z = zone_of(b, p);
	uint8_t m;

	if (!z || (p & (UNIT - 1))) {
		km_alloc_report(&b->a, KM_ALLOC_FOREIGN, ptr);
		return -1;
	}
	m = *meta(z, p);
	if (m & META_FREE) {
		km_alloc_report(&b->a, KM_ALLOC_DOUBLE_FREE, ptr);
		return -1;
	}
	if (!(m & META_USED) || (p & ((1UL << (m & META_ORDER)) - 1))) {
		km_alloc_report(&b->a, KM_ALLOC_FOREIGN, ptr);
		return -1;
	}
	*zp = z;
	return m & META_ORDER;
}

static void buddy_free(struct km_alloc *a, void *ptr)
{
	struct km_buddy *b = buddy_of(a);
	uintptr_t p = (uintptr_t)ptr;
	struct buddy_zone *z;
	unsigned int order;

	if (KM_ALLOC_CHECKS) {
		int o = check(b, ptr, &z);

		if (o < 0)
			return;
		order = (unsigned int)o;
	} else {
		z = zone_of(b, p);
		order = *meta(z, p) & META_ORDER;
	}
	km_alloc_stat_free(a, 1UL << order);
	*meta(z, p) = 0;
	while (order < BUDDY_MAX_ORDER) {
		uintptr_t buddy = p ^ (1UL << order);

		if (buddy < z->base || buddy + (1UL << order) > z->end ||
		    *meta(z, buddy) != (META_FREE | order))
			break;
		unlink_free(b, (struct buddy_free *)buddy, order);
		*meta(z, buddy) = 0;
		p &= ~(1UL << order);
		order++;
	}
	push(b, z, p, order);
}

static void *buddy_malloc(struct km_alloc *a, size_t size)
{
	if (size > (1UL << BUDDY_MAX_ORDER))
		return km_alloc_stat_fail(a);
	return alloc_order(buddy_of(a), order_for(size));
}

static void *buddy_memalign(struct km_alloc *a, size_t align, size_t size)
{
	if (size > (1UL << BUDDY_MAX_ORDER) || align > (1UL << BUDDY_MAX_ORDER))
		return km_alloc_stat_fail(a);
	return alloc_order(buddy_of(a), order_for(KM_MAX(size, align)));
}

static size_t buddy_usable_size(struct km_alloc *a, void *ptr)
{
	struct km_buddy *b = buddy_of(a);
	uintptr_t p = (uintptr_t)ptr;

	return 1UL << (*meta(zone_of(b, p), p) & META_ORDER);
}

static void *buddy_realloc(struct km_alloc *a, void *ptr, size_t size)
{
	struct km_buddy *b = buddy_of(a);
	uintptr_t p = (uintptr_t)ptr;
	struct buddy_zone *z;
	unsigned int order, want = order_for(size);
	void *np;

	if (KM_ALLOC_CHECKS) {
		int o = check(b, ptr, &z);

		if (o < 0)
			return NULL;
		order = (unsigned int)o;
	} else {
		z = zone_of(b, p);
		order = *meta(z, p) & META_ORDER;
	}
	if (size > (1UL << BUDDY_MAX_ORDER))
		return km_alloc_stat_fail(a);
	if (want <= order) {
		/* Shrink in place: the upper halves become free blocks. */
		for (unsigned int k = order; k > want; k--)
			push(b, z, p + (1UL << (k - 1)), k - 1);
		*meta(z, p) = META_USED | want;
		km_alloc_stat_resize(a, 1UL << order, 1UL << want);
		return ptr;
	}
	np = alloc_order(b, want);
	if (!np)
		return NULL;
	__builtin_memcpy(np, ptr, 1UL << order);
	buddy_free(a, ptr);
	return np;
}

static void *buddy_palloc(struct km_alloc *a, size_t npages)
{
	if (npages > (1UL << BUDDY_MAX_ORDER) / KM_ALLOC_PAGE_SIZE)
		return km_alloc_stat_fail(a);
	return alloc_order(buddy_of(a), order_for(npages * KM_ALLOC_PAGE_SIZE));
}

static void buddy_pfree(struct km_alloc *a, void *ptr, size_t npages)
{
	struct km_buddy *b = buddy_of(a);
	struct buddy_zone *z;
	int o;

	if (KM_ALLOC_CHECKS) {
		if ((o = check(b, ptr, &z)) < 0)
			return;
		if (o < 12 || npages > (1UL << o) / KM_ALLOC_PAGE_SIZE ||
		    order_for(npages * KM_ALLOC_PAGE_SIZE) != (unsigned int)o) {
			km_alloc_report(a, KM_ALLOC_BAD_PAGES, ptr);
			return;
		}
	}
	buddy_free(a, ptr);
}

static size_t buddy_available(struct km_alloc *a)
{
	struct km_buddy *b = buddy_of(a);
	size_t sum = 0;

	for (unsigned int k = 0; k <= BUDDY_MAX_ORDER; k++)
		for (struct buddy_free *f = b->lists[k]; f; f = f->next)
			sum += 1UL << k;
	return sum;
}

/*
 * The zone's metadata goes first; the rest is cut into the largest
 * naturally aligned blocks that fit, from the low end up.
 */
static int buddy_add_memory(struct km_alloc *a, void *base, size_t len)
{
	struct km_buddy *b = buddy_of(a);
	uintptr_t start = KM_ALIGN_UP((uintptr_t)base, UNIT);
	uintptr_t end = KM_ALIGN_DOWN((uintptr_t)base + len, UNIT);
	struct buddy_zone *z;
	size_t nmeta;

	if ((uintptr_t)base + len < (uintptr_t)base || end <= start || end - start < 4 * UNIT)
		return -EINVAL;
	if (b->nr_zones == BUDDY_MAX_ZONES)
		return -ENOSPC;
	nmeta = (end - start) / (UNIT + 1) + 1;
	z = &b->zones[b->nr_zones++];
	z->meta = (uint8_t *)start;
	z->base = KM_ALIGN_UP(start + nmeta, UNIT);
	z->end = end;
	__builtin_memset(z->meta, 0, nmeta);
	for (uintptr_t p = z->base; p < end;) {
		unsigned int order = km_alloc_log2_floor(end - p);

		if (p && (unsigned int)__builtin_ctzl(p) < order)
			order = (unsigned int)__builtin_ctzl(p);
		if (order > BUDDY_MAX_ORDER)
			order = BUDDY_MAX_ORDER;
		push(b, z, p, order);
		p += 1UL << order;
	}
	a->stats.heap += end - z->base;
	return 0;
}

const struct km_alloc_ops km_buddy_ops = {
	.name = "buddy",
	.add_memory = buddy_add_memory,
	.malloc = buddy_malloc,
	.free = buddy_free,
	.realloc = buddy_realloc,
	.memalign = buddy_memalign,
	.palloc = buddy_palloc,
	.pfree = buddy_pfree,
	.usable_size = buddy_usable_size,
	.available = buddy_available,
};

void km_buddy_init(struct km_buddy *b)
{
	__builtin_memset(b, 0, sizeof(*b));
	b->a.ops = &km_buddy_ops;
}
