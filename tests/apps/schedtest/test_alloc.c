/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The allocator under preemption (km/alloc.h: every call is serialised by
 * lib/alloc). Four threads each keep 64 blocks of random sizes (1 B to
 * 1 KiB, some memaligned, some realloc'ed), filled with a pattern of their
 * own, and replace them at random without ever yielding; every block's
 * pattern is checked before it is freed, and a timer function allocates
 * and frees too (interrupt context). Under sched-preempt the threads run
 * until each of them was preempted 3 times (or for 300 ms), so the
 * timer takes the CPU away in the middle of allocator calls; the allocator
 * statistics must balance at the end. Under sched-coop the same runs
 * without preemption.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <km/alloc.h>
#include <km/sched.h>
#include <km/test.h>
#include <km/time.h>

#define NTHREADS	 4
#define SLOTS		 64
#define WANT_PREEMPTIONS 3
#define MIN_OPS		 2000
#define MAX_SIZE	 1024
#define MAX_NS		 (300 * KM_NSEC_PER_MSEC)

struct hammer {
	unsigned long ops, preempted, bad;
	uint64_t seed;
};

static struct hammer hammers[NTHREADS];
static km_nsec_t hammer_end;
static struct km_timer irq_timer;
static unsigned long irq_allocs, irq_bad;

static uint64_t rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static void fill(unsigned char *p, size_t n, unsigned char v)
{
	memset(p, v, n);
}

static int intact(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

/* Interrupt context: allocate, check, free, restart while threads run. */
static void irq_fn(struct km_timer *t, void *arg)
{
	unsigned char *p = malloc(200);

	if (p) {
		fill(p, 200, 0x5a);
		if (!intact(p, 200, 0x5a))
			irq_bad++;
		free(p);
		irq_allocs++;
	}
	if (km_time_monotonic_ns() < hammer_end)
		km_timer_start(t, km_time_monotonic_ns() + 300 * KM_NSEC_PER_USEC);
}

static void *hammer_fn(void *arg)
{
	struct hammer *h = arg;
	unsigned char v = (unsigned char)(0x11 * (h - hammers + 1));
	unsigned char *blk[SLOTS] = { 0 };
	size_t len[SLOTS] = { 0 };
	int preempt = !strcmp(km_sched_name(), "preempt");
	unsigned long sw = km_sched_switches();

	for (;;) {
		unsigned int s = (unsigned int)(rnd(&h->seed) % SLOTS);
		uint64_t r = rnd(&h->seed);
		size_t n = 1 + (size_t)(r % MAX_SIZE);

		if (blk[s] && (r >> 40) % 4 == 0) {
			/* grow or shrink in place or by moving */
			unsigned char *q;
			size_t keep = n < len[s] ? n : len[s];

			if (!intact(blk[s], len[s], v))
				h->bad++;
			q = realloc(blk[s], n);
			if (q) {
				if (!intact(q, keep, v))
					h->bad++;
				fill(q, n, v);
				blk[s] = q;
				len[s] = n;
			}
		} else if (blk[s]) {
			if (!intact(blk[s], len[s], v))
				h->bad++;
			free(blk[s]);
			blk[s] = NULL;
		} else {
			blk[s] = (r >> 40) % 8 == 0 ? memalign((size_t)64 << ((r >> 50) % 4), n)
						    : malloc(n);
			if (blk[s]) {
				len[s] = n;
				fill(blk[s], n, v);
				if (malloc_usable_size(blk[s]) < n)
					h->bad++;
			}
		}
		h->ops++;
		if (km_sched_switches() != sw) {
			h->preempted++; /* it never yields: only the timer switches */
			sw = km_sched_switches();
		}
		if (h->ops % 32 == 0 &&
		    (km_time_monotonic_ns() >= hammer_end ||
		     (h->ops >= MIN_OPS && (!preempt || h->preempted >= WANT_PREEMPTIONS))))
			break;
	}
	for (int s = 0; s < SLOTS; s++) {
		if (blk[s] && !intact(blk[s], len[s], v))
			h->bad++;
		free(blk[s]);
	}
	return NULL;
}

KM_TEST(alloc, preempted_threads_hammer_malloc_free)
{
	struct km_thread *t[NTHREADS];
	struct km_alloc_stats before, after;
	unsigned long ops = 0, preempted = 0, bad = 0;

	km_nsec_t t0 = km_time_monotonic_ns();

	KM_ASSERT_EQ(km_alloc_stats_get(&before), 0);
	hammer_end = km_time_monotonic_ns() + MAX_NS;
	irq_allocs = irq_bad = 0;
	km_timer_init(&irq_timer, irq_fn, NULL);
	km_timer_start(&irq_timer, km_time_monotonic_ns() + 300 * KM_NSEC_PER_USEC);
	for (int i = 0; i < NTHREADS; i++) {
		memset(&hammers[i], 0, sizeof(hammers[i]));
		hammers[i].seed = 0x9E3779B97F4A7C15ull * (uint64_t)(i + 1);
		t[i] = km_thread_create("hammer", 0, hammer_fn, &hammers[i]);
		KM_ASSERT_NOT_NULL(t[i]);
	}
	for (int i = 0; i < NTHREADS; i++) {
		km_thread_join(t[i], NULL);
		ops += hammers[i].ops;
		preempted += hammers[i].preempted;
		bad += hammers[i].bad;
	}
	hammer_end = 0;
	km_timer_stop(&irq_timer);
	KM_ASSERT_EQ(km_alloc_stats_get(&after), 0);
	printf("# %lu allocator calls in %d threads, %lu preemptions, %lu from a timer, %llu ms\n",
	       ops, NTHREADS, preempted, irq_allocs,
	       (unsigned long long)((km_time_monotonic_ns() - t0) / KM_NSEC_PER_MSEC));
	KM_EXPECT_EQ(bad, 0UL);
	KM_EXPECT_EQ(irq_bad, 0UL);
	KM_EXPECT_GT(irq_allocs, 0UL);
	if (!strcmp(km_sched_name(), "preempt"))
		KM_EXPECT_GE(preempted, (unsigned long)NTHREADS);
	if (strcmp(km_alloc_get()->ops->name, "region")) {
		/* everything was freed: the statistics balance again */
		KM_EXPECT_EQ(after.in_use, before.in_use);
		KM_EXPECT_EQ(after.nr_allocs - before.nr_allocs, after.nr_frees - before.nr_frees);
	}
}
