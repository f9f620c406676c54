/* SPDX-License-Identifier: BSD-3-Clause */
/* Registers the TLSF allocator before lib/alloc feeds it the free regions. */
#include <km/init.h>
#include "tlsf.h"

static struct km_tlsf heap;

static int tlsf_register(void)
{
	km_tlsf_init(&heap);
	return km_alloc_register(&heap.a);
}
KM_INIT_LIB_REQUIRED(tlsf_register, 0);
