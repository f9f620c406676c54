/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Allocator torture against a reference model: random malloc, free,
 * realloc, memalign and palloc sequences (fixed seeds), sizes 1 B to 1 MiB,
 * alignments up to 4 KiB, every byte of every live block checked against
 * its pattern, no overlaps, statistics consistent with the model,
 * exhaustion and recovery, several regions, and bad-pointer reports.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "torture.h"

static int tests, failures;
static const struct torture_target *tgt;

#define EXPECT(cond, ...)                                                                          \
	do {                                                                                       \
		int ok_ = !!(cond);                                                                \
		tests++;                                                                           \
		printf("%s %d - %s: ", ok_ ? "ok" : "not ok", tests, tgt->name);                   \
		if (!ok_)                                                                          \
			failures++;                                                                \
		printf(__VA_ARGS__);                                                               \
		printf("\n");                                                                      \
	} while (0)
#define FAIL_IF(cond, ...)                                                                         \
	do {                                                                                       \
		if (cond) {                                                                        \
			EXPECT(0, __VA_ARGS__);                                                    \
			return;                                                                    \
		}                                                                                  \
	} while (0)

/* km_alloc_report for the host: record, and let the allocator return. */
static int nr_reports;
static enum km_alloc_bad last_why;
static const void *last_ptr;
void km_alloc_report(struct km_alloc *a, enum km_alloc_bad why, const void *ptr)
{
	nr_reports++;
	last_why = why;
	last_ptr = ptr;
}

static uint64_t rng;
static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* 90% small (1 B to 4 KiB), 10% large (up to 1 MiB, log-uniform). */
static size_t rnd_size(void)
{
	if (rnd() % 10)
		return 1 + rnd() % 4096;
	return 1 + rnd() % ((size_t)1 << (12 + rnd() % 9));
}

static void *map(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	return p;
}

struct live {
	unsigned char *p;
	size_t size;
	uint64_t seed;
};

#define MAX_LIVE 4096
static struct live lv[MAX_LIVE];
static unsigned int nr_live;
static uintptr_t heap_lo, heap_hi;

static void fill(struct live *l)
{
	uint64_t v = l->seed;
	size_t i = 0;

	for (; i + 8 <= l->size; i += 8, v += 0x9E3779B97F4A7C15ull)
		memcpy(l->p + i, &v, 8);
	for (; i < l->size; i++)
		l->p[i] = (unsigned char)(v >> (8 * (i & 7)));
}

/* Checks the first @n bytes of @l; returns 0 when they hold the pattern. */
static int verify(const struct live *l, size_t n)
{
	uint64_t v = l->seed, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8, v += 0x9E3779B97F4A7C15ull) {
		memcpy(&w, l->p + i, 8);
		if (w != v)
			return -1;
	}
	/* A tail shorter than a word: only meaningful when n == size. */
	if (n == l->size)
		for (; i < n; i++)
			if (l->p[i] != (unsigned char)(v >> (8 * (i & 7))))
				return -1;
	return 0;
}

static int in_heap(const void *p, size_t size)
{
	return (uintptr_t)p >= heap_lo && (uintptr_t)p + size <= heap_hi;
}

static int cmp_live(const void *x, const void *y)
{
	const struct live *a = x, *b = y;

	return a->p < b->p ? -1 : a->p > b->p;
}

/* Every live block holds its pattern, none overlaps, stats agree. */
static int check_model(struct km_alloc *a, const char **why)
{
	size_t sum = 0;

	qsort(lv, nr_live, sizeof(lv[0]), cmp_live);
	for (unsigned int i = 0; i < nr_live; i++) {
		size_t us = a->ops->usable_size(a, lv[i].p);

		if (verify(&lv[i], lv[i].size))
			return *why = "a live block lost its contents", -1;
		if (us < lv[i].size)
			return *why = "usable size below the size asked for", -1;
		if (i + 1 < nr_live && lv[i].p + us > lv[i + 1].p)
			return *why = "two live blocks overlap", -1;
		sum += us;
	}
	if (a->stats.in_use != sum)
		return *why = "stats.in_use differs from the live blocks' usable sizes", -1;
	if (a->stats.requested > a->stats.in_use || (!nr_live && a->stats.requested))
		return *why = "stats.requested above in_use, or not 0 with nothing live", -1;
	if (a->stats.nr_allocs - a->stats.nr_frees != nr_live)
		return *why = "nr_allocs - nr_frees differs from the live count", -1;
	if (a->stats.peak < a->stats.in_use)
		return *why = "peak below in_use", -1;
	return 0;
}

