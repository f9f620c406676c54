/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Region (bump pointer) allocator state, internal to lib/alloc-region and
 * its host tests. Each zone hands out memory from `cur` upwards; free never
 * gives memory back.
 */
#ifndef KM_REGION_ALLOC_H
#define KM_REGION_ALLOC_H

#include <km/alloc_impl.h>

#define REGION_MAX_ZONES 32

struct km_region_alloc {
	struct km_alloc a;
	struct {
		uintptr_t start, cur, end;
	} zones[REGION_MAX_ZONES];
	unsigned int nr_zones;
	unsigned int last; /* the zone the last allocation came from */
};

extern const struct km_alloc_ops km_region_ops;

void km_region_init(struct km_region_alloc *r);

#endif /* KM_REGION_ALLOC_H */
