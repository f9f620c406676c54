/* SPDX-License-Identifier: BSD-3-Clause */
/* Registers the region allocator before lib/alloc feeds it the free regions. */
#include <km/init.h>
#include "region.h"

static struct km_region_alloc heap;

static int region_register(void)
{
	km_region_init(&heap);
	return km_alloc_register(&heap.a);
}
KM_INIT_LIB_REQUIRED(region_register, 0);
