/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * POSIX threads, as an unmodified program sees them (TAP on stdout):
 * producer/consumer with 100 threads over a mutex and two condition
 * variables, timed waits that time out (never early), once, keys with
 * destructors, join and detach, the three mutex types, rwlocks, errno and
 * __thread per thread, thread ids, attributes, semaphores, the signal
 * mask, and the futex and clone edges. Every
 * wait is bounded, so a broken primitive fails a test instead of hanging.
 * Only the C library's headers: the same file builds natively (musl-gcc).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* futex(2) operations (<linux/futex.h> is not part of a libc's headers). */
#define FUTEX_WAIT	   0
#define FUTEX_WAKE	   1
#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129

static int failures, ntest;

static void report(int ok, const char *name)
{
	printf("%sok %d - %s\n", ok ? "" : "not ", ++ntest, name);
	if (!ok)
		failures++;
}

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("# %s:%d: %s\n", __FILE__, __LINE__, #cond);                        \
			return 0;                                                                  \
		}                                                                                  \
	} while (0)

static long long now_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static struct timespec deadline_in(clockid_t c, long long ns)
{
	long long t = now_ns(c) + ns;

	return (struct timespec){ .tv_sec = t / 1000000000LL, .tv_nsec = t % 1000000000LL };
}

/* ---- producer/consumer: 50 producers, 50 consumers, 8 slots ---- */
#define PC_THREADS 100
#define PC_ITEMS   200 /* per producer */
#define PC_SLOTS   8

static pthread_mutex_t pc_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pc_not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t pc_not_empty = PTHREAD_COND_INITIALIZER;
static long pc_buf[PC_SLOTS];
static int pc_head, pc_count, pc_stuck;

static int pc_wait(pthread_cond_t *c)
{
	struct timespec d = deadline_in(CLOCK_REALTIME, 10000000000LL);

	if (pthread_cond_timedwait(c, &pc_lock, &d) == ETIMEDOUT) {
		pc_stuck = 1; /* a lost wake-up: fail, do not hang */
		return -1;
	}
	return 0;
}

static void *producer(void *arg)
{
	long id = (long)arg;

	for (long i = 0; i < PC_ITEMS; i++) {
		pthread_mutex_lock(&pc_lock);
		while (pc_count == PC_SLOTS)
			if (pc_wait(&pc_not_full)) {
				pthread_mutex_unlock(&pc_lock);
				return NULL;
			}
		pc_buf[(pc_head + pc_count++) % PC_SLOTS] = id * PC_ITEMS + i + 1;
		pthread_cond_signal(&pc_not_empty);
		pthread_mutex_unlock(&pc_lock);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	long sum = 0;

	(void)arg;
	for (int i = 0; i < PC_ITEMS; i++) {
		pthread_mutex_lock(&pc_lock);
		while (pc_count == 0)
			if (pc_wait(&pc_not_empty)) {
				pthread_mutex_unlock(&pc_lock);
				return (void *)sum;
			}
		sum += pc_buf[pc_head];
		pc_head = (pc_head + 1) % PC_SLOTS;
		pc_count--;
		pthread_cond_signal(&pc_not_full);
		pthread_mutex_unlock(&pc_lock);
	}
	return (void *)sum;
}

static int t_producer_consumer(void)
{
	pthread_t th[PC_THREADS];
	long total = 0, n = (long)PC_THREADS / 2 * PC_ITEMS;

	for (long i = 0; i < PC_THREADS; i++)
		CHECK(pthread_create(&th[i], NULL, i % 2 ? consumer : producer, (void *)(i / 2)) ==
		      0);
	for (int i = 0; i < PC_THREADS; i++) {
		void *v;

		CHECK(pthread_join(th[i], &v) == 0);
		total += (long)v;
	}
	CHECK(!pc_stuck);
	CHECK(pc_count == 0);
	CHECK(total == n * (n + 1) / 2); /* every item 1..n exactly once */
	return 1;
}

/* ---- timed waits ---- */
static int t_cond_timedwait_times_out(void)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t c = PTHREAD_COND_INITIALIZER;
	long long t0 = now_ns(CLOCK_MONOTONIC), dt;
	struct timespec d = deadline_in(CLOCK_REALTIME, 50000000);
	int r;

	pthread_mutex_lock(&m);
	do
		r = pthread_cond_timedwait(&c, &m, &d);
	while (r == 0); /* a spurious wake-up is allowed; an early timeout is not */
	pthread_mutex_unlock(&m);
	dt = now_ns(CLOCK_MONOTONIC) - t0;
	printf("# cond_timedwait 50 ms: %lld us\n", dt / 1000);
	CHECK(r == ETIMEDOUT);
	CHECK(dt >= 50000000 - 1000000); /* the realtime/monotonic read gap, at most */
	CHECK(dt < 2000000000LL);
	return 1;
}