/* An allocator over a new mapping of @len bytes, its memory starting
 * @off bytes in (an odd alignment). */
static struct km_alloc *fresh_at(size_t len, size_t off, void **base)
{
	struct km_alloc *a = tgt->create();

	*base = map(len);
	heap_lo = (uintptr_t)*base + off;
	heap_hi = (uintptr_t)*base + len;
	if (a->ops->add_memory(a, (char *)*base + off, len - off))
		return NULL;
	nr_live = 0;
	nr_reports = 0;
	return a;
}

static struct km_alloc *fresh(size_t len, void **base)
{
	return fresh_at(len, 0, base);
}

static void random_run(uint64_t seed, unsigned int ops, size_t len, size_t off)
{
	void *base;
	struct km_alloc *a = fresh_at(len, off, &base);
	uint64_t fails = 0, nulls = 0;
	const char *why = "";

	FAIL_IF(!a, "add_memory of %zu MiB failed", len >> 20);
	rng = seed;
	for (unsigned int op = 0; op < ops; op++) {
		unsigned int k = (unsigned int)(rnd() % 100);
		struct live *l;

		if (k < 45 && nr_live < MAX_LIVE) { /* malloc / memalign / palloc */
			size_t size = rnd_size(), align = 16;
			void *p;

			if (k < 5) {
				align = (size_t)1 << (rnd() % 13); /* 1 B .. 4 KiB */
				if (align < sizeof(void *))
					align = sizeof(void *);
				p = a->ops->memalign(a, align, size);
			} else if (k < 7) {
				size = (1 + rnd() % 16) * KM_ALLOC_PAGE_SIZE;
				align = KM_ALLOC_PAGE_SIZE;
				p = a->ops->palloc(a, size / KM_ALLOC_PAGE_SIZE);
			} else {
				p = a->ops->malloc(a, size);
			}
			if (!p) {
				nulls++;
				continue;
			}
			FAIL_IF((uintptr_t)p % align || (uintptr_t)p % 16,
				"seed %llu op %u: %p not aligned to %zu", (unsigned long long)seed,
				op, p, align);
			FAIL_IF(!in_heap(p, size), "seed %llu op %u: %p+%zu outside the heap",
				(unsigned long long)seed, op, p, size);
			l = &lv[nr_live++];
			l->p = p;
			l->size = size;
			l->seed = rnd();
			fill(l);
		} else if (k < 85 && nr_live) { /* free */
			unsigned int i = (unsigned int)(rnd() % nr_live);

			FAIL_IF(verify(&lv[i], lv[i].size),
				"seed %llu op %u: contents changed before free",
				(unsigned long long)seed, op);
			a->ops->free(a, lv[i].p);
			lv[i] = lv[--nr_live];
		} else if (nr_live) { /* realloc */
			unsigned int i = (unsigned int)(rnd() % nr_live);
			size_t size = rnd() % 4 ? lv[i].size + rnd() % 512 - 256 : rnd_size();
			void *p;

			if ((ssize_t)size <= 0)
				size = 1;
			p = a->ops->realloc(a, lv[i].p, size);
			if (!p) {
				nulls++;
				FAIL_IF(verify(&lv[i], lv[i].size),
					"seed %llu op %u: failed realloc damaged the block",
					(unsigned long long)seed, op);
				continue;
			}
			l = &lv[i];
			l->p = p;
			FAIL_IF(verify(l, KM_MIN(size, l->size)),
				"seed %llu op %u: realloc lost contents", (unsigned long long)seed,
				op);
			FAIL_IF(!in_heap(p, size) || (uintptr_t)p % 16,
				"seed %llu op %u: realloc gave %p", (unsigned long long)seed, op,
				p);
			l->size = size;
			l->seed = rnd();
			fill(l);
		}
		if (op % 4096 == 0 && check_model(a, &why))
			break;
	}
	fails = a->stats.nr_failures;
	if (!*why)
		check_model(a, &why);
	EXPECT(!*why && nr_reports == 0 && fails == nulls,
	       "seed %llu: %u random ops in %zu MiB at +%#zx, %llu NULLs, peak %zu KiB%s%s",
	       (unsigned long long)seed, ops, len >> 20, off, (unsigned long long)nulls,
	       a->stats.peak >> 10, *why ? ": " : "", why);
	while (nr_live)
		a->ops->free(a, lv[--nr_live].p);
	EXPECT(a->stats.in_use == 0, "seed %llu: in_use 0 after freeing everything",
	       (unsigned long long)seed);
	munmap(base, len);
}

