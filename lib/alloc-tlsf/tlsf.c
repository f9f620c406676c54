/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Two-level segregated fit (Masmano, Ripoll, Crespo, Real; ECRTS 2004),
 * written from the paper's description.
 *
 * Every block starts with a 16-byte header: the address of the physically
 * previous block (valid only while that block is free) and the payload size
 * with two flags (this block free, previous block free) in its low bits and
 * a 16-bit tag of (address, size) in its top bits, which lets free() spot a
 * damaged header or a pointer that is not a block. Each pool ends with a
 * zero-size used sentinel, so merging never walks off a pool. Free blocks
 * are merged with their neighbours at once, so two free blocks are never
 * adjacent. No platform calls: this file also builds on the host.
 */
#include <errno.h>
#include "tlsf.h"

#define HDR	      16UL
#define MIN_SIZE      16UL
#define SMALL	      (1UL << (TLSF_SL_LOG2 + 4)) /* below: one list per 16 bytes */
#define MAX_REQ	      (1UL << 45) /* requests: keeps every list index below TLSF_FL */
#define MAX_POOL      (1UL << 46) /* larger memory is added as several pools */
#define FREE_BIT      1UL
#define PREV_FREE_BIT 2UL
/* A used block 16 bytes longer than asked for: the tail was too small to
 * split off (trim). Keeps stats.requested exact. */
#define SLACK_BIT 4UL
#define SIZE_MASK ((((size_t)1 << 48) - 1) & ~(size_t)15)

struct tlsf_block {
	struct tlsf_block *prev_phys;
	size_t hdr;
	/* The payload; while the block is free it starts with the links. */
	struct tlsf_block *next_free, *prev_free;
};

static inline size_t tag(const struct tlsf_block *b, size_t size)
{
	return (size_t)((((uintptr_t)b ^ size) * 0x9E3779B97F4A7C15ull) >> 48) << 48;
}

static inline size_t bsize(const struct tlsf_block *b)
{
	return b->hdr & SIZE_MASK;
}

static inline void set_size(struct tlsf_block *b, size_t size)
{
	b->hdr = (b->hdr & 15) | size | tag(b, size);
}

static inline int tag_ok(const struct tlsf_block *b)
{
	return (b->hdr & ~SIZE_MASK & ~(size_t)15) == tag(b, bsize(b));
}

static inline struct tlsf_block *next_phys(const struct tlsf_block *b)
{
	return (struct tlsf_block *)((char *)b + HDR + bsize(b));
}

/* The bytes a used block's request asked for (rounded to 16). */
static inline size_t asked(const struct tlsf_block *b)
{
	return bsize(b) - (b->hdr & SLACK_BIT ? 16 : 0);
}

static inline void *payload(struct tlsf_block *b)
{
	return (char *)b + HDR;
}

static inline struct tlsf_block *block_of(void *p)
{
	return (struct tlsf_block *)((char *)p - HDR);
}

static inline struct km_tlsf *tlsf_of(struct km_alloc *a)
{
	return KM_CONTAINER_OF(a, struct km_tlsf, a);
}

static inline void mapping(size_t size, unsigned int *fl, unsigned int *sl)
{
	if (size < SMALL) {
		*fl = 0;
		*sl = (unsigned int)(size >> 4);
	} else {
		unsigned int m = km_alloc_log2_floor(size);

		*fl = m - (TLSF_SL_LOG2 + 3);
		*sl = (unsigned int)(size >> (m - TLSF_SL_LOG2)) ^ TLSF_SL;
	}
}

/* Round a request up to the next list boundary: any block there fits. */
static inline size_t search_size(size_t size)
{
	if (size >= SMALL)
		size += (1UL << (km_alloc_log2_floor(size) - TLSF_SL_LOG2)) - 1;
	return size;
}

static inline size_t adjust(size_t size)
{
	return size <= MIN_SIZE ? MIN_SIZE : (size + 15) & ~(size_t)15;
}

