/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Mutexes on lib/lock's km_mutex, which a pthread_mutex_t holds. An
 * all-zero pthread_mutex_t (PTHREAD_MUTEX_INITIALIZER) is set up at its
 * first use. Every type refuses an unlock by a thread that does not hold
 * it (EPERM) and reports a relock by its holder: the recursive type counts
 * it, the error-checking one returns EDEADLK, and the normal (default) one
 * returns EDEADLK too instead of hanging forever, unless the lock has a
 * deadline: then it waits for it and times out, as a deadlocked Linux
 * thread would.
 */
#include <errno.h>
#include <km/plat/timer.h>
#include "pthread_impl.h"

KM_STATIC_ASSERT(sizeof(struct km_mutex) <= sizeof(((pthread_mutex_t *)0)->__km_lock),
		 "pthread_mutex_t holds a km_mutex");

struct km_mutex *pt_mutex(pthread_mutex_t *m)
{
	struct km_mutex *km = (struct km_mutex *)m->__km_lock;

	if (__builtin_expect(!m->__km_ready, 0)) {
		unsigned long fl = km_plat_irq_save();

		if (!m->__km_ready) {
			km_mutex_init(km, m->__km_type == PTHREAD_MUTEX_RECURSIVE);
			m->__km_ready = 1;
		}
		km_plat_irq_restore(fl);
	}
	return km;
}

int pthread_mutexattr_init(pthread_mutexattr_t *a)
{
	*a = (pthread_mutexattr_t){ .__km_type = PTHREAD_MUTEX_DEFAULT };
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *a)
{
	(void)a;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *a, int type)
{
	if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_RECURSIVE &&
	    type != PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	a->__km_type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *a, int *type)
{
	*type = a->__km_type;
	return 0;
}

/* One address space: process-shared is the same as private. */
int pthread_mutexattr_setpshared(pthread_mutexattr_t *a, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	a->__km_pshared = pshared;
	return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *a, int *pshared)
{
	*pshared = a->__km_pshared;
	return 0;
}

/* One priority: only PTHREAD_PRIO_NONE means anything; INHERIT is accepted
 * (nothing to inherit), PROTECT is not supported. */
int pthread_mutexattr_setprotocol(pthread_mutexattr_t *a, int protocol)
{
	if (protocol == PTHREAD_PRIO_PROTECT)
		return ENOTSUP;
	if (protocol != PTHREAD_PRIO_NONE && protocol != PTHREAD_PRIO_INHERIT)
		return EINVAL;
	a->__km_protocol = protocol;
	return 0;
}

int pthread_mutexattr_getprotocol(const pthread_mutexattr_t *a, int *protocol)
{
	*protocol = a->__km_protocol;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *a)
{
	*m = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
	if (a)
		m->__km_type = a->__km_type;
	pt_mutex(m);
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	struct km_mutex *km = pt_mutex(m);

	return km->owner ? EBUSY : 0;
}

/* Locks @m, until the lib/sched @deadline (0: none). */
static int lock_until(pthread_mutex_t *m, km_nsec_t deadline)
{
	struct km_mutex *km = pt_mutex(m);
	int ret = -km_mutex_lock_until(km, deadline);

	if (ret == EDEADLK && m->__km_type == PTHREAD_MUTEX_NORMAL && deadline) {
		km_sched_sleep_until(deadline);
		return ETIMEDOUT;
	}
	return ret;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	return lock_until(m, 0);
}

int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abs)
{
	km_nsec_t deadline;
	int ret = pthread_mutex_trylock(m);

	if (ret != EBUSY)
		return ret;
	ret = pt_deadline(0, abs, &deadline);
	return ret ? ret : lock_until(m, deadline);
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	return -km_mutex_trylock(pt_mutex(m));
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	return -km_mutex_unlock(pt_mutex(m));
}
