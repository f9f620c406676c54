/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tests/bench/pthread's program, the same source for Kumiki (musl on
 * lib/sched) and native Linux (static musl): pthread_create+join with the
 * default attributes, and an uncontended pthread_mutex_lock+unlock. Each
 * figure is the best of 5 batches, in ns per operation, printed as
 * "<key> <ns>" lines.
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#define BATCHES	     5
#define CREATE_ITERS 2000
#define MUTEX_ITERS  5000000

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *nothing(void *arg)
{
	return arg;
}

static double create_join(void)
{
	long long t0 = now_ns();

	for (int i = 0; i < CREATE_ITERS; i++) {
		pthread_t t;

		if (pthread_create(&t, NULL, nothing, NULL) || pthread_join(t, NULL)) {
			printf("error: pthread_create/join failed\n");
			return -1;
		}
	}
	return (double)(now_ns() - t0) / CREATE_ITERS;
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static double mutex_pair(void)
{
	long long t0 = now_ns();

	for (int i = 0; i < MUTEX_ITERS; i++) {
		pthread_mutex_lock(&lock);
		__asm__ __volatile__("" ::: "memory"); /* keep the pair in the loop */
		pthread_mutex_unlock(&lock);
	}
	return (double)(now_ns() - t0) / MUTEX_ITERS;
}

static double best(double (*fn)(void))
{
	double b = 0;

	for (int i = 0; i < BATCHES; i++) {
		double v = fn();

		if (v < 0)
			return v;
		if (i == 0 || v < b)
			b = v;
	}
	return b;
}

int main(void)
{
	pthread_t keep;

	/* One more thread alive, as in a threaded program: musl then takes
	 * its real locking paths (not the single-threaded shortcuts). */
	pthread_create(&keep, NULL, nothing, NULL);
	printf("create_join_ns %.0f\n", best(create_join));
	printf("mutex_ns %.1f\n", best(mutex_pair));
	pthread_join(keep, NULL);
	return 0;
}