static void insert(struct km_tlsf *t, struct tlsf_block *b)
{
	unsigned int fl, sl;
	struct tlsf_block *head;

	mapping(bsize(b), &fl, &sl);
	head = t->lists[fl][sl];
	b->next_free = head;
	b->prev_free = NULL;
	if (head)
		head->prev_free = b;
	t->lists[fl][sl] = b;
	t->sl_bitmap[fl] |= 1u << sl;
	t->fl_bitmap |= 1ull << fl;
}

static void unlink_at(struct km_tlsf *t, struct tlsf_block *b, unsigned int fl, unsigned int sl)
{
	if (b->next_free)
		b->next_free->prev_free = b->prev_free;
	if (b->prev_free) {
		b->prev_free->next_free = b->next_free;
	} else {
		t->lists[fl][sl] = b->next_free;
		if (!b->next_free) {
			t->sl_bitmap[fl] &= ~(1u << sl);
			if (!t->sl_bitmap[fl])
				t->fl_bitmap &= ~(1ull << fl);
		}
	}
}

static void unlink_block(struct km_tlsf *t, struct tlsf_block *b)
{
	unsigned int fl, sl;

	mapping(bsize(b), &fl, &sl);
	unlink_at(t, b, fl, sl);
}

/* Take a free block of at least @size bytes out of the lists, or NULL. */
static struct tlsf_block *take(struct km_tlsf *t, size_t size)
{
	unsigned int fl, sl;
	uint32_t slmap;
	struct tlsf_block *b;

	mapping(search_size(size), &fl, &sl);
	slmap = t->sl_bitmap[fl] & (~0u << sl);
	if (!slmap) {
		uint64_t flmap = t->fl_bitmap & (~0ull << (fl + 1));

		if (!flmap)
			return NULL;
		fl = (unsigned int)__builtin_ctzll(flmap);
		slmap = t->sl_bitmap[fl];
	}
	sl = (unsigned int)__builtin_ctz(slmap);
	b = t->lists[fl][sl];
	unlink_at(t, b, fl, sl);
	return b;
}

/* Put a block (free bit set, neighbours' flags not yet updated) back, merged. */
static void release(struct km_tlsf *t, struct tlsf_block *b)
{
	struct tlsf_block *n;

	if (b->hdr & PREV_FREE_BIT) {
		struct tlsf_block *p = b->prev_phys;

		unlink_block(t, p);
		set_size(p, bsize(p) + HDR + bsize(b));
		b = p;
	}
	n = next_phys(b);
	if (n->hdr & FREE_BIT) {
		unlink_block(t, n);
		set_size(b, bsize(b) + HDR + bsize(n));
		n = next_phys(b);
	}
	n->prev_phys = b;
	n->hdr |= PREV_FREE_BIT;
	insert(t, b);
}

/* Cut a used block down to @size, freeing the tail when it can hold a block. */
static void trim(struct km_tlsf *t, struct tlsf_block *b, size_t size)
{
	size_t have = bsize(b);
	struct tlsf_block *rest;

	b->hdr &= ~SLACK_BIT;
	if (have < size + HDR + MIN_SIZE) {
		if (have != size) /* 16: sizes are multiples of 16 */
			b->hdr |= SLACK_BIT;
		return;
	}
	rest = (struct tlsf_block *)((char *)b + HDR + size);
	rest->hdr = FREE_BIT;
	set_size(rest, have - size - HDR);
	set_size(b, size);
	release(t, rest);
}

/* Hand out a block just taken from the lists, trimmed to @size. */
static void *use(struct km_tlsf *t, struct tlsf_block *b, size_t size)
{
	b->hdr &= ~FREE_BIT;
	next_phys(b)->hdr &= ~PREV_FREE_BIT;
	trim(t, b, size);
	km_alloc_stat_alloc(&t->a, bsize(b), asked(b));
	return payload(b);
}

static void *tlsf_malloc(struct km_alloc *a, size_t size)
{
	struct km_tlsf *t = tlsf_of(a);
	struct tlsf_block *b;

	if (size > MAX_REQ)
		return km_alloc_stat_fail(a);
	size = adjust(size);
	b = take(t, size);
	if (!b)
		return km_alloc_stat_fail(a);
	return use(t, b, size);
}