static int t_cond_timedwait_monotonic(void)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	pthread_condattr_t ca;
	pthread_cond_t c;
	struct timespec d;
	long long t0;
	int r;

	pthread_condattr_init(&ca);
	CHECK(pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) == 0);
	CHECK(pthread_cond_init(&c, &ca) == 0);
	t0 = now_ns(CLOCK_MONOTONIC);
	d = deadline_in(CLOCK_MONOTONIC, 30000000);
	pthread_mutex_lock(&m);
	do
		r = pthread_cond_timedwait(&c, &m, &d);
	while (r == 0);
	pthread_mutex_unlock(&m);
	CHECK(r == ETIMEDOUT);
	CHECK(now_ns(CLOCK_MONOTONIC) >= t0 + 30000000);
	pthread_cond_destroy(&c);
	return 1;
}

static int t_mutex_timedlock(void)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	struct timespec d;
	long long t0;

	pthread_mutex_lock(&m);
	t0 = now_ns(CLOCK_MONOTONIC);
	d = deadline_in(CLOCK_REALTIME, 20000000);
	CHECK(pthread_mutex_timedlock(&m, &d) == ETIMEDOUT); /* default type: no EDEADLK required */
	CHECK(now_ns(CLOCK_MONOTONIC) - t0 >= 19000000);
	pthread_mutex_unlock(&m);
	return 1;
}

/* ---- once ---- */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void once_init(void)
{
	once_runs++;
	sched_yield(); /* others arrive while it runs: they must wait */
}

static void *once_thread(void *arg)
{
	pthread_once(&once, once_init);
	return (void *)(long)(once_runs == 1);
}

static int t_once(void)
{
	pthread_t th[20];

	for (int i = 0; i < 20; i++)
		CHECK(pthread_create(&th[i], NULL, once_thread, NULL) == 0);
	for (int i = 0; i < 20; i++) {
		void *v;

		CHECK(pthread_join(th[i], &v) == 0);
		CHECK(v == (void *)1);
	}
	pthread_once(&once, once_init);
	CHECK(once_runs == 1);
	return 1;
}

/* ---- keys ---- */
static pthread_key_t key;
static int dtor_runs;
static long dtor_sum;
static pthread_mutex_t dtor_lock = PTHREAD_MUTEX_INITIALIZER;

static void key_dtor(void *v)
{
	pthread_mutex_lock(&dtor_lock);
	dtor_runs++;
	dtor_sum += (long)v;
	pthread_mutex_unlock(&dtor_lock);
}

static void *key_thread(void *arg)
{
	if (pthread_getspecific(key) != NULL)
		return (void *)0;
	pthread_setspecific(key, arg);
	sched_yield();
	return (void *)(long)(pthread_getspecific(key) == arg);
}

