/* SPDX-License-Identifier: BSD-3-Clause */
/* Host torture of the buddy allocator (lib/alloc/tests/host/torture.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buddy.h"
#include "torture.h"

static struct km_alloc *create(void)
{
	static struct km_buddy pool[16];
	static unsigned int n;
	struct km_buddy *t = &pool[n++ % 16];

	km_buddy_init(t);
	return &t->a;
}

/*
 * The metadata is zeroed lazily, so a zone over dirty memory must behave
 * as one over zeroed memory. Every byte 0x85 reads as "a used 32 B block
 * starts here": fill the zone, empty it in another order, everything
 * merges back, and a pointer inside a block never split is refused.
 * Runs before the TAP tests.
 */
static int dirty_zone(void)
{
	static struct km_buddy t;
	static void *p[20000];
	size_t len = 6 << 20, avail, n = 0;
	unsigned char *mem = malloc(len);
	int bad = 0;

	memset(mem, 0x85, len);
	km_buddy_init(&t);
	if (!mem || t.a.ops->add_memory(&t.a, mem + 3, len - 3))
		return 1;
	avail = t.a.ops->available(&t.a);
	t.a.ops->free(&t.a, mem + (4 << 20)); /* inside the top block: foreign */
	bad |= t.a.ops->available(&t.a) != avail;
	while (n < 20000 && (p[n] = t.a.ops->malloc(&t.a, 1 + (n * 7919) % 3000))) {
		memset(p[n], 0xff, 1 + (n * 7919) % 3000);
		n++;
	}
	for (size_t i = 0; i < n; i += 2)
		t.a.ops->free(&t.a, p[i]);
	for (size_t i = 1; i < n; i += 2)
		t.a.ops->free(&t.a, p[i]);
	bad |= t.a.ops->available(&t.a) != avail;
	bad |= t.a.ops->malloc(&t.a, 2 << 20) == NULL; /* merged back whole */
	printf("# dirty zone: %zu blocks, %s\n", n, bad ? "FAILED" : "ok");
	free(mem);
	return bad;
}

/*
 * Zones at 300 odd (start, length) pairs: the largest block is the largest
 * power of two that fits in the zone's blocks, whatever the start's
 * alignment (one order less only when no page-aligned place fits it),
 * every page from palloc is page aligned, and memalign(64 KiB) is aligned.
 */
static int odd_zones(void)
{
	size_t span = (size_t)64 << 20;
	unsigned char *mem = aligned_alloc(1 << 21, span);
	uint64_t r = 88172645463325252ull;
	int bad = 0;

	for (int i = 0; i < 300 && mem && !bad; i++) {
		static struct km_buddy t;
		size_t off, len, usable, big = 0;
		unsigned int m;
		void *p;

		r ^= r << 13, r ^= r >> 7, r ^= r << 17;
		off = (r % (span / 4)) & ~(size_t)7;
		len = (size_t)(1 + (r >> 32) % 3) << (15 + (r >> 40) % 9); /* 32 KiB .. 24 MiB */
		len += (r >> 48) % 5000;
		km_buddy_init(&t);
		if (t.a.ops->add_memory(&t.a, mem + off, len)) {
			bad = 1;
			break;
		}
		usable = t.zones[0].end - t.zones[0].base;
		m = km_alloc_log2_floor(usable);
		for (size_t s = (size_t)1 << m; s >= 32 && !big; s >>= 1)
			if ((p = t.a.ops->malloc(&t.a, s)))
				big = s, t.a.ops->free(&t.a, p);
		if (big != (size_t)1 << m &&
		    !(big == (size_t)1 << (m - 1) && usable - big * 2 < 4096)) {
			printf("# zone +%#zx len %zu (usable %zu): largest block %zu\n", off, len,
			       usable, big);
			bad = 1;
		}
		p = t.a.ops->memalign(&t.a, 65536, 100);
		if (usable >= ((size_t)1 << 18) && (!p || (uintptr_t)p % 65536)) {
			printf("# zone +%#zx len %zu: memalign(64 KiB) gave %p\n", off, len, p);
			bad = 1;
		}
		while ((p = t.a.ops->palloc(&t.a, 1)))
			if ((uintptr_t)p % 4096) {
				printf("# zone +%#zx len %zu: palloc gave %p\n", off, len, p);
				bad = 1;
				break;
			}
	}
	printf("# odd zones: %s\n", bad ? "FAILED" : "ok");
	free(mem);
	return bad;
}

int main(void)
{
	if (dirty_zone() || odd_zones())
		return 1;
	static const struct torture_target target = {
		.name = "buddy",
		.create = create,
		.reclaims = 1,
		.has_header = 0,
	};

	return torture_main(&target);
}