static void *tlsf_memalign(struct km_alloc *a, size_t align, size_t size)
{
	struct km_tlsf *t = tlsf_of(a);
	struct tlsf_block *b;
	uintptr_t p, q;

	if (align <= 16)
		return tlsf_malloc(a, size);
	if (size > MAX_REQ || align > MAX_REQ)
		return km_alloc_stat_fail(a);
	size = adjust(size);
	/* Room for the worst gap in front: up to align + HDR + MIN_SIZE. */
	b = take(t, size + align + HDR + MIN_SIZE);
	if (!b)
		return km_alloc_stat_fail(a);
	p = (uintptr_t)payload(b);
	q = KM_ALIGN_UP(p, align);
	if (q != p && q - p < HDR + MIN_SIZE)
		q += align;
	if (q != p) {
		/* The gap becomes a free block of its own in front. */
		struct tlsf_block *nb = block_of((void *)q);
		size_t gap = q - p, total = bsize(b);

		nb->hdr = FREE_BIT | PREV_FREE_BIT;
		nb->prev_phys = b;
		set_size(nb, total - gap);
		next_phys(nb)->prev_phys = nb;
		set_size(b, gap - HDR);
		insert(t, b);
		b = nb;
	}
	return use(t, b, size);
}

/* The block behind @p, or NULL after reporting a bad pointer. */
static struct tlsf_block *check(struct km_tlsf *t, void *p)
{
	uintptr_t u = (uintptr_t)p;
	struct tlsf_block *b = block_of(p), *n;
	unsigned int i;

	for (i = 0; i < t->nr_pools; i++)
		if (u >= t->pools[i].start + HDR && u < t->pools[i].end)
			break;
	if (i == t->nr_pools || (u & 15)) {
		km_alloc_report(&t->a, KM_ALLOC_FOREIGN, p);
		return NULL;
	}
	if (!tag_ok(b)) {
		km_alloc_report(&t->a, KM_ALLOC_CORRUPT, p);
		return NULL;
	}
	if (b->hdr & FREE_BIT) {
		km_alloc_report(&t->a, KM_ALLOC_DOUBLE_FREE, p);
		return NULL;
	}
	n = next_phys(b);
	if ((uintptr_t)n + HDR > t->pools[i].end || !tag_ok(n) || (n->hdr & PREV_FREE_BIT)) {
		km_alloc_report(&t->a, KM_ALLOC_CORRUPT, p);
		return NULL;
	}
	if (b->hdr & PREV_FREE_BIT) {
		struct tlsf_block *q = b->prev_phys;

		if ((uintptr_t)q < t->pools[i].start || q >= b || !tag_ok(q) ||
		    !(q->hdr & FREE_BIT) || next_phys(q) != b) {
			km_alloc_report(&t->a, KM_ALLOC_CORRUPT, p);
			return NULL;
		}
	}
	return b;
}

static void tlsf_free(struct km_alloc *a, void *p)
{
	struct km_tlsf *t = tlsf_of(a);
	struct tlsf_block *b = block_of(p);

	if (KM_ALLOC_CHECKS && !(b = check(t, p)))
		return;
	km_alloc_stat_free(a, bsize(b), asked(b));
	b->hdr = (b->hdr & ~SLACK_BIT) | FREE_BIT;
	release(t, b);
}

static void *tlsf_realloc(struct km_alloc *a, void *p, size_t size)
{
	struct km_tlsf *t = tlsf_of(a);
	struct tlsf_block *b = block_of(p), *n;
	size_t old, old_asked;
	void *np;

	if (KM_ALLOC_CHECKS && !(b = check(t, p)))
		return NULL;
	if (size > MAX_REQ)
		return km_alloc_stat_fail(a);
	size = adjust(size);
	old = bsize(b);
	old_asked = asked(b);
	n = next_phys(b);
	if (size > old && (n->hdr & FREE_BIT) && old + HDR + bsize(n) >= size) {
		/* Grow into the free block behind. */
		unlink_block(t, n);
		set_size(b, old + HDR + bsize(n));
		next_phys(b)->hdr &= ~PREV_FREE_BIT;
	}
	if (size <= bsize(b)) {
		trim(t, b, size);
		km_alloc_stat_resize(a, old, bsize(b), old_asked, asked(b));
		return p;
	}
	np = tlsf_malloc(a, size);
	if (!np)
		return NULL;
	__builtin_memcpy(np, p, old);
	tlsf_free(a, p);
	return np;
}