/* Fill to NULL, free all, fill again: same count when memory is reclaimed. */
static void exhaustion(void)
{
	size_t len = (size_t)8 << 20;
	void *base;
	struct km_alloc *a = fresh(len, &base);
	size_t avail0 = a->ops->available(a);
	unsigned int round_counts[2] = { 0, 0 };
	int rounds = tgt->reclaims ? 2 : 1;

	for (int r = 0; r < rounds; r++) {
		void *p;

		rng = 42;
		nr_live = 0;
		while (nr_live < MAX_LIVE && (p = a->ops->malloc(a, 1 + rnd() % 8192))) {
			lv[nr_live].p = p;
			lv[nr_live].size = 1;
			lv[nr_live++].p[0] = (unsigned char)r;
		}
		round_counts[r] = nr_live;
		FAIL_IF(nr_live == MAX_LIVE, "8 MiB heap did not run out");
		/* Once it failed, small and aligned requests may fail too, cleanly. */
		p = a->ops->malloc(a, (size_t)1 << 30);
		FAIL_IF(p, "a 1 GiB malloc from an 8 MiB heap succeeded");
		p = a->ops->memalign(a, 4096, (size_t)1 << 24);
		FAIL_IF(p, "a 16 MiB memalign from an 8 MiB heap succeeded");
		FAIL_IF(a->ops->available(a) > len / 64, "available() %zu after exhaustion",
			a->ops->available(a));
		for (unsigned int i = 0; i < nr_live; i++)
			a->ops->free(a, lv[i].p);
		nr_live = 0;
	}
	if (tgt->reclaims) {
		EXPECT(round_counts[1] == round_counts[0] && a->ops->available(a) == avail0,
		       "exhaustion: %u then %u blocks, available %zu back to %zu", round_counts[0],
		       round_counts[1], a->ops->available(a), avail0);
	} else {
		EXPECT(round_counts[0] > 0 && a->ops->available(a) <= len / 64 &&
			       a->ops->malloc(a, 1 << 20) == NULL,
		       "exhaustion: %u blocks, memory is not reclaimed by free (documented)",
		       round_counts[0]);
	}
	EXPECT(a->stats.nr_failures >= 3 && nr_reports == 0, "exhaustion: failures counted (%llu)",
	       (unsigned long long)a->stats.nr_failures);
	munmap(base, len);
}