static int t_keys(void)
{
	pthread_t th[10];
	long want = 0;

	CHECK(pthread_key_create(&key, key_dtor) == 0);
	CHECK(pthread_setspecific(key, (void *)1000) == 0);
	for (long i = 0; i < 10; i++) {
		CHECK(pthread_create(&th[i], NULL, key_thread, (void *)(i + 1)) == 0);
		want += i + 1;
	}
	for (int i = 0; i < 10; i++) {
		void *v;

		CHECK(pthread_join(th[i], &v) == 0);
		CHECK(v == (void *)1);
	}
	CHECK(dtor_runs == 10);
	CHECK(dtor_sum == want);
	CHECK(pthread_getspecific(key) == (void *)1000); /* main's own, untouched */
	CHECK(pthread_key_delete(key) == 0);
	return 1;
}

/* ---- join and detach ---- */
static void *exit_thread(void *arg)
{
	pthread_exit((char *)arg + 1);
}

static int detached_done;
static pthread_mutex_t det_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t det_cond = PTHREAD_COND_INITIALIZER;

static void *detached_thread(void *arg)
{
	if (arg)
		pthread_detach(pthread_self());
	pthread_mutex_lock(&det_lock);
	detached_done++;
	pthread_cond_signal(&det_cond);
	pthread_mutex_unlock(&det_lock);
	return NULL;
}

static int t_join_detach(void)
{
	static char x[2];
	pthread_attr_t a;
	pthread_t t;
	void *v;
	int ok = 1;

	CHECK(pthread_create(&t, NULL, exit_thread, x) == 0);
	CHECK(pthread_join(t, &v) == 0);
	CHECK(v == x + 1);

	pthread_attr_init(&a);
	CHECK(pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED) == 0);
	for (int round = 0; round < 3; round++) /* detached threads come and go */
		for (int i = 0; i < 20; i++) {
			CHECK(pthread_create(&t, i % 2 ? &a : NULL, detached_thread,
					     (void *)(long)!(i % 2)) == 0);
		}
	pthread_mutex_lock(&det_lock);
	while (detached_done < 60 && ok) {
		struct timespec d = deadline_in(CLOCK_REALTIME, 5000000000LL);

		ok = pthread_cond_timedwait(&det_cond, &det_lock, &d) != ETIMEDOUT;
	}
	pthread_mutex_unlock(&det_lock);
	CHECK(ok);
	CHECK(detached_done == 60);
	return 1;
}

/* ---- mutex types ---- */
static pthread_mutex_t ec_mutex;

static void *unlock_other(void *arg)
{
	return (void *)(long)pthread_mutex_unlock(arg);
}

static int t_mutex_types(void)
{
	pthread_mutexattr_t a;
	pthread_mutex_t m;
	pthread_t t;
	void *v;

	pthread_mutexattr_init(&a);
	/* normal: trylock of a held mutex is EBUSY */
	CHECK(pthread_mutexattr_settype(&a, PTHREAD_MUTEX_NORMAL) == 0);
	CHECK(pthread_mutex_init(&m, &a) == 0);
	CHECK(pthread_mutex_lock(&m) == 0);
	CHECK(pthread_mutex_trylock(&m) == EBUSY);
	CHECK(pthread_mutex_unlock(&m) == 0);
	pthread_mutex_destroy(&m);
	/* recursive: the owner locks it again, others cannot */
	CHECK(pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE) == 0);
	CHECK(pthread_mutex_init(&m, &a) == 0);
	CHECK(pthread_mutex_lock(&m) == 0);
	CHECK(pthread_mutex_lock(&m) == 0);
	CHECK(pthread_mutex_trylock(&m) == 0);
	CHECK(pthread_create(&t, NULL, unlock_other, &m) == 0);
	CHECK(pthread_join(t, &v) == 0);
	CHECK(v == (void *)(long)EPERM);
	CHECK(pthread_mutex_unlock(&m) == 0);
	CHECK(pthread_mutex_unlock(&m) == 0);
	CHECK(pthread_mutex_unlock(&m) == 0);
	CHECK(pthread_mutex_unlock(&m) == EPERM);
	pthread_mutex_destroy(&m);
	/* errorcheck: relock is EDEADLK, unlock by another or unlocked is EPERM */
	CHECK(pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK) == 0);
	CHECK(pthread_mutex_init(&ec_mutex, &a) == 0);
	CHECK(pthread_mutex_lock(&ec_mutex) == 0);
	CHECK(pthread_mutex_lock(&ec_mutex) == EDEADLK);
	CHECK(pthread_create(&t, NULL, unlock_other, &ec_mutex) == 0);
	CHECK(pthread_join(t, &v) == 0);
	CHECK(v == (void *)(long)EPERM);
	CHECK(pthread_mutex_unlock(&ec_mutex) == 0);
	CHECK(pthread_mutex_unlock(&ec_mutex) == EPERM);
	pthread_mutex_destroy(&ec_mutex);
	pthread_mutexattr_destroy(&a);
	return 1;
}

