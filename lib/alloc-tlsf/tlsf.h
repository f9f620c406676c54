/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TLSF state (internal to lib/alloc-tlsf and its host tests).
 *
 * Free blocks sit in TLSF_FL x TLSF_SL segregated lists: the first level is
 * the power of two of the size, the second splits each power of two into
 * TLSF_SL equal ranges. Two bitmaps say which lists are non-empty, so
 * finding a fitting block is two find-first-set operations: O(1).
 */
#ifndef KM_TLSF_H
#define KM_TLSF_H

#include <km/alloc_impl.h>

#define TLSF_SL_LOG2   4
#define TLSF_SL	       (1u << TLSF_SL_LOG2)
#define TLSF_FL	       40
#define TLSF_MAX_POOLS 32

struct tlsf_block;

struct km_tlsf {
	struct km_alloc a;
	uint64_t fl_bitmap;
	uint32_t sl_bitmap[TLSF_FL];
	struct tlsf_block *lists[TLSF_FL][TLSF_SL];
	struct {
		uintptr_t start, end;
	} pools[TLSF_MAX_POOLS];
	unsigned int nr_pools;
};

extern const struct km_alloc_ops km_tlsf_ops;

/* An empty allocator; give it memory with km_tlsf_ops.add_memory. */
void km_tlsf_init(struct km_tlsf *t);

#endif /* KM_TLSF_H */