/* Memory in several pieces at odd addresses; all of it gets used. */
static void regions(void)
{
	size_t len = (size_t)4 << 20;
	struct km_alloc *a = tgt->create();
	unsigned char *base = map(len);
	size_t got = 0;
	int hits[3] = { 0, 0, 0 };
	void *p;

	heap_lo = (uintptr_t)base;
	heap_hi = heap_lo + len;
	EXPECT(a->ops->add_memory(a, base + 3, 1000000) == 0 &&
		       a->ops->add_memory(a, base + 1200001, 777777) == 0 &&
		       a->ops->add_memory(a, base + 2500000, 1500000) == 0,
	       "three odd regions added");
	EXPECT(a->ops->add_memory(a, base + 4100000, 8) != 0, "a region too small is refused");
	nr_live = 0;
	while (nr_live < MAX_LIVE && (p = a->ops->malloc(a, 2000))) {
		unsigned char *c = p;
		hits[c < base + 1200001 ? 0 : c < base + 2500000 ? 1 : 2]++;
		lv[nr_live].p = p;
		lv[nr_live].size = 2000;
		lv[nr_live].seed = nr_live;
		fill(&lv[nr_live++]);
		got += 2000;
	}
	const char *why = "";
	check_model(a, &why);
	EXPECT(hits[0] && hits[1] && hits[2] && !*why,
	       "blocks from every region (%d %d %d), %zu KiB %s", hits[0], hits[1], hits[2],
	       got >> 10, why);
	for (unsigned int i = 0; i < nr_live; i++)
		a->ops->free(a, lv[i].p);
	munmap(base, len);
}

/*
 * A large region gives a large block whatever its start's alignment: pc
 * and q35 guests with 2-4 GiB have 0x123000-0x7ffe0000, where blocks
 * aligned to their size in memory stop at 512 MiB. Same length at several
 * alignments (4 GiB-aligned reference); the largest power-of-two malloc
 * must be the same everywhere, and at least 1 GiB.
 */
static void large_regions(void)
{
	static const size_t starts[] = { 0, 0x123000, 0x1000, 0x20, 0x40000020, 0x3ffff000 };
	const size_t len = 0x7ffe0000 - 0x123000, span = (size_t)1 << 32;
	size_t ref = 0;
	int same = 1;

	for (unsigned int i = 0; i < KM_ARRAY_SIZE(starts); i++) {
		unsigned char *m = map(2 * span), *base;
		struct km_alloc *a = tgt->create();
		size_t big = 0;

		base = (unsigned char *)KM_ALIGN_UP((uintptr_t)m, span) + starts[i];
		if (a->ops->add_memory(a, base, len)) {
			EXPECT(0, "add_memory of %zu MiB at +%#zx", len >> 20, starts[i]);
			continue;
		}
		for (size_t size = (size_t)1 << 32; size >= ((size_t)1 << 20) && !big; size >>= 1) {
			unsigned char *p = a->ops->malloc(a, size);

			if (!p)
				continue;
			big = p >= base && p + size <= base + len ? size : 1;
			p[0] = p[size - 1] = 1;
			a->ops->free(a, p);
		}
		printf("# %s: largest block from %zu MiB at 4 GiB + %#zx: %zu MiB\n", tgt->name,
		       len >> 20, starts[i], big >> 20);
		if (!i)
			ref = big;
		same &= big == ref;
		munmap(m, 2 * span);
	}
	EXPECT(same && ref >= (size_t)1 << 30,
	       "a %zu MiB region gives the same largest block (%zu MiB) at every alignment",
	       len >> 20, ref >> 20);
}

