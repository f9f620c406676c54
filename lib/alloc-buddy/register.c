/* SPDX-License-Identifier: BSD-3-Clause */
/* Registers the buddy allocator before lib/alloc feeds it the free regions. */
#include <km/init.h>
#include "buddy.h"

static struct km_buddy heap;

static int buddy_register(void)
{
	km_buddy_init(&heap);
	return km_alloc_register(&heap.a);
}
KM_INIT_LIB_REQUIRED(buddy_register, 0);
