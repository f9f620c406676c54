/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * In-image tests of the malloc family on whichever allocator is chosen
 * (CONFIG_LIBALLOC_TESTS): the libc-facing contract of km/alloc.h, errno,
 * statistics, exhaustion and recovery, and a short random torture.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <km/alloc.h>
#include <km/test.h>

/*
 * @v, unknown to the compiler: sizes that must fail at run time would
 * otherwise be refused at compile time by C libraries whose headers give
 * malloc and calloc alloc_size attributes (newlib: -Walloc-size-larger-than).
 */
static size_t opaque(size_t v)
{
	__asm__("" : "+r"(v));
	return v;
}

static int reclaims(void)
{
	return strcmp(km_alloc_get()->ops->name, "region") != 0;
}

KM_TEST(alloc, registered_and_fed)
{
	struct km_alloc_stats st;

	KM_ASSERT_NOT_NULL(km_alloc_get());
	KM_EXPECT_EQ(km_alloc_stats_get(&st), 0);
	KM_EXPECT_GT(st.heap, (size_t)0);
	KM_EXPECT_GT(km_alloc_available(), (size_t)0);
}

KM_TEST(alloc, malloc_free)
{
	for (size_t n = 0; n <= 5000; n = n * 3 + 1) {
		unsigned char *p = malloc(n);

		KM_ASSERT_NOT_NULL(p);
		KM_EXPECT_EQ((uintptr_t)p % KM_ALLOC_MIN_ALIGN, (uintptr_t)0);
		KM_EXPECT_GE(malloc_usable_size(p), n);
		memset(p, 0xab, malloc_usable_size(p));
		free(p);
	}
	free(NULL);
	KM_EXPECT_EQ(malloc_usable_size(NULL), (size_t)0);
}

KM_TEST(alloc, calloc_zeroes_and_checks_overflow)
{
	unsigned char *p = malloc(4096);
	size_t i;

	KM_ASSERT_NOT_NULL(p);
	memset(p, 0x5a, 4096);
	free(p);
	p = calloc(1024, 4);
	KM_ASSERT_NOT_NULL(p);
	for (i = 0; i < 4096 && !p[i]; i++)
		;
	KM_EXPECT_EQ(i, (size_t)4096);
	free(p);
	errno = 0;
	KM_EXPECT_NULL(calloc(opaque(SIZE_MAX / 2), 3));
	KM_EXPECT_EQ(errno, ENOMEM);
}

KM_TEST(alloc, realloc_keeps_contents)
{
	char *p = realloc(NULL, 10), *q;

	KM_ASSERT_NOT_NULL(p);
	memcpy(p, "kumiki", 7);
	q = realloc(p, 100000);
	KM_ASSERT_NOT_NULL(q);
	KM_EXPECT_STREQ(q, "kumiki");
	p = realloc(q, 3);
	KM_ASSERT_NOT_NULL(p);
	KM_EXPECT_EQ(memcmp(p, "kum", 3), 0);
	q = realloc(p, 0); /* a minimum allocation, not a free */
	KM_EXPECT_NOT_NULL(q);
	free(q);
}

KM_TEST(alloc, aligned_variants)
{
	void *p = NULL;

	for (size_t al = 8; al <= 4096; al <<= 1) {
		KM_EXPECT_EQ(posix_memalign(&p, al, 100), 0);
		KM_EXPECT_EQ((uintptr_t)p % al, (uintptr_t)0);
		free(p);
		p = aligned_alloc(al, al * 2);
		KM_EXPECT_EQ((uintptr_t)p % al, (uintptr_t)0);
		free(p);
		p = memalign(al, 1);
		KM_EXPECT_EQ((uintptr_t)p % al, (uintptr_t)0);
		free(p);
	}
	errno = 0;
	KM_EXPECT_EQ(posix_memalign(&p, 24, 8), EINVAL);
	KM_EXPECT_EQ(posix_memalign(&p, 4, 8), EINVAL);
	KM_EXPECT_EQ(errno, 0);
	KM_EXPECT_NULL(memalign(48, 8));
	KM_EXPECT_EQ(errno, EINVAL);
}

KM_TEST(alloc, pages)
{
	unsigned char *p = km_palloc(3);

	KM_ASSERT_NOT_NULL(p);
	KM_EXPECT_EQ((uintptr_t)p % KM_ALLOC_PAGE_SIZE, (uintptr_t)0);
	memset(p, 1, 3 * KM_ALLOC_PAGE_SIZE);
	km_pfree(p, 3);
	errno = 0;
	KM_EXPECT_NULL(km_palloc(SIZE_MAX / KM_ALLOC_PAGE_SIZE));
	KM_EXPECT_EQ(errno, ENOMEM);
}

