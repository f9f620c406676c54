/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Binary buddy state (internal to lib/alloc-buddy and its host tests).
 *
 * Memory is cut into power-of-two blocks of 2^5 (32 B) up to
 * 2^BUDDY_MAX_ORDER bytes, each aligned to its size counting from its
 * zone's origin (and so in memory, up to the origin's alignment). One metadata byte per 32-byte
 * unit, kept at the start of each zone and out of reach of buffer overflows (zeroed on first use, a
 * chunk at a time), records whether a block starts there, its order and whether it is free; so
 * allocated blocks carry no header and a block of 2^k bytes is aligned to
 * 2^k, up to the origin's alignment (at least a page, so palloc and most
 * memalign calls are plain allocations of the right order).
 */
#ifndef KM_BUDDY_H
#define KM_BUDDY_H

#include <km/alloc_impl.h>

#define BUDDY_MIN_ORDER 5
#define BUDDY_MAX_ORDER 40
#define BUDDY_MAX_ZONES 32
/* blocks a zone is first cut into: at most two of each order */
#define BUDDY_MAX_PENDING (2 * (BUDDY_MAX_ORDER - BUDDY_MIN_ORDER + 1))
#define BUDDY_CHUNK_SHIFT 9 /* metadata zeroed on first use, 512 B at a time */

struct buddy_free;

struct buddy_zone {
	uintptr_t base, end; /* the blocks: base is aligned to 2^BUDDY_MIN_ORDER */
	uintptr_t origin;    /* block offsets count from here (the largest block) */
	uint8_t *meta;	     /* one byte per 2^BUDDY_MIN_ORDER bytes from base */
	uint64_t *zeroed;    /* bit c: meta chunk c (2^BUDDY_CHUNK_SHIFT bytes) is zeroed */
	uintptr_t *pend;     /* blocks first cut, not linked yet (0: gone); buddy.c */
	unsigned int nr_pend;
};

struct km_buddy {
	struct km_alloc a;
	uint64_t nonempty; /* bit k: lists[k] has a block */
	struct buddy_free *lists[BUDDY_MAX_ORDER + 1];
	unsigned int npend[BUDDY_MAX_ORDER + 1]; /* pending blocks of each order */
	struct buddy_zone zones[BUDDY_MAX_ZONES];
	unsigned int nr_zones;
};

extern const struct km_alloc_ops km_buddy_ops;

void km_buddy_init(struct km_buddy *b);

#endif /* KM_BUDDY_H */
