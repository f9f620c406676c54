/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Producer/consumer over every lock type: 3 producers and 3 consumers move
 * N items through a small ring; every item must arrive exactly once. The
 * producers sleep or yield now and then so that the lock is contended.
 */
#include <errno.h>
#include <string.h>
#include <km/lock.h>
#include <km/sched.h>
#include <km/test.h>
#include <km/time.h>

#define N     3000
#define RING  8
#define NPROD 3

static int ring[RING];
static unsigned int head, tail, count;
static unsigned char seen[N];
static long sum;

static void reset(void)
{
	head = tail = count = 0;
	sum = 0;
	memset(seen, 0, sizeof(seen));
}

static void put(int v)
{
	ring[head] = v;
	head = (head + 1) % RING;
	count++;
}

static int get(void)
{
	int v = ring[tail];

	tail = (tail + 1) % RING;
	count--;
	return v;
}

static void consumed(int v)
{
	if (v >= 0 && v < N)
		seen[v]++;
	sum += v;
}

static int all_seen_once(void)
{
	for (int i = 0; i < N; i++)
		if (seen[i] != 1)
			return 0;
	return 1;
}

static void run(km_thread_fn_t prod, km_thread_fn_t cons)
{
	struct km_thread *t[2 * NPROD];

	for (int i = 0; i < NPROD; i++) {
		t[2 * i] = km_thread_create("producer", 0, prod, (void *)(long)i);
		t[2 * i + 1] = km_thread_create("consumer", 0, cons, NULL);
	}
	for (int i = 0; i < 2 * NPROD; i++)
		km_thread_join(t[i], NULL);
}

static void pace(int i)
{
	if (i % 97 == 0)
		km_sleep_ns(100 * KM_NSEC_PER_USEC);
	else if (i % 7 == 0)
		km_sched_yield();
}

/* mutex + condition variables */
static struct km_mutex mtx = KM_MUTEX_INIT(mtx);
static struct km_cond not_full = KM_COND_INIT(not_full), not_empty = KM_COND_INIT(not_empty);

static void *cv_prod(void *arg)
{
	for (int i = (int)(long)arg; i < N; i += NPROD) {
		km_mutex_lock(&mtx);
		while (count == RING)
			km_cond_wait(&not_full, &mtx);
		put(i);
		km_cond_signal(&not_empty);
		km_mutex_unlock(&mtx);
		pace(i);
	}
	return NULL;
}

static void *cv_cons(void *arg)
{
	for (int i = 0; i < N / NPROD; i++) {
		km_mutex_lock(&mtx);
		while (count == 0)
			km_cond_wait(&not_empty, &mtx);
		consumed(get());
		km_cond_signal(&not_full);
		km_mutex_unlock(&mtx);
	}
	return NULL;
}

KM_TEST(lock, producer_consumer_mutex_condvar)
{
	reset();
	run(cv_prod, cv_cons);
	KM_EXPECT_TRUE(all_seen_once());
	KM_EXPECT_EQ(sum, (long)N * (N - 1) / 2);
}

/* semaphores count the slots, a spinlock guards the ring */
static struct km_sem slots = KM_SEM_INIT(slots, RING), items = KM_SEM_INIT(items, 0);
static struct km_spinlock spin = KM_SPINLOCK_INIT;

static void *sem_prod(void *arg)
{
	for (int i = (int)(long)arg; i < N; i += NPROD) {
		km_sem_down(&slots);
		km_spin_lock(&spin);
		put(i);
		km_spin_unlock(&spin);
		km_sem_up(&items);
		pace(i);
	}
	return NULL;
}

static void *sem_cons(void *arg)
{
	for (int i = 0; i < N / NPROD; i++) {
		int v;

		km_sem_down(&items);
		km_spin_lock(&spin);
		v = get();
		km_spin_unlock(&spin);
		km_sem_up(&slots);
		consumed(v);
	}
	return NULL;
}

KM_TEST(lock, producer_consumer_semaphore_spinlock)
{
	reset();
	run(sem_prod, sem_cons);
	KM_EXPECT_TRUE(all_seen_once());
	KM_EXPECT_EQ(sum, (long)N * (N - 1) / 2);
}

/* rwlock: producers write, consumers take the write lock to pop and
 * readers check the ring's invariant under the read lock */
static struct km_rwlock rw = KM_RWLOCK_INIT(rw);
static int rw_bad;

static void *rw_prod(void *arg)
{
	for (int i = (int)(long)arg; i < N;) {
		km_rwlock_wrlock(&rw);
		if (count < RING) {
			put(i);
			i += NPROD;
		}
		km_rwlock_unlock(&rw);
		km_sched_yield();
	}
	return NULL;
}

static void *rw_cons(void *arg)
{
	for (int got = 0; got < N / NPROD;) {
		km_rwlock_rdlock(&rw);
		if (count > RING || (head + RING - tail) % RING != count % RING)
			rw_bad++;
		km_rwlock_unlock(&rw);
		km_rwlock_wrlock(&rw);
		if (count) {
			consumed(get());
			got++;
		}
		km_rwlock_unlock(&rw);
		km_sched_yield();
	}
	return NULL;
}

KM_TEST(lock, producer_consumer_rwlock)
{
	reset();
	rw_bad = 0;
	run(rw_prod, rw_cons);
	KM_EXPECT_TRUE(all_seen_once());
	KM_EXPECT_EQ(rw_bad, 0);
	KM_EXPECT_EQ(km_rwlock_unlock(&rw), -EPERM);
}

/* recursive mutex and timeouts */
KM_TEST(lock, mutex_recursive_errors_and_timeouts)
{
	struct km_mutex r, plain;
	struct km_sem s;
	km_nsec_t t0;

	km_mutex_init(&r, 1);
	km_mutex_init(&plain, 0);
	KM_EXPECT_EQ(km_mutex_lock(&r), 0);
	KM_EXPECT_EQ(km_mutex_lock(&r), 0);
	KM_EXPECT_EQ(km_mutex_unlock(&r), 0);
	KM_EXPECT_TRUE(km_mutex_held(&r));
	KM_EXPECT_EQ(km_mutex_unlock(&r), 0);
	KM_EXPECT_EQ(km_mutex_unlock(&r), -EPERM);
	KM_EXPECT_EQ(km_mutex_lock(&plain), 0);
	KM_EXPECT_EQ(km_mutex_lock(&plain), -EDEADLK);
	KM_EXPECT_EQ(km_mutex_trylock(&plain), -EBUSY);
	km_mutex_unlock(&plain);
	km_sem_init(&s, 0);
	KM_EXPECT_EQ(km_sem_trydown(&s), -EAGAIN);
	t0 = km_time_monotonic_ns();
	KM_EXPECT_EQ(km_sem_down_until(&s, t0 + 5 * KM_NSEC_PER_MSEC), -ETIMEDOUT);
	KM_EXPECT_GE(km_time_monotonic_ns(), t0 + 5 * KM_NSEC_PER_MSEC);
}
