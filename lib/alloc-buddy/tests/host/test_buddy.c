/* SPDX-License-Identifier: BSD-3-Clause */
/* Host torture of the buddy allocator (lib/alloc/tests/host/torture.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/*
 * The metadata is zeroed lazily, so a zone over dirty memory must behave
 * as one over zeroed memory. Every byte 0x85 reads as "a used 32 B block
 * starts here": fill the zone, empty it in another order, everything
 * merges back, and a pointer inside a block never split is refused.
 * Runs before the TAP tests.
 */
static int dirty_zone(void)
{
	static struct km_buddy t;
	static void *p[20000];
	size_t len = 6 << 20, avail, n = 0;
	unsigned char *mem = malloc(len);
	int bad = 0;

	memset(mem, 0x85, len);
	km_buddy_init(&t);
	if (!mem || t.a.ops->add_memory(&t.a, mem + 3, len - 3))
		return 1;
	avail = t.a.ops->available(&t.a);
	t.a.ops->free(&t.a, mem + (4 << 20)); /* inside the top block: foreign */
	bad |= t.a.ops->available(&t.a) != avail;
	while (n < 20000 && (p[n] = t.a.ops->malloc(&t.a, 1 + (n * 7919) % 3000))) {
		memset(p[n], 0xff, 1 + (n * 7919) % 3000);
		n++;
	}
	for (size_t i = 0; i < n; i += 2)
		t.a.ops->free(&t.a, p[i]);
	for (size_t i = 1; i < n; i += 2)
		t.a.ops->free(&t.a, p[i]);
	bad |= t.a.ops->available(&t.a) != avail;
	bad |= t.a.ops->malloc(&t.a, 2 << 20) == NULL; /* merged back whole */
	printf("# dirty zone: %zu blocks, %s\n", n, bad ? "FAILED" : "ok");
	free(mem);
	return bad;
}

int main(void)
{
	if (dirty_zone())
		return 1;
	static const struct torture_target target = {
		.name = "buddy", .create = create, .reclaims = 1, .has_header = 0,
	};

	return torture_main(&target);
}
