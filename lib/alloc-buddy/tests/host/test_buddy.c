/* SPDX-License-Identifier: BSD-3-Clause */
/* Host torture of the buddy allocator (lib/alloc/tests/host/torture.c). */
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

int main(void)
{
	static const struct torture_target target = {
		.name = "buddy", .create = create, .reclaims = 1, .has_header = 0,
	};

	return torture_main(&target);
}
