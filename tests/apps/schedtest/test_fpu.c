/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Floating point across thread switches: two threads compute SSE (double,
 * in xmm registers for the whole loop) and x87 (long double) series in
 * chunks, each under its own MXCSR rounding mode, and compare every chunk
 * bit for bit with the value main computed alone before. Under
 * sched-preempt the chunks are long enough for the time slice to end in
 * the middle of many of them, so an interrupt or a switch that lost a
 * register, the x87 stack or MXCSR shows up as a wrong chunk; the test
 * also requires that such mid-chunk switches really happened. Under
 * sched-coop the threads yield between chunks instead.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <km/sched.h>
#include <km/test.h>
#include <km/time.h>

#define MXCSR_DEFAULT	 0x1f80u
#define MXCSR_ROUND_ZERO (MXCSR_DEFAULT | (3u << 13))

struct fp_result {
	double sse;
	long double x87;
};

struct fp_worker {
	uint32_t mxcsr;
	double seed;
	struct fp_result want;
	int chunks, bad_chunks, switched_chunks;
};

static inline void set_mxcsr(uint32_t v)
{
	__asm__ __volatile__("ldmxcsr %0" ::"m"(v) : "memory");
}

static inline uint32_t get_mxcsr(void)
{
	uint32_t v;

	__asm__ __volatile__("stmxcsr %0" : "=m"(v));
	return v;
}

/*
 * noinline: every chunk is the same code, so the reference is exact. The
 * volatile read keeps the compiler from treating chunk() as a pure
 * function and moving or merging calls across the MXCSR changes.
 */
static __attribute__((noinline)) struct fp_result chunk(const volatile double *seedp, long n)
{
	double seed = *seedp, a = seed, b = 1.0 / seed, c = 0.0, d = 0.5;
	long double x = seed, y = 0.0L;

	for (long i = 1; i <= n; i++) {
		a = a * 1.0000001 + b / (double)i;
		b = b * 0.9999999 + 1e-9 * a;
		c += a / (b + (double)i);
		d = d * 0.5 + c * 1e-12;
		x = x * 1.00000001L + 1.0L / (long double)i;
		y += x / ((long double)i + 0.25L);
	}
	return (struct fp_result){ a + b + c + d, x + y };
}

/* Long enough that a time slice (10 ms by default) often ends inside. */
#define CHUNK_ITERS 50000L
#define MAX_CHUNKS  400

static struct fp_result reference(double seed, uint32_t mxcsr)
{
	uint32_t saved = get_mxcsr();
	struct fp_result r;

	set_mxcsr(mxcsr);
	r = chunk(&seed, CHUNK_ITERS);
	set_mxcsr(saved);
	return r;
}

static void *fp_worker_fn(void *arg)
{
	struct fp_worker *w = arg;
	int preempt = !strcmp(km_sched_name(), "preempt");
	km_nsec_t deadline = km_time_monotonic_ns() + 5 * KM_NSEC_PER_SEC;

	set_mxcsr(w->mxcsr);
	while (w->chunks < MAX_CHUNKS && km_time_monotonic_ns() < deadline) {
		unsigned long before = km_sched_switches();
		struct fp_result r = chunk(&w->seed, CHUNK_ITERS);

		w->switched_chunks += km_sched_switches() != before;
		w->bad_chunks += memcmp(&r.sse, &w->want.sse, sizeof(r.sse)) ||
				 memcmp(&r.x87, &w->want.x87, 10); /* 80-bit value */
		/* control bits only: the exception flags (0-5) are sticky */
		w->bad_chunks += (get_mxcsr() & ~0x3fu) != w->mxcsr;
		w->chunks++;
		if (w->chunks >= 8 && (!preempt || w->switched_chunks >= 4))
			break;
		if (!preempt)
			km_sched_yield();
	}
	return NULL;
}

KM_TEST(sched, float_state_survives_switches)
{
	struct fp_worker w[2] = {
		{ .mxcsr = MXCSR_DEFAULT, .seed = 1.25 },
		{ .mxcsr = MXCSR_ROUND_ZERO, .seed = 3.5 },
	};
	struct km_thread *t[2];
	struct fp_result nearest;

	for (int i = 0; i < 2; i++)
		w[i].want = reference(w[i].seed, w[i].mxcsr);
	/* The two modes must really differ, or MXCSR mix-ups go unseen. */
	nearest = reference(w[1].seed, MXCSR_DEFAULT);
	KM_EXPECT_TRUE(memcmp(&w[1].want.sse, &nearest.sse, sizeof(double)) != 0);
	for (int i = 0; i < 2; i++)
		t[i] = km_thread_create("fp", 0, fp_worker_fn, &w[i]);
	for (int i = 0; i < 2; i++) {
		KM_ASSERT_NOT_NULL(t[i]);
		KM_ASSERT_EQ(km_thread_join(t[i], NULL), 0);
		printf("# fp thread %d: %d chunks, %d with a switch inside, %d wrong\n", i,
		       w[i].chunks, w[i].switched_chunks, w[i].bad_chunks);
		KM_EXPECT_EQ(w[i].bad_chunks, 0);
		KM_EXPECT_GE(w[i].chunks, 8);
		if (!strcmp(km_sched_name(), "preempt"))
			KM_EXPECT_GE(w[i].switched_chunks, 4);
	}
	KM_EXPECT_EQ(get_mxcsr(), MXCSR_DEFAULT);
}
