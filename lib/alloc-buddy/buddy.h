/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Binary buddy state (internal to lib/alloc-buddy and its host tests).
 *
 * Memory is cut into naturally aligned power-of-two blocks of 2^5 (32 B) up
 * to 2^BUDDY_MAX_ORDER bytes. One metadata byte per 32-byte unit, kept at
 * the start of each zone and out of reach of buffer overflows, records
 * whether a block starts there, its order and whether it is free; so
 * allocated blocks carry no header and a block of 2^k bytes is aligned to
 * 2^k (memalign and palloc are plain allocations of the right order).
 */
#ifndef KM_BUDDY_H
#define KM_BUDDY_H

#include <km/alloc_impl.h>

#define BUDDY_MIN_ORDER 5
#define BUDDY_MAX_ORDER 40
#define BUDDY_MAX_ZONES 32

struct buddy_free;

struct buddy_zone {
	uintptr_t base, end; /* the blocks: base is aligned to 2^BUDDY_MIN_ORDER */
	uint8_t *meta;       /* one byte per 2^BUDDY_MIN_ORDER bytes from base */
};

struct km_buddy {
	struct km_alloc a;
	uint64_t nonempty; /* bit k: lists[k] has a block */
	struct buddy_free *lists[BUDDY_MAX_ORDER + 1];
	struct buddy_zone zones[BUDDY_MAX_ZONES];
	unsigned int nr_zones;
};

extern const struct km_alloc_ops km_buddy_ops;

void km_buddy_init(struct km_buddy *b);

#endif /* KM_BUDDY_H */
