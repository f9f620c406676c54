/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ns per call of getpid() and clock_gettime(CLOCK_MONOTONIC), best of 7
 * batches. Plain C: the same file runs as a Kumiki image and as a static
 * musl program on Linux (tests/bench/libc-musl).
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define CALLS	2000000
#define BATCHES 7

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(void)
{
	double best_pid = 1e30, best_clock = 1e30;
	volatile long sink = 0;
	struct timespec ts;

	for (int b = 0; b < BATCHES; b++) {
		double t0 = now_ns(), t1, t2;

		for (int i = 0; i < CALLS; i++)
			sink += getpid();
		t1 = now_ns();
		for (int i = 0; i < CALLS; i++) {
			clock_gettime(CLOCK_MONOTONIC, &ts);
			sink += ts.tv_nsec;
		}
		t2 = now_ns();
		best_pid = t1 - t0 < best_pid ? t1 - t0 : best_pid;
		best_clock = t2 - t1 < best_clock ? t2 - t1 : best_clock;
	}
	printf("getpid_ns %.2f\n", best_pid / CALLS);
	printf("clock_gettime_ns %.2f\n", best_clock / CALLS);
	return 0;
}
