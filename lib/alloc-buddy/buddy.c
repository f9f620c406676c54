/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Binary buddy allocator (Knowlton 1965; Knuth TAOCP vol. 1, 2.5).
 *
 * A request takes the smallest free block of order >= ceil(log2(size)),
 * splitting it in halves and listing the unused upper halves; a free
 * merges the block with its buddy (offset XOR size) while the buddy is
 * free, of the same order and in the same zone. Offsets count from the
 * zone's origin (zone_origin()), not from address 0, so that how a zone's
 * start is aligned does not limit its largest block. A bitmap of non-empty
 * lists makes finding the order one find-first-set. No platform calls:
 * this file also builds on the host.
 */
#include <errno.h>
#include "buddy.h"

#define UNIT	       (1UL << BUDDY_MIN_ORDER)
#define META_FREE      0x40
#define META_USED      0x80
#define META_ORDER     0x3f
#define META_PENDING   (META_FREE | META_USED) /* free, not yet linked (below) */
#define BUDDY_LAZY_MIN (64UL << 10)	       /* smaller zones are linked at once */

struct buddy_free {
	struct buddy_free *next, *prev;
	struct buddy_zone *zone;
};

static inline struct km_buddy *buddy_of(struct km_alloc *a)
{
	return KM_CONTAINER_OF(a, struct km_buddy, a);
}

/* Offsets from the origin wrap below it; XOR and masks still pair the
 * right blocks (arithmetic modulo 2^64). */
static inline uintptr_t zone_off(const struct buddy_zone *z, uintptr_t p)
{
	return p - z->origin;
}

static inline uintptr_t buddy_addr(const struct buddy_zone *z, uintptr_t p, unsigned int order)
{
	return z->origin + (zone_off(z, p) ^ (1UL << order));
}

/*
 * The metadata is zeroed on first use, a chunk of 2^BUDDY_CHUNK_SHIFT
 * bytes (2^(BUDDY_CHUNK_SHIFT + BUDDY_MIN_ORDER) bytes of heap) at a time,
 * not when the zone is added: zeroing one byte per 32 B of a large heap is
 * most of the boot time under emulation. A chunk not yet zeroed reads as
 * zero, which is what it would hold; writing 0 there changes nothing.
 */
static inline int chunk_zeroed(const struct buddy_zone *z, size_t c)
{
	return (int)(z->zeroed[c / 64] >> (c % 64)) & 1;
}

static inline uint8_t meta_get(const struct buddy_zone *z, uintptr_t addr)
{
	size_t i = (addr - z->base) >> BUDDY_MIN_ORDER;

	return chunk_zeroed(z, i >> BUDDY_CHUNK_SHIFT) ? z->meta[i] : 0;
}

static inline void meta_set(struct buddy_zone *z, uintptr_t addr, uint8_t v)
{
	size_t i = (addr - z->base) >> BUDDY_MIN_ORDER, c = i >> BUDDY_CHUNK_SHIFT;

	if (__builtin_expect(!chunk_zeroed(z, c), 0)) {
		size_t first = c << BUDDY_CHUNK_SHIFT;
		size_t units = (z->end - z->base) >> BUDDY_MIN_ORDER;

		if (!v)
			return;
		__builtin_memset(z->meta + first, 0,
				 KM_MIN((size_t)1 << BUDDY_CHUNK_SHIFT, units - first));
		z->zeroed[c / 64] |= 1ull << (c % 64);
	}
	z->meta[i] = v;
}

static void push(struct km_buddy *b, struct buddy_zone *z, uintptr_t addr, unsigned int order)
{
	struct buddy_free *f = (struct buddy_free *)addr, *head = b->lists[order];

	meta_set(z, addr, META_FREE | order);
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
		if (!f->next && !b->npend[order])
			b->nonempty &= ~(1ull << order);
	}
}

/*
 * Pending blocks: the blocks a zone is first cut into are not linked (their
 * first bytes not written) until they are taken or merged: writing a link
 * into each would touch a page every few MiB of the heap, which is most of
 * the boot time under emulation (the host faults in and clears each
 * page). They stand for the tail of each list, in the order pushing them
 * would have given (last zone first, higher addresses first), so the
 * allocator hands out the same blocks as if they had been linked. A zone
 * added once some list has linked blocks is linked at once, as those
 * would otherwise come first.
 */