static size_t tlsf_usable_size(struct km_alloc *a, void *p)
{
	return bsize(block_of(p));
}

static void *tlsf_palloc(struct km_alloc *a, size_t npages)
{
	if (npages > MAX_REQ / KM_ALLOC_PAGE_SIZE)
		return km_alloc_stat_fail(a);
	return tlsf_memalign(a, KM_ALLOC_PAGE_SIZE, npages * KM_ALLOC_PAGE_SIZE);
}

static void tlsf_pfree(struct km_alloc *a, void *p, size_t npages)
{
	struct km_tlsf *t = tlsf_of(a);
	struct tlsf_block *b;

	if (KM_ALLOC_CHECKS) {
		if (!(b = check(t, p)))
			return;
		if (((uintptr_t)p & (KM_ALLOC_PAGE_SIZE - 1)) ||
		    npages > bsize(b) / KM_ALLOC_PAGE_SIZE) {
			km_alloc_report(a, KM_ALLOC_BAD_PAGES, p);
			return;
		}
	}
	tlsf_free(a, p);
}

static size_t tlsf_available(struct km_alloc *a)
{
	struct km_tlsf *t = tlsf_of(a);
	size_t sum = 0;

	for (unsigned int fl = 0; fl < TLSF_FL; fl++)
		for (unsigned int sl = 0; sl < TLSF_SL; sl++)
			for (struct tlsf_block *b = t->lists[fl][sl]; b; b = b->next_free)
				sum += bsize(b);
	return sum;
}

static int tlsf_add_memory(struct km_alloc *a, void *base, size_t len)
{
	struct km_tlsf *t = tlsf_of(a);
	uintptr_t start = KM_ALIGN_UP((uintptr_t)base, 16);
	uintptr_t end = KM_ALIGN_DOWN((uintptr_t)base + len, 16);
	struct tlsf_block *b, *s;

	if ((uintptr_t)base + len < (uintptr_t)base || end <= start ||
	    end - start < 2 * HDR + MIN_SIZE)
		return -EINVAL;
	if (end - start > MAX_POOL) {
		int rc = tlsf_add_memory(a, (void *)start, MAX_POOL);

		return rc ? rc
			  : tlsf_add_memory(a, (void *)(start + MAX_POOL), end - start - MAX_POOL);
	}
	if (t->nr_pools == TLSF_MAX_POOLS)
		return -ENOSPC;
	b = (struct tlsf_block *)start;
	b->hdr = FREE_BIT;
	set_size(b, end - start - 2 * HDR);
	s = (struct tlsf_block *)(end - HDR);
	s->hdr = PREV_FREE_BIT;
	s->prev_phys = b;
	set_size(s, 0);
	insert(t, b);
	t->pools[t->nr_pools].start = start;
	t->pools[t->nr_pools].end = end;
	t->nr_pools++;
	a->stats.heap += end - start;
	return 0;
}

const struct km_alloc_ops km_tlsf_ops = {
	.name = "tlsf",
	.add_memory = tlsf_add_memory,
	.malloc = tlsf_malloc,
	.free = tlsf_free,
	.realloc = tlsf_realloc,
	.memalign = tlsf_memalign,
	.palloc = tlsf_palloc,
	.pfree = tlsf_pfree,
	.usable_size = tlsf_usable_size,
	.available = tlsf_available,
};

void km_tlsf_init(struct km_tlsf *t)
{
	__builtin_memset(t, 0, sizeof(*t));
	t->a.ops = &km_tlsf_ops;
}