/* ---- a contended mutex: increments are never lost ---- */
static pthread_mutex_t cnt_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile long counter;

static void *incrementer(void *arg)
{
	for (int i = 0; i < 20000; i++) {
		pthread_mutex_lock(&cnt_lock);
		long v = counter;
		if (i % 1000 == 0)
			sched_yield(); /* hold it across a switch */
		counter = v + 1;
		pthread_mutex_unlock(&cnt_lock);
	}
	return NULL;
}

static int t_mutex_contended(void)
{
	pthread_t th[8];

	for (int i = 0; i < 8; i++)
		CHECK(pthread_create(&th[i], NULL, incrementer, NULL) == 0);
	for (int i = 0; i < 8; i++)
		CHECK(pthread_join(th[i], NULL) == 0);
	CHECK(counter == 8 * 20000);
	return 1;
}

/* ---- rwlocks ---- */
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t rd_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t rd_cond = PTHREAD_COND_INITIALIZER;
static int readers_in;

static void *reader(void *arg)
{
	int ok = 1;

	pthread_rwlock_rdlock(&rw);
	pthread_mutex_lock(&rd_lock);
	readers_in++;
	pthread_cond_broadcast(&rd_cond);
	while (readers_in < 2 && ok) { /* both readers inside at once */
		struct timespec d = deadline_in(CLOCK_REALTIME, 5000000000LL);

		ok = pthread_cond_timedwait(&rd_cond, &rd_lock, &d) != ETIMEDOUT;
	}
	pthread_mutex_unlock(&rd_lock);
	if (pthread_rwlock_trywrlock(&rw) != EBUSY)
		ok = 0;
	pthread_rwlock_unlock(&rw);
	return (void *)(long)ok;
}

static long rw_a, rw_b;
static int rw_torn;

static void *rw_worker(void *arg)
{
	for (int i = 0; i < 2000; i++) {
		if (i % 4 == 0) {
			pthread_rwlock_wrlock(&rw);
			rw_a++;
			sched_yield();
			rw_b++;
			pthread_rwlock_unlock(&rw);
		} else {
			pthread_rwlock_rdlock(&rw);
			if (rw_a != rw_b)
				rw_torn = 1;
			pthread_rwlock_unlock(&rw);
		}
	}
	return NULL;
}

static int t_rwlock(void)
{
	pthread_t r1, r2, th[6];
	void *v1, *v2;

	CHECK(pthread_create(&r1, NULL, reader, NULL) == 0);
	CHECK(pthread_create(&r2, NULL, reader, NULL) == 0);
	CHECK(pthread_join(r1, &v1) == 0 && pthread_join(r2, &v2) == 0);
	CHECK(v1 == (void *)1 && v2 == (void *)1);
	CHECK(pthread_rwlock_wrlock(&rw) == 0);
	CHECK(pthread_rwlock_tryrdlock(&rw) == EBUSY);
	CHECK(pthread_rwlock_unlock(&rw) == 0);
	for (int i = 0; i < 6; i++)
		CHECK(pthread_create(&th[i], NULL, rw_worker, NULL) == 0);
	for (int i = 0; i < 6; i++)
		CHECK(pthread_join(th[i], NULL) == 0);
	CHECK(!rw_torn);
	CHECK(rw_a == 6 * 500 && rw_b == rw_a);
	return 1;
}

