/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * pthread_once, barriers, spinlocks, and the signal mask and signals of a
 * thread.
 *
 * Once: a pthread_once_t goes 0 (never run) -> 1 (running) -> 2 (done).
 * Threads that arrive while it runs wait on one condition variable shared
 * by every once object; the routine itself runs without any lock held, so
 * it may call pthread_once for other objects.
 */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <km/sched.h>
#include <km/plat/timer.h>
#include "pthread_impl.h"

static struct km_mutex once_lock = KM_MUTEX_INIT(once_lock);
static struct km_cond once_done = KM_COND_INIT(once_done);

int pthread_once(pthread_once_t *once, void (*fn)(void))
{
	if (*once == 2)
		return 0;
	km_mutex_lock(&once_lock);
	while (*once == 1)
		km_cond_wait(&once_done, &once_lock);
	if (*once == 2) {
		km_mutex_unlock(&once_lock);
		return 0;
	}
	*once = 1;
	km_mutex_unlock(&once_lock);
	fn();
	km_mutex_lock(&once_lock);
	*once = 2;
	km_cond_broadcast(&once_done);
	km_mutex_unlock(&once_lock);
	return 0;
}

/* ---- barriers: a mutex, a condition and a cycle count ---- */

int pthread_barrierattr_init(pthread_barrierattr_t *a)
{
	*a = (pthread_barrierattr_t){ 0 };
	return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *a)
{
	(void)a;
	return 0;
}

int pthread_barrierattr_setpshared(pthread_barrierattr_t *a, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	a->__km_pshared = pshared;
	return 0;
}

int pthread_barrierattr_getpshared(const pthread_barrierattr_t *a, int *pshared)
{
	*pshared = a->__km_pshared;
	return 0;
}

int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *a, unsigned count)
{
	(void)a;
	if (!count)
		return EINVAL;
	pthread_mutex_init(&b->__km_lock, NULL);
	pthread_cond_init(&b->__km_cond, NULL);
	b->__km_count = count;
	b->__km_waiting = 0;
	b->__km_cycle = 0;
	return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *b)
{
	return b->__km_waiting ? EBUSY : 0;
}

/* The last thread to arrive returns PTHREAD_BARRIER_SERIAL_THREAD. */
int pthread_barrier_wait(pthread_barrier_t *b)
{
	unsigned long cycle;
	int ret = 0;

	pthread_mutex_lock(&b->__km_lock);
	cycle = b->__km_cycle;
	if (++b->__km_waiting == b->__km_count) {
		b->__km_waiting = 0;
		b->__km_cycle++;
		pthread_cond_broadcast(&b->__km_cond);
		ret = PTHREAD_BARRIER_SERIAL_THREAD;
	} else {
		while (cycle == b->__km_cycle)
			pthread_cond_wait(&b->__km_cond, &b->__km_lock);
	}
	pthread_mutex_unlock(&b->__km_lock);
	return ret;
}

/* ---- spinlocks: one CPU, so a held lock is given time by yielding ---- */

int pthread_spin_init(pthread_spinlock_t *l, int pshared)
{
	(void)pshared;
	*l = 0;
	return 0;
}

int pthread_spin_destroy(pthread_spinlock_t *l)
{
	return *l ? EBUSY : 0;
}

int pthread_spin_trylock(pthread_spinlock_t *l)
{
	return __atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE) ? EBUSY : 0;
}

int pthread_spin_lock(pthread_spinlock_t *l)
{
	while (pthread_spin_trylock(l))
		km_sched_yield();
	return 0;
}

int pthread_spin_unlock(pthread_spinlock_t *l)
{
	__atomic_store_n(l, 0, __ATOMIC_RELEASE);
	return 0;
}

/* The calling thread's mask (lib/posix-signal keeps one per thread). */
int pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
	return sigprocmask(how, set, old) ? errno : 0;
}

/* A signal for thread @t alone (tgkill); ESRCH once it has ended. */
int pthread_kill(pthread_t t, int sig)
{
	if (!t || __atomic_load_n(&t->ended, __ATOMIC_ACQUIRE))
		return ESRCH;
	return tgkill(getpid(), km_thread_id(t->kt), sig) ? errno : 0;
}