static void bad_pointers(void)
{
	size_t len = (size_t)1 << 20;
	void *base;
	struct km_alloc *a = fresh(len, &base);
	unsigned char *p = a->ops->malloc(a, 100), *q = a->ops->malloc(a, 100);
	uint64_t stack[4] = { 0 };

	if (!KM_ALLOC_CHECKS) {
		printf("# %s: built without CONFIG_ASSERTIONS, bad-pointer checks skipped\n",
		       tgt->name);
		return;
	}
	a->ops->free(a, p);
	nr_reports = 0;
	a->ops->free(a, p);
	EXPECT(nr_reports == 1 && last_why == KM_ALLOC_DOUBLE_FREE && last_ptr == p,
	       "double free reported");
	nr_reports = 0;
	a->ops->free(a, &stack[2]);
	EXPECT(nr_reports == 1 && last_why == KM_ALLOC_FOREIGN, "free of a stack address reported");
	nr_reports = 0;
	a->ops->free(a, (char *)base + len - 16);
	EXPECT(nr_reports == 1, "free of a heap address never returned reported (%d)", last_why);
	nr_reports = 0;
	EXPECT(a->ops->realloc(a, p, 10) == NULL && nr_reports == 1,
	       "realloc of a freed pointer reported");
	if (tgt->has_header) {
		unsigned char saved[16];

		memcpy(saved, q - 16, 16);
		memset(q - 16, 0x41, 16); /* what an overflow of the block in front does */
		nr_reports = 0;
		a->ops->free(a, q);
		EXPECT(nr_reports == 1 && last_why == KM_ALLOC_CORRUPT,
		       "overwritten header reported (%d)", last_why);
		memcpy(q - 16, saved, 16);
	}
	nr_reports = 0;
	a->ops->free(a, q);
	p = a->ops->malloc(a, 1000);
	EXPECT(nr_reports == 0 && p, "allocator still works after the reports");
	void *pg = a->ops->palloc(a, 3);
	if (pg) {
		a->ops->pfree(a, pg, 9);
		EXPECT(nr_reports == 1 && last_why == KM_ALLOC_BAD_PAGES,
		       "pfree with a wrong page count reported");
		nr_reports = 0;
		a->ops->pfree(a, pg, 3);
		EXPECT(nr_reports == 0, "pfree with the right count accepted");
	}
	munmap(base, len);
}

static void basics(void)
{
	size_t len = (size_t)16 << 20;
	void *base;
	struct km_alloc *a = fresh(len, &base);
	void *z1 = a->ops->malloc(a, 0), *z2 = a->ops->malloc(a, 0);
	int ok = 1;

	EXPECT(z1 && z2 && z1 != z2, "malloc(0) gives distinct pointers");
	a->ops->free(a, z1);
	a->ops->free(a, z2);
	for (size_t align = 8; align <= 65536; align <<= 1) {
		void *p = a->ops->memalign(a, align, 1 + align / 3);
		ok &= p && (uintptr_t)p % align == 0;
		a->ops->free(a, p);
	}
	EXPECT(ok, "memalign 8 B .. 64 KiB aligned");
	void *pg = a->ops->palloc(a, 5);
	EXPECT(pg && (uintptr_t)pg % KM_ALLOC_PAGE_SIZE == 0 &&
		       a->ops->usable_size(a, pg) >= 5 * KM_ALLOC_PAGE_SIZE,
	       "palloc(5) page aligned, 20 KiB usable");
	a->ops->pfree(a, pg, 5);
	EXPECT(a->ops->malloc(a, (size_t)-1) == NULL &&
		       a->ops->malloc(a, (size_t)1 << 62) == NULL &&
		       a->ops->memalign(a, (size_t)1 << 62, 16) == NULL &&
		       a->ops->palloc(a, (size_t)1 << 60) == NULL,
	       "huge requests return NULL");
	EXPECT(a->stats.heap > 0 && a->stats.heap <= len, "stats.heap %zu", a->stats.heap);
	EXPECT(a->ops->available(a) <= len && a->ops->available(a) > len / 2,
	       "available %zu of %zu", a->ops->available(a), len);
	munmap(base, len);
}

int torture_main(const struct torture_target *t)
{
	static const uint64_t seeds[] = { 1, 2, 0xC0FFEE, 20240601 };

	setvbuf(stdout, NULL, _IONBF, 0);
	tgt = t;
	basics();
	for (unsigned int i = 0; i < KM_ARRAY_SIZE(seeds); i++)
		random_run(seeds[i], 60000, (size_t)(i & 1 ? 24 : 64) << 20, /* 24 MiB runs out */
			   i * (size_t)0x48d20); /* start aligned to 32 B .. 2^k */
	exhaustion();
	regions();
	large_regions();
	bad_pointers();
	printf("1..%d\n", tests);
	printf("# %s: %d passed, %d failed\n", t->name, tests - failures, failures);
	return failures ? 1 : 0;
}