/* ---- errno, __thread and ids per thread ---- */
static __thread long tls_var = 42;
static __thread char tls_zero[64];

static void *per_thread(void *arg)
{
	long id = (long)arg;
	int ok = tls_var == 42 && tls_zero[0] == 0 && tls_zero[63] == 0;

	tls_var = id;
	tls_zero[63] = (char)id;
	errno = (int)id;
	for (int i = 0; i < 5; i++)
		sched_yield();
	ok = ok && tls_var == id && tls_zero[63] == (char)id && errno == (int)id;
	ok = ok && syscall(SYS_gettid) != getpid();
	return (void *)(long)(ok ? syscall(SYS_gettid) : -1);
}

static int t_per_thread(void)
{
	pthread_t th[10];
	long tids[10];

	tls_var = 7;
	errno = 0;
	for (long i = 0; i < 10; i++)
		CHECK(pthread_create(&th[i], NULL, per_thread, (void *)(i + 100)) == 0);
	for (int i = 0; i < 10; i++) {
		void *v;

		CHECK(pthread_join(th[i], &v) == 0);
		tids[i] = (long)v;
		CHECK(tids[i] > 0);
		for (int j = 0; j < i; j++)
			CHECK(tids[j] != tids[i]);
	}
	CHECK(tls_var == 7 && tls_zero[63] == 0);
	CHECK(errno == 0);
	CHECK(syscall(SYS_gettid) == getpid()); /* main's id is the pid */
	return 1;
}

/* ---- attributes: stack size, detach state read back ---- */
static void *deep_stack(void *arg)
{
	volatile char buf[192 * 1024]; /* more than any default stack of 64 KiB */

	buf[0] = 1;
	buf[sizeof(buf) - 1] = 2;
	return (void *)(long)(buf[0] + buf[sizeof(buf) - 1] + (long)arg);
}

static int t_attr(void)
{
	pthread_attr_t a;
	size_t size = 0;
	int state = -1;
	pthread_t t;
	void *v;

	CHECK(pthread_attr_init(&a) == 0);
	CHECK(pthread_attr_getdetachstate(&a, &state) == 0 && state == PTHREAD_CREATE_JOINABLE);
	CHECK(pthread_attr_setstacksize(&a, 256 * 1024) == 0);
	CHECK(pthread_attr_getstacksize(&a, &size) == 0 && size == 256 * 1024);
	CHECK(pthread_attr_setstacksize(&a, 1) == EINVAL); /* below PTHREAD_STACK_MIN */
	CHECK(pthread_attr_setdetachstate(&a, 12345) == EINVAL);
	CHECK(pthread_create(&t, &a, deep_stack, (void *)4) == 0);
	CHECK(pthread_join(t, &v) == 0 && v == (void *)7);
	CHECK(pthread_equal(pthread_self(), pthread_self()) && !pthread_equal(pthread_self(), t));
	pthread_attr_destroy(&a);
	return 1;
}

/* ---- semaphores ---- */
static sem_t sem_items;

static void *sem_poster(void *arg)
{
	for (int i = 0; i < 5; i++) {
		sem_post(&sem_items);
		sched_yield();
	}
	return arg;
}

