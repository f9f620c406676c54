/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host reference for tests/bench/sched-switch: a swapcontext round trip
 * (main -> coroutine -> main) and pthread_create + pthread_join, best of 5.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <ucontext.h>

#define ROUNDS	200000
#define CREATES 2000

static ucontext_t main_ctx, co_ctx;
static char co_stack[65536];

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void co(void)
{
	for (;;)
		swapcontext(&co_ctx, &main_ctx);
}

static void *nop(void *arg)
{
	return arg;
}

int main(void)
{
	double best_sw = 1e30, best_cj = 1e30;

	getcontext(&co_ctx);
	co_ctx.uc_stack.ss_sp = co_stack;
	co_ctx.uc_stack.ss_size = sizeof(co_stack);
	co_ctx.uc_link = NULL;
	makecontext(&co_ctx, co, 0);
	for (int b = 0; b < 5; b++) {
		double t0 = now_ns(), d;

		for (int i = 0; i < ROUNDS; i++)
			swapcontext(&main_ctx, &co_ctx);
		d = now_ns() - t0;
		if (d < best_sw)
			best_sw = d;
	}
	for (int b = 0; b < 5; b++) {
		double t0 = now_ns(), d;

		for (int i = 0; i < CREATES; i++) {
			pthread_t t;

			pthread_create(&t, NULL, nop, NULL);
			pthread_join(t, NULL);
		}
		d = now_ns() - t0;
		if (d < best_cj)
			best_cj = d;
	}
	printf("switch_rt_ns %.1f\n", best_sw / ROUNDS);
	printf("create_join_ns %.1f\n", best_cj / CREATES);
	return 0;
}
