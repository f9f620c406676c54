/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Region allocator: a bump pointer per zone, for images that allocate at
 * start-up and run (or exit) without freeing much. free() does not reclaim
 * memory: it only marks the block freed (so a double free is still caught
 * with CONFIG_ASSERTIONS) and updates the statistics. realloc of the most
 * recent block grows or shrinks it in place. Each block has a 16-byte header
 * (usable size, and a magic word that depends on the address).
 * No platform calls: this file also builds on the host.
 */
#include <errno.h>
#include "region.h"

#define HDR	    16UL
#define MAX_REQ	    (1UL << 46)
#define MAGIC_USED  0x5245474E55534544ull /* "REGNUSED" */
#define MAGIC_FREED 0x5245474E46524545ull /* "REGNFREE" */

struct region_hdr {
	size_t size;
	uint64_t magic;
};

static inline struct km_region_alloc *region_of(struct km_alloc *a)
{
	return KM_CONTAINER_OF(a, struct km_region_alloc, a);
}

static inline struct region_hdr *hdr_of(void *p)
{
	return (struct region_hdr *)((char *)p - HDR);
}

static inline uint64_t magic(const void *p, uint64_t kind)
{
	return kind ^ (uint64_t)(uintptr_t)p;
}

static void *try_zone(struct km_region_alloc *r, unsigned int i, size_t align, size_t size)
{
	uintptr_t p = KM_ALIGN_UP(r->zones[i].cur + HDR, align);
	struct region_hdr *h;

	if (p < r->zones[i].cur || p > r->zones[i].end || r->zones[i].end - p < size)
		return NULL;
	r->zones[i].cur = p + size;
	r->last = i;
	h = hdr_of((void *)p);
	h->size = size;
	h->magic = magic((void *)p, MAGIC_USED);
	km_alloc_stat_alloc(&r->a, size, size);
	return (void *)p;
}

static void *region_memalign(struct km_alloc *a, size_t align, size_t size)
{
	struct km_region_alloc *r = region_of(a);
	void *p;

	if (size > MAX_REQ || align > MAX_REQ)
		return km_alloc_stat_fail(a);
	size = size <= 16 ? 16 : KM_ALIGN_UP(size, 16);
	if (align < 16)
		align = 16;
	if (r->nr_zones && (p = try_zone(r, r->last, align, size)))
		return p;
	for (unsigned int i = 0; i < r->nr_zones; i++)
		if ((p = try_zone(r, i, align, size)))
			return p;
	return km_alloc_stat_fail(a);
}

static void *region_malloc(struct km_alloc *a, size_t size)
{
	return region_memalign(a, 16, size);
}

/* The zone holding block @p, or -1 after reporting a bad pointer. */
static int check(struct km_region_alloc *r, void *p)
{
	uintptr_t u = (uintptr_t)p;
	unsigned int i;
	struct region_hdr *h = hdr_of(p);

	for (i = 0; i < r->nr_zones; i++)
		if (u >= r->zones[i].start + HDR && u < r->zones[i].cur)
			break;
	if (i == r->nr_zones || (u & 15)) {
		km_alloc_report(&r->a, KM_ALLOC_FOREIGN, p);
		return -1;
	}
	if (h->magic == magic(p, MAGIC_FREED)) {
		km_alloc_report(&r->a, KM_ALLOC_DOUBLE_FREE, p);
		return -1;
	}
	if (h->magic != magic(p, MAGIC_USED) || h->size > r->zones[i].cur - u) {
		km_alloc_report(&r->a, KM_ALLOC_CORRUPT, p);
		return -1;
	}
	return (int)i;
}

static void region_free(struct km_alloc *a, void *p)
{
	struct region_hdr *h = hdr_of(p);

	if (KM_ALLOC_CHECKS && check(region_of(a), p) < 0)
		return;
	h->magic = magic(p, MAGIC_FREED);
	km_alloc_stat_free(a, h->size, h->size);
}

static void *region_realloc(struct km_alloc *a, void *p, size_t size)
{
	struct km_region_alloc *r = region_of(a);
	struct region_hdr *h = hdr_of(p);
	size_t old = h->size;
	void *np;

	if (KM_ALLOC_CHECKS && check(r, p) < 0)
		return NULL;
	if (size > MAX_REQ)
		return km_alloc_stat_fail(a);
	size = size <= 16 ? 16 : KM_ALIGN_UP(size, 16);
	for (unsigned int i = 0; i < r->nr_zones; i++) {
		/* The most recent block of its zone: move the bump pointer. */
		if ((uintptr_t)p + old == r->zones[i].cur &&
		    r->zones[i].end - (uintptr_t)p >= size) {
			r->zones[i].cur = (uintptr_t)p + size;
			h->size = size;
			km_alloc_stat_resize(a, old, size, old, size);
			return p;
		}
	}
	if (size <= old) {
		h->size = size;
		km_alloc_stat_resize(a, old, size, old, size);
		return p;
	}
	np = region_malloc(a, size);
	if (!np)
		return NULL;
	__builtin_memcpy(np, p, old);
	region_free(a, p);
	return np;
}

static void *region_palloc(struct km_alloc *a, size_t npages)
{
	if (npages > MAX_REQ / KM_ALLOC_PAGE_SIZE)
		return km_alloc_stat_fail(a);
	return region_memalign(a, KM_ALLOC_PAGE_SIZE, npages * KM_ALLOC_PAGE_SIZE);
}

static void region_pfree(struct km_alloc *a, void *p, size_t npages)
{
	if (KM_ALLOC_CHECKS) {
		if (check(region_of(a), p) < 0)
			return;
		if (((uintptr_t)p & (KM_ALLOC_PAGE_SIZE - 1)) ||
		    npages > hdr_of(p)->size / KM_ALLOC_PAGE_SIZE) {
			km_alloc_report(a, KM_ALLOC_BAD_PAGES, p);
			return;
		}
	}
	region_free(a, p);
}

static size_t region_usable_size(struct km_alloc *a, void *p)
{
	return hdr_of(p)->size;
}

static size_t region_available(struct km_alloc *a)
{
	struct km_region_alloc *r = region_of(a);
	size_t sum = 0;

	for (unsigned int i = 0; i < r->nr_zones; i++)
		sum += r->zones[i].end - r->zones[i].cur;
	return sum;
}

static int region_add_memory(struct km_alloc *a, void *base, size_t len)
{
	struct km_region_alloc *r = region_of(a);
	uintptr_t start = KM_ALIGN_UP((uintptr_t)base, 16);
	uintptr_t end = KM_ALIGN_DOWN((uintptr_t)base + len, 16);

	if ((uintptr_t)base + len < (uintptr_t)base || end <= start || end - start < 2 * HDR)
		return -EINVAL;
	if (r->nr_zones == REGION_MAX_ZONES)
		return -ENOSPC;
	r->zones[r->nr_zones].start = start;
	r->zones[r->nr_zones].cur = start;
	r->zones[r->nr_zones].end = end;
	r->nr_zones++;
	a->stats.heap += end - start;
	return 0;
}

const struct km_alloc_ops km_region_ops = {
	.name = "region",
	.add_memory = region_add_memory,
	.malloc = region_malloc,
	.free = region_free,
	.realloc = region_realloc,
	.memalign = region_memalign,
	.palloc = region_palloc,
	.pfree = region_pfree,
	.usable_size = region_usable_size,
	.available = region_available,
};

void km_region_init(struct km_region_alloc *r)
{
	__builtin_memset(r, 0, sizeof(*r));
	r->a.ops = &km_region_ops;
}