static int t_semaphore(void)
{
	struct timespec d;
	long long t0;
	pthread_t t;
	int value = -1;

	CHECK(sem_init(&sem_items, 0, 0) == 0);
	CHECK(sem_trywait(&sem_items) == -1 && errno == EAGAIN);
	CHECK(pthread_create(&t, NULL, sem_poster, NULL) == 0);
	for (int i = 0; i < 5; i++)
		CHECK(sem_wait(&sem_items) == 0);
	CHECK(pthread_join(t, NULL) == 0);
	CHECK(sem_getvalue(&sem_items, &value) == 0 && value == 0);
	t0 = now_ns(CLOCK_MONOTONIC);
	d = deadline_in(CLOCK_REALTIME, 20000000);
	CHECK(sem_timedwait(&sem_items, &d) == -1 && errno == ETIMEDOUT);
	CHECK(now_ns(CLOCK_MONOTONIC) - t0 >= 19000000);
	CHECK(sem_post(&sem_items) == 0 && sem_timedwait(&sem_items, &d) == 0);
	CHECK(sem_destroy(&sem_items) == 0);
	return 1;
}

/* ---- the signal mask: per call, read back (no signal is sent) ---- */
static int t_sigmask(void)
{
	sigset_t set, empty, saved, cur;

	sigemptyset(&empty);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(pthread_sigmask(SIG_SETMASK, &empty, &saved) == 0);
	CHECK(pthread_sigmask(SIG_BLOCK, &set, NULL) == 0);
	CHECK(pthread_sigmask(SIG_SETMASK, NULL, &cur) == 0);
	CHECK(sigismember(&cur, SIGUSR1) == 1 && sigismember(&cur, SIGUSR2) == 0);
	CHECK(pthread_sigmask(SIG_UNBLOCK, &set, NULL) == 0);
	CHECK(pthread_sigmask(SIG_SETMASK, NULL, &cur) == 0 && sigismember(&cur, SIGUSR1) == 0);
	CHECK(pthread_sigmask(12345, &set, NULL) == EINVAL);
	CHECK(pthread_sigmask(SIG_SETMASK, &saved, NULL) == 0);
	return 1;
}

/* ---- the signal mask is the calling thread's ----
 * A new thread starts with its creator's mask; what it blocks stays its
 * own; a thread that has ended (musl blocks every signal as it exits)
 * changes nobody's. */
static void *block_usr1(void *arg)
{
	sigset_t set, cur;
	long ok;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	ok = pthread_sigmask(SIG_SETMASK, NULL, &cur) == 0 && sigismember(&cur, SIGUSR2) == 1 &&
	     sigismember(&cur, SIGUSR1) == 0 && pthread_sigmask(SIG_BLOCK, &set, NULL) == 0 &&
	     pthread_sigmask(SIG_SETMASK, NULL, &cur) == 0 && sigismember(&cur, SIGUSR1) == 1;
	return (void *)ok;
}

static int t_sigmask_per_thread(void)
{
	sigset_t usr2, saved, cur;
	pthread_t t;
	void *ok = NULL;

	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	CHECK(pthread_sigmask(SIG_SETMASK, &usr2, &saved) == 0);
	CHECK(pthread_create(&t, NULL, block_usr1, NULL) == 0);
	CHECK(pthread_join(t, &ok) == 0 && ok == (void *)1);
	CHECK(pthread_sigmask(SIG_SETMASK, NULL, &cur) == 0);
	CHECK(sigismember(&cur, SIGUSR1) == 0 && sigismember(&cur, SIGUSR2) == 1);
	CHECK(sigismember(&cur, SIGALRM) == 0 && sigismember(&cur, SIGTERM) == 0);
	CHECK(pthread_sigmask(SIG_SETMASK, &saved, NULL) == 0);
	return 1;
}

/* ---- a signal for the process goes to a thread that does not block it,
 * one for a thread (pthread_kill) to that thread even when the sender
 * does not block it: main blocks SIGUSR1 only ---- */
static volatile int sig_tid[65];

static void note_tid(int sig)
{
	sig_tid[sig] = (int)syscall(SYS_gettid);
}

static volatile int receiver_tid;

