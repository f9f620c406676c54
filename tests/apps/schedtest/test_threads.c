/* SPDX-License-Identifier: BSD-3-Clause */
/* Threads: run order, join values, 1000 threads, TLS and errno, starvation. */
#include <errno.h>
#include <string.h>
#include <km/sched.h>
#include <km/test.h>

static char order_log[64];
static int order_len;

static void *order_fn(void *arg)
{
	for (int i = 0; i < 3; i++) {
		order_log[order_len++] = (char)(long)arg;
		km_sched_yield();
	}
	return arg;
}

KM_TEST(sched, run_order_round_robin)
{
	struct km_thread *t[3];
	void *ret;

	order_len = 0;
	for (int i = 0; i < 3; i++)
		t[i] = km_thread_create("order", 0, order_fn, (void *)(long)('a' + i));
	KM_EXPECT_EQ(order_len, 0); /* created threads have not run yet */
	for (int i = 0; i < 3; i++) {
		KM_ASSERT_EQ(km_thread_join(t[i], &ret), 0);
		KM_EXPECT_EQ((long)ret, (long)('a' + i));
	}
	order_log[order_len] = '\0';
	KM_EXPECT_STREQ(order_log, "abcabcabc");
}

KM_TEST(sched, main_is_a_thread)
{
	KM_EXPECT_STREQ(km_thread_name(km_thread_current()), "main");
}

static void *nop_fn(void *arg)
{
	return arg;
}

KM_TEST(sched, thousand_threads_created_and_joined)
{
	static struct km_thread *t[1000];
	int created = 0, joined = 0;

	for (int i = 0; i < 1000; i++) {
		t[i] = km_thread_create("many", 16 * 1024, nop_fn, (void *)(long)i);
		if (t[i])
			created++;
	}
	KM_ASSERT_EQ(created, 1000);
	for (int i = 0; i < 1000; i++) {
		void *ret = NULL;

		if (km_thread_join(t[i], &ret) == 0 && (long)ret == i)
			joined++;
	}
	KM_EXPECT_EQ(joined, 1000);
}

KM_TEST(sched, detach_and_join_errors)
{
	struct km_thread *t = km_thread_create("det", 0, nop_fn, NULL);

	KM_EXPECT_EQ(km_thread_detach(t), 0);
	KM_EXPECT_EQ(km_thread_detach(t), -EINVAL);
	KM_EXPECT_EQ(km_thread_join(t, NULL), -EINVAL);
	km_sched_yield(); /* it runs and is freed */
	KM_EXPECT_EQ(km_thread_join(km_thread_current(), NULL), -EDEADLK);
}

static __thread int tls_int = 42;
static __thread char tls_buf[100];
static int tls_bad;

static void *tls_fn(void *arg)
{
	long id = (long)arg;

	if (tls_int != 42 || tls_buf[0] || tls_buf[99] || errno != 0)
		tls_bad++;
	tls_int = (int)id;
	tls_buf[50] = (char)id;
	errno = (int)id * 10;
	for (int i = 0; i < 5; i++) {
		km_sched_yield();
		if (tls_int != id || tls_buf[50] != (char)id || errno != id * 10)
			tls_bad++;
	}
	return &tls_int;
}

KM_TEST(sched, thread_locals_and_errno_per_thread)
{
	struct km_thread *t[4];
	void *addr[4];

	tls_bad = 0;
	errno = 7;
	for (int i = 0; i < 4; i++)
		t[i] = km_thread_create("tls", 0, tls_fn, (void *)(long)(i + 1));
	for (int i = 0; i < 4; i++)
		km_thread_join(t[i], &addr[i]);
	KM_EXPECT_EQ(tls_bad, 0);
	KM_EXPECT_EQ(errno, 7);
	KM_EXPECT_EQ(tls_int, 42);
	KM_EXPECT_NE((uintptr_t)addr[0], (uintptr_t)addr[1]);
	KM_EXPECT_NE((uintptr_t)addr[0], (uintptr_t)&tls_int);
}

/* A spinner keeps the CPU 100 ms; does a yielding counter thread run? */
static volatile int stop;
static volatile unsigned long counter, during_spin;

static void *count_fn(void *arg)
{
	while (!stop) {
		counter++;
		km_sched_yield();
	}
	return NULL;
}

static void *spin_fn(void *arg)
{
	km_nsec_t end = km_plat_monotonic_ns() + 100 * KM_NSEC_PER_MSEC;
	unsigned long c0 = counter;

	while (km_plat_monotonic_ns() < end)
		;
	during_spin = counter - c0;
	stop = 1;
	return NULL;
}

KM_TEST(sched, spinning_thread_starves_only_without_preemption)
{
	struct km_thread *c, *s;

	stop = 0;
	counter = 0;
	c = km_thread_create("counter", 0, count_fn, NULL);
	km_sched_yield(); /* counter is running and yielding */
	s = km_thread_create("spinner", 0, spin_fn, NULL);
	km_thread_join(s, NULL);
	km_thread_join(c, NULL);
	if (!strcmp(km_sched_name(), "preempt"))
		KM_EXPECT_GT(during_spin, 0UL);
	else /* cooperative: documented starvation */
		KM_EXPECT_EQ(during_spin, 0UL);
}