/* stats.requested depends on the request only, not on the free block that
 * served it: 96 bytes asked for in a 112-byte hole (TLSF cannot split off
 * 16) count as much as 96 bytes from a large free block. */
KM_TEST(alloc, requested_bytes_do_not_depend_on_the_block)
{
	struct km_alloc_stats s0, s1, s2, s3;
	void *p = malloc(100), *q = malloc(100), *fresh, *reuse;

	KM_ASSERT_NOT_NULL(p);
	KM_ASSERT_NOT_NULL(q);
	free(p);
	km_alloc_stats_get(&s0);
	reuse = malloc(96);
	km_alloc_stats_get(&s1);
	fresh = malloc(96);
	km_alloc_stats_get(&s2);
	KM_EXPECT_EQ(s1.requested - s0.requested, s2.requested - s1.requested);
	printf("# 96 bytes: %zu and %zu usable, %zu asked for each\n", s1.in_use - s0.in_use,
	       s2.in_use - s1.in_use, s1.requested - s0.requested);
	free(reuse);
	free(fresh);
	free(q);
	km_alloc_stats_get(&s3);
	KM_EXPECT_LT(s3.requested, s0.requested); /* q went too */
}

KM_TEST(alloc, statistics)
{
	struct km_alloc_stats a, b, c;
	void *p;

	km_alloc_stats_get(&a);
	p = malloc(1000);
	km_alloc_stats_get(&b);
	free(p);
	km_alloc_stats_get(&c);
	KM_EXPECT_EQ(b.nr_allocs, a.nr_allocs + 1);
	KM_EXPECT_GE(b.in_use, a.in_use + 1000);
	KM_EXPECT_GE(b.peak, b.in_use);
	KM_EXPECT_EQ(c.nr_frees, a.nr_frees + 1);
	KM_EXPECT_EQ(c.in_use, a.in_use);
	KM_EXPECT_GE(b.requested, a.requested + 1000);
	KM_EXPECT_LE(b.requested, b.in_use);
	KM_EXPECT_EQ(c.requested, a.requested);
	errno = 0;
	KM_EXPECT_NULL(malloc(opaque(SIZE_MAX - 64)));
	KM_EXPECT_EQ(errno, ENOMEM);
	km_alloc_stats_get(&b);
	KM_EXPECT_EQ(b.nr_failures, c.nr_failures + 1);
}

/*
 * Fill the heap to NULL, free everything, fill again. Not with the region
 * allocator: its memory never comes back, and the tests after this one
 * need some (tests/apps/alloctest's `exhaust` command covers it).
 */
KM_TEST(alloc, exhaustion_and_recovery)
{
	enum { MAX = 4096, CHUNK = 64 << 10 };
	static void *blocks[MAX];
	unsigned int n[2] = { 0, 0 };

	if (!reclaims())
		return;
	for (int round = 0; round < 2; round++) {
		while (n[round] < MAX && (blocks[n[round]] = malloc(CHUNK)))
			((char *)blocks[n[round]++])[CHUNK - 1] = 1;
		KM_EXPECT_LT(n[round], (unsigned int)MAX);
		errno = 0;
		KM_EXPECT_NULL(malloc(CHUNK));
		KM_EXPECT_EQ(errno, ENOMEM);
		for (unsigned int i = 0; i < n[round]; i++)
			free(blocks[i]);
	}
	KM_EXPECT_GT(n[0], 0u);
	KM_EXPECT_EQ(n[1], n[0]);
}

KM_TEST(alloc, random_torture)
{
	enum { SLOTS = 256 };
	/* About 2 KiB per operation: the region allocator never gets it back. */
	unsigned int ops = reclaims() ? 20000 : 2000;
	static unsigned char *p[SLOTS];
	static size_t len[SLOTS];
	static unsigned char tag[SLOTS];
	uint64_t x = 0x2545F4914F6CDD1Dull;
	unsigned int bad = 0;

	for (unsigned int op = 0; op < ops; op++) {
		unsigned int i;
		size_t n;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		i = (unsigned int)(x % SLOTS);
		if (p[i]) {
			for (size_t k = 0; k < len[i]; k += 61)
				bad += p[i][k] != tag[i];
			if (x & 0x100) {
				free(p[i]);
				p[i] = NULL;
				continue;
			}
		}
		n = 16 + (x >> 20) % 4096;
		if (p[i]) {
			unsigned char *q = realloc(p[i], n);

			if (!q)
				continue;
			p[i] = q;
		} else if (!(p[i] = (x & 0x200) ? memalign(64, n) : malloc(n))) {
			continue;
		}
		len[i] = n;
		tag[i] = (unsigned char)(x >> 40);
		memset(p[i], tag[i], n);
	}
	for (unsigned int i = 0; i < SLOTS; i++)
		free(p[i]);
	KM_EXPECT_EQ(bad, 0u);
}