static void *receive(void *arg)
{
	struct timespec d = { 0, 1000000 };

	(void)arg;
	receiver_tid = (int)syscall(SYS_gettid);
	for (int i = 0; i < 2000 && !(sig_tid[SIGUSR1] && sig_tid[SIGUSR2]); i++)
		nanosleep(&d, NULL);
	return NULL;
}

static int t_signal_to_unblocked_thread(void)
{
	struct sigaction sa, old1, old2;
	sigset_t usr1, saved;
	struct timespec d = { 0, 1000000 };
	pthread_t t;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = note_tid;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sig_tid[SIGUSR1] = sig_tid[SIGUSR2] = 0;
	receiver_tid = 0;
	CHECK(sigaction(SIGUSR1, &sa, &old1) == 0 && sigaction(SIGUSR2, &sa, &old2) == 0);
	CHECK(pthread_sigmask(SIG_SETMASK, NULL, &saved) == 0);
	CHECK(pthread_create(&t, NULL, receive, NULL) == 0);
	CHECK(pthread_sigmask(SIG_BLOCK, &usr1, NULL) == 0);
	for (int i = 0; i < 2000 && !receiver_tid; i++)
		nanosleep(&d, NULL);
	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(pthread_kill(t, SIGUSR2) == 0);
	CHECK(pthread_join(t, NULL) == 0);
	CHECK(receiver_tid != 0 && receiver_tid != getpid());
	CHECK(sig_tid[SIGUSR1] == receiver_tid && sig_tid[SIGUSR2] == receiver_tid);
	CHECK(pthread_sigmask(SIG_SETMASK, &saved, NULL) == 0);
	CHECK(sigaction(SIGUSR1, &old1, NULL) == 0 && sigaction(SIGUSR2, &old2, NULL) == 0);
	return 1;
}

/* ---- one FILE written by several threads: every line whole ----
 * Under sched-preempt a thread is often switched out inside fprintf; the
 * C library's FILE lock must keep the stream consistent (newlib's were
 * no-ops: this failed before lib/posix-pthread/newlib_locks.c). */
#define ST_THREADS 8
#define ST_LINES   20000
static FILE *st_file;

static void *st_writer(void *arg)
{
	long id = (long)arg;

	for (int i = 0; i < ST_LINES; i++)
		fprintf(st_file, "t%ld:%05d:%40d;\n", id, i, i);
	return NULL;
}

static int t_stdio_threads(void)
{
	size_t size = (size_t)ST_THREADS * ST_LINES * 56;
	char *buf = calloc(1, size), *p, *nl;
	int seen[ST_THREADS] = { 0 }, lines = 0;
	pthread_t th[ST_THREADS];

	CHECK(buf != NULL);
	st_file = fmemopen(buf, size, "w");
	CHECK(st_file != NULL);
	for (long i = 0; i < ST_THREADS; i++)
		CHECK(pthread_create(&th[i], NULL, st_writer, (void *)i) == 0);
	for (int i = 0; i < ST_THREADS; i++)
		CHECK(pthread_join(th[i], NULL) == 0);
	CHECK(fclose(st_file) == 0);
	for (p = buf; (nl = strchr(p, '\n')); p = nl + 1, lines++) {
		int id, n;

		*nl = '\0'; /* newlib's sscanf measures its whole input first */
		CHECK(sscanf(p, "t%d:%d;", &id, &n) == 2 && id >= 0 && id < ST_THREADS);
		CHECK(n == seen[id]); /* each thread's lines whole and in its order */
		seen[id]++;
	}
	CHECK(*p == '\0' && lines == ST_THREADS * ST_LINES);
	free(buf);
	return 1;
}

/* ---- deferred cancellation at a cancellation point (nanosleep) ---- */
static void *cancel_target(void *arg)
{
	struct timespec d = { 0, 1000000 };

	for (int i = 0; i < 5000; i++) /* 5 s at most */
		nanosleep(&d, NULL);
	return NULL;
}

