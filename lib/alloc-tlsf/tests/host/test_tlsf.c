/* SPDX-License-Identifier: BSD-3-Clause */
/* Host torture of the TLSF allocator (lib/alloc/tests/host/torture.c). */
#include "tlsf.h"
#include "torture.h"

static struct km_alloc *create(void)
{
	static struct km_tlsf pool[16];
	static unsigned int n;
	struct km_tlsf *t = &pool[n++ % 16];

	km_tlsf_init(t);
	return &t->a;
}

int main(void)
{
	static const struct torture_target target = {
		.name = "tlsf",
		.create = create,
		.reclaims = 1,
		.has_header = 1,
	};

	return torture_main(&target);
}
