/* SPDX-License-Identifier: BSD-3-Clause */
/* Host torture of the region allocator (lib/alloc/tests/host/torture.c). */
#include "region.h"
#include "torture.h"

static struct km_alloc *create(void)
{
	static struct km_region_alloc pool[16];
	static unsigned int n;
	struct km_region_alloc *t = &pool[n++ % 16];

	km_region_init(t);
	return &t->a;
}

int main(void)
{
	static const struct torture_target target = {
		.name = "region",
		.create = create,
		.reclaims = 0,
		.has_header = 1,
	};

	return torture_main(&target);
}