static int t_cancel(void)
{
	struct timespec d = { 0, 10000000 };
	pthread_t t;
	void *v;

	CHECK(pthread_create(&t, NULL, cancel_target, NULL) == 0);
	nanosleep(&d, NULL);
	CHECK(pthread_cancel(t) == 0);
	CHECK(pthread_join(t, &v) == 0);
	CHECK(v == PTHREAD_CANCELED);
	return 1;
}

/* ---- futex edges, directly ---- */
static int t_futex(void)
{
	int word = 5;
	struct timespec to = { 0, 20000000 };
	long long t0 = now_ns(CLOCK_MONOTONIC);

	errno = 0;
	CHECK(syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 6, NULL) == -1 && errno == EAGAIN);
	CHECK(syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 5, &to) == -1 && errno == ETIMEDOUT);
	CHECK(now_ns(CLOCK_MONOTONIC) - t0 >= 20000000);
	to.tv_nsec = 1000000000;
	CHECK(syscall(SYS_futex, &word, FUTEX_WAIT, 5, &to) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1) == 0);
	return 1;
}

/* "mainexit": main ends through pthread_exit; the worker goes on, and its
 * end is the process's: exit(0), atexit handlers included. */
static void *late_worker(void *arg)
{
	struct timespec d = { 0, 50000000 };

	nanosleep(&d, NULL);
	printf("mainexit: worker ends after main\n");
	return NULL;
}

static void at_exit(void)
{
	printf("mainexit: atexit handler ran\n");
}

static int main_exit(void)
{
	pthread_t t;

	atexit(at_exit);
	if (pthread_create(&t, NULL, late_worker, NULL))
		return 1;
	printf("mainexit: main ends\n");
	pthread_exit(NULL);
}

/* "alarm": after a thread has ended, alarm(1) still ends a sleeping main
 * with SIGALRM's status (the thread's exit masked nothing of main's). */
static void *nothing(void *arg)
{
	return arg;
}

static int alarm_after_thread(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, nothing, NULL) || pthread_join(t, NULL))
		return 1;
	printf("alarm: thread joined, sleeping\n");
	alarm(1);
	sleep(10);
	printf("alarm: still running after 10 s\n");
	return 1;
}

int main(int argc, char **argv)
{
	static const struct {
		int (*fn)(void);
		const char *name;
	} tests[] = {
		{ t_producer_consumer, "producer_consumer_100_threads" },
		{ t_cond_timedwait_times_out, "cond_timedwait_times_out" },
		{ t_cond_timedwait_monotonic, "cond_timedwait_monotonic" },
		{ t_mutex_timedlock, "mutex_timedlock_times_out" },
		{ t_once, "once" },
		{ t_keys, "keys_with_destructors" },
		{ t_join_detach, "join_and_detach" },
		{ t_mutex_types, "mutex_types" },
		{ t_mutex_contended, "mutex_contended" },
		{ t_rwlock, "rwlock" },
		{ t_per_thread, "errno_tls_tid_per_thread" },
		{ t_attr, "attr_stacksize_detachstate" },
		{ t_semaphore, "semaphores" },
		{ t_sigmask, "pthread_sigmask" },
		{ t_sigmask_per_thread, "sigmask_per_thread" },
		{ t_signal_to_unblocked_thread, "signal_to_unblocked_thread" },
		{ t_stdio_threads, "stdio_file_shared_by_threads" },
		{ t_futex, "futex_edges" },
		{ t_cancel, "cancel_at_cancellation_point" },
	};
	int n = sizeof(tests) / sizeof(tests[0]);

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && !strcmp(argv[1], "mainexit"))
		return main_exit();
	if (argc > 1 && !strcmp(argv[1], "alarm"))
		return alarm_after_thread();
	printf("TAP version 13\n1..%d\n", n);
	for (int i = 0; i < n; i++)
		report(tests[i].fn(), tests[i].name);
	return failures ? 1 : 0;
}
