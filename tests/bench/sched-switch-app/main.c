/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Prints "switch_rt_ns <x>" (one round trip: two threads yielding to each
 * other, A -> B -> A) and "create_join_ns <x>" (create a thread with the
 * default stack and join it), each the best of 5 batches.
 */
#include <stdio.h>
#include <stdlib.h>
#include <km/sched.h>

#define ROUNDS	200000
#define CREATES 2000

#if CONFIG_APPSCHEDSWITCHAPP_TLS
static __thread volatile int tls_touch;
#define TOUCH() (tls_touch++)
#else
#define TOUCH() ((void)0)
#endif

static volatile int stop;

static void *partner(void *arg)
{
	while (!stop) {
		TOUCH();
		km_sched_yield();
	}
	return NULL;
}

static void *nop(void *arg)
{
	return arg;
}

int main(int argc, char *argv[])
{
	struct km_thread *p = km_thread_create("partner", 0, partner, NULL);
	km_nsec_t best_sw = ~0ULL, best_cj = ~0ULL;

	km_sched_yield();
	for (int b = 0; b < 5; b++) {
		km_nsec_t t0 = km_plat_monotonic_ns(), d;

		for (int i = 0; i < ROUNDS; i++) {
			TOUCH();
			km_sched_yield();
		}
		d = km_plat_monotonic_ns() - t0;
		best_sw = KM_MIN(best_sw, d);
	}
	stop = 1;
	km_thread_join(p, NULL);
	for (int b = 0; b < 5; b++) {
		km_nsec_t t0 = km_plat_monotonic_ns(), d;

		for (int i = 0; i < CREATES; i++)
			km_thread_join(km_thread_create("nop", 0, nop, NULL), NULL);
		d = km_plat_monotonic_ns() - t0;
		best_cj = KM_MIN(best_cj, d);
	}
	printf("switch_rt_ns %.1f\n", (double)best_sw / ROUNDS);
	printf("create_join_ns %.1f\n", (double)best_cj / CREATES);
	return 0;
}
