/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * schedtest: the KM_TESTs of this folder run before main. main() then
 * handles the modes after "--":
 *   overflow [N]  a thread named "overflower" recurses into its guard page
 *              (the image must die with KM_EXIT_CRASH naming it); with N,
 *              N threads are created (and end) first, so that its stack
 *              comes from further up the heap (kvm: a split 2 MiB page)
 *   idle       main sleeps 500 ms: the idle thread must halt, not spin
 *   mainexit   main ends through km_thread_exit() while a worker sleeps:
 *              the worker goes on, and its end ends the image (status 0,
 *              atexit handlers run)
 *   storm S    four threads on the smallest stacks (16 KiB) compute for S
 *              seconds, preempted, while the test floods the image with
 *              host signals (tests/tools/sigstorm.c): no signal may cost a
 *              thread's stack more than a small frame
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <km/sched.h>
#include <km/time.h>

static int recurse(int depth)
{
	volatile char buf[512];

	buf[0] = (char)depth;
	if (depth < 0)
		return 0;
	return recurse(depth + 1) + buf[0];
}

static void *overflower(void *arg)
{
	return (void *)(long)recurse(0);
}

static void *filler(void *arg)
{
	return arg; /* never joined: its memory stays allocated */
}

static void *late_worker(void *arg)
{
	km_sched_sleep_ns(50 * KM_NSEC_PER_MSEC);
	printf("mainexit: worker ends after main\n");
	return arg;
}

/* Spins until @arg (a deadline) passes; 0 when every sum came out right. */
static void *stormer(void *arg)
{
	km_nsec_t deadline = *(const km_nsec_t *)arg;
	long wrong = 0;

	while (km_time_monotonic_ns() < deadline) {
		volatile double sum = 0;

		for (int i = 1; i <= 1000; i++)
			sum += (double)i;
		wrong += sum != 500500.0;
	}
	return (void *)wrong;
}

static int storm(int seconds)
{
	km_nsec_t deadline = km_time_monotonic_ns() + (km_nsec_t)seconds * KM_NSEC_PER_SEC;
	struct km_thread *t[4];
	long wrong = 0;
	void *r;

	printf("storm: ready\n");
	fflush(stdout);
	for (int i = 0; i < 4; i++)
		t[i] = km_thread_create("stormer", 16 * 1024, stormer, &deadline);
	for (int i = 0; i < 4; i++) {
		if (!t[i] || km_thread_join(t[i], &r))
			return 1;
		wrong += (long)r;
	}
	printf("storm: 4 threads on 16 KiB stacks survived, %ld wrong sums, %lu switches\n", wrong,
	       km_sched_switches());
	return wrong != 0;
}

static void said_at_exit(void)
{
	printf("mainexit: atexit handler ran\n");
}

int main(int argc, char *argv[])
{
	if (argc > 1 && !strcmp(argv[1], "overflow")) {
		struct km_thread *t;

		for (int i = argc > 2 ? atoi(argv[2]) : 0; i > 0; i--)
			km_thread_create("filler", 16 * 1024, filler, NULL);
		t = km_thread_create("overflower", 16 * 1024, overflower, NULL);

		km_thread_join(t, NULL);
		printf("overflow: survived (wrong)\n");
		return 1;
	}
	if (argc > 1 && !strcmp(argv[1], "mainexit")) {
		struct km_thread *t = km_thread_create("worker", 0, late_worker, NULL);

		if (!t || km_thread_detach(t) || atexit(said_at_exit))
			return 1;
		printf("mainexit: main ends\n");
		km_thread_exit(NULL);
		printf("mainexit: main goes on after km_thread_exit (wrong)\n");
		return 2;
	}
	if (argc > 2 && !strcmp(argv[1], "storm"))
		return storm(atoi(argv[2]));
	if (argc > 1 && !strcmp(argv[1], "idle")) {
		km_sched_sleep_ns(500 * KM_NSEC_PER_MSEC);
		printf("idle: slept\n");
		return 0;
	}
	printf("schedtest: main in thread '%s', scheduler %s\n",
	       km_thread_name(km_thread_current()), km_sched_name());
	return 0;
}