static uintptr_t pend_take(struct km_buddy *b, unsigned int order, struct buddy_zone **zp)
{
	for (unsigned int i = b->nr_zones; i-- > 0;) {
		struct buddy_zone *z = &b->zones[i];

		for (unsigned int j = z->nr_pend; j-- > 0;) {
			uintptr_t p = z->pend[j];

			if (p && meta_get(z, p) == (META_PENDING | order)) {
				z->pend[j] = 0;
				b->npend[order]--;
				*zp = z;
				return p;
			}
		}
	}
	*zp = NULL;
	return 0; /* not reached: npend[order] said there was one */
}

static void pend_remove(struct km_buddy *b, struct buddy_zone *z, uintptr_t p, unsigned int order)
{
	for (unsigned int j = 0; j < z->nr_pend; j++)
		if (z->pend[j] == p)
			z->pend[j] = 0;
	if (!--b->npend[order] && !b->lists[order])
		b->nonempty &= ~(1ull << order);
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
	if (f) {
		z = f->zone;
		unlink_free(b, f, k);
	} else {
		f = (struct buddy_free *)pend_take(b, k, &z);
		if (!b->npend[k])
			b->nonempty &= ~(1ull << k);
	}
	while (k > order) { /* keep the lower half, list the upper one */
		k--;
		push(b, z, (uintptr_t)f + (1UL << k), k);
	}
	meta_set(z, (uintptr_t)f, META_USED | order);
	km_alloc_stat_alloc(&b->a, 1UL << order, 1UL << order);
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
	m = meta_get(z, p);
	if (m & META_FREE) {
		km_alloc_report(&b->a, KM_ALLOC_DOUBLE_FREE, ptr);
		return -1;
	}
	if (!(m & META_USED) || (zone_off(z, p) & ((1UL << (m & META_ORDER)) - 1))) {
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
		order = meta_get(z, p) & META_ORDER;
	}
	km_alloc_stat_free(a, 1UL << order, 1UL << order);
	meta_set(z, p, 0);
	while (order < BUDDY_MAX_ORDER) {
		uintptr_t buddy = buddy_addr(z, p, order);
		uint8_t m;

		if (buddy < z->base || buddy + (1UL << order) > z->end)
			break;
		m = meta_get(z, buddy);
		if (m == (META_FREE | order))
			unlink_free(b, (struct buddy_free *)buddy, order);
		else if (m == (META_PENDING | order))
			pend_remove(b, z, buddy, order);
		else
			break;
		meta_set(z, buddy, 0);
		p = KM_MIN(p, buddy);
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

/*
 * A block of 2^k bytes is aligned to 2^k in memory only up to its zone's
 * origin's alignment (at least a page; most zones far more). A block
 * aligned too little is held while another is tried, a few times.
 */
#define MEMALIGN_TRIES 8

static void *buddy_memalign(struct km_alloc *a, size_t align, size_t size)
{
	struct km_buddy *b = buddy_of(a);
	void *held[MEMALIGN_TRIES], *p;
	unsigned int n = 0, order = order_for(KM_MAX(size, align));

	if (size > (1UL << BUDDY_MAX_ORDER) || align > (1UL << BUDDY_MAX_ORDER))
		return km_alloc_stat_fail(a);
	while ((p = alloc_order(b, order)) && ((uintptr_t)p & (align - 1))) {
		if (n == MEMALIGN_TRIES) {
			buddy_free(a, p);
			p = km_alloc_stat_fail(a);
			break;
		}
		held[n++] = p;
	}
	while (n)
		buddy_free(a, held[--n]);
	return p;
}

static size_t buddy_usable_size(struct km_alloc *a, void *ptr)
{
	struct km_buddy *b = buddy_of(a);
	uintptr_t p = (uintptr_t)ptr;

	return 1UL << (meta_get(zone_of(b, p), p) & META_ORDER);
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
		order = meta_get(z, p) & META_ORDER;
	}
	if (size > (1UL << BUDDY_MAX_ORDER))
		return km_alloc_stat_fail(a);
	if (want <= order) {
		/* Shrink in place: the upper halves become free blocks. */
		for (unsigned int k = order; k > want; k--)
			push(b, z, p + (1UL << (k - 1)), k - 1);
		meta_set(z, p, META_USED | want);
		km_alloc_stat_resize(a, 1UL << order, 1UL << want, 1UL << order, 1UL << want);
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
	for (unsigned int i = 0; i < b->nr_zones; i++)
		for (unsigned int j = 0; j < b->zones[i].nr_pend; j++)
			if (b->zones[i].pend[j])
				sum += 1UL << (meta_get(&b->zones[i], b->zones[i].pend[j]) &
					       META_ORDER);
	return sum;
}

/* The most aligned address in [lo, hi] (lo > 0): the common high bits,
 * then the first bit where they differ set, zeros below; lo itself when
 * it is at least as aligned. */
static uintptr_t most_aligned(uintptr_t lo, uintptr_t hi)
{
	unsigned int d;
	uintptr_t a;

	if (lo == hi)
		return lo;
	d = 63 - (unsigned int)__builtin_clzl(lo ^ hi);
	a = hi & ~((1UL << d) - 1);
	return (unsigned int)__builtin_ctzl(lo) > d ? lo : a;
}

/*
 * The origin of a zone's block offsets is where its largest block goes:
 * the largest power of two that fits in [lo, end), placed at the most
 * aligned address where it fits. Blocks of up to that alignment are then
 * naturally aligned in memory as well. The origin is page aligned at
 * least (palloc), when a smaller order is the price (a zone less than a
 * page longer than a power of two); in a zone too small for pages, UNIT
 * aligned.
 */
static uintptr_t zone_origin(uintptr_t lo, uintptr_t end)
{
	unsigned int page = km_alloc_log2_floor(KM_ALLOC_PAGE_SIZE);

	for (unsigned int o = KM_MIN(km_alloc_log2_floor(end - lo), BUDDY_MAX_ORDER);; o--) {
		uintptr_t a = most_aligned(lo, end - (1UL << o));

		if ((unsigned int)__builtin_ctzl(a) >= KM_MIN(o, page))
			return a;
	}
}

/*
 * The zone's metadata goes first (its pending blocks, the bitmap of zeroed
 * chunks, then one byte per unit); the rest is cut into the largest blocks
 * aligned (from the origin) that fit, from the low end up.
 */
static int buddy_add_memory(struct km_alloc *a, void *base, size_t len)
{
	struct km_buddy *b = buddy_of(a);
	uintptr_t start = KM_ALIGN_UP((uintptr_t)base, UNIT);
	uintptr_t end = KM_ALIGN_DOWN((uintptr_t)base + len, UNIT);
	struct buddy_zone *z;
	size_t nmeta, nwords;
	int link;

	if ((uintptr_t)base + len < (uintptr_t)base || end <= start || end - start < 4 * UNIT)
		return -EINVAL;
	if (b->nr_zones == BUDDY_MAX_ZONES)
		return -ENOSPC;
	/* the pending blocks (none in a small zone, linked at once), the
	 * bitmap of zeroed chunks (zeroed now), then the metadata */
	nmeta = (end - start) / (UNIT + 1) + 1;
	nwords = ((nmeta >> BUDDY_CHUNK_SHIFT) + 1 + 63) / 64;
	link = end - start < BUDDY_LAZY_MIN;
	for (unsigned int k = 0; k <= BUDDY_MAX_ORDER; k++)
		link |= b->lists[k] != NULL;
	z = &b->zones[b->nr_zones++];
	z->pend = (uintptr_t *)start;
	z->nr_pend = 0;
	z->zeroed = (uint64_t *)(start + (link ? 0 : BUDDY_MAX_PENDING * sizeof(uintptr_t)));
	z->meta = (uint8_t *)((uintptr_t)z->zeroed + nwords * 8);
	z->base = KM_ALIGN_UP((uintptr_t)z->meta + nmeta, UNIT);
	z->end = end;
	z->origin = zone_origin(z->base, end);
	__builtin_memset(z->zeroed, 0, nwords * 8);
	for (uintptr_t p = z->base; p < end;) {
		unsigned int order = km_alloc_log2_floor(end - p);

		if (p != z->origin && (unsigned int)__builtin_ctzl(zone_off(z, p)) < order)
			order = (unsigned int)__builtin_ctzl(zone_off(z, p));
		if (order > BUDDY_MAX_ORDER)
			order = BUDDY_MAX_ORDER;
		if (link) {
			push(b, z, p, order);
		} else {
			meta_set(z, p, META_PENDING | order);
			z->pend[z->nr_pend++] = p;
			b->npend[order]++;
			b->nonempty |= 1ull << order;
		}
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
