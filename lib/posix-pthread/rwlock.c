/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reader-writer locks on lib/lock's km_rwlock (writer-preferring), which
 * a pthread_rwlock_t holds; all-zero (PTHREAD_RWLOCK_INITIALIZER) is set
 * up at its first use. A writer that takes its own lock again gets
 * EDEADLK, an unlock by a thread holding nothing EPERM.
 */
#include <errno.h>
#include <km/plat/timer.h>
#include "pthread_impl.h"

KM_STATIC_ASSERT(sizeof(struct km_rwlock) <= sizeof(((pthread_rwlock_t *)0)->__km_lock),
		 "pthread_rwlock_t holds a km_rwlock");

static struct km_rwlock *rwlock_of(pthread_rwlock_t *l)
{
	struct km_rwlock *kl = (struct km_rwlock *)l->__km_lock;

	if (__builtin_expect(!l->__km_ready, 0)) {
		unsigned long fl = km_plat_irq_save();

		if (!l->__km_ready) {
			km_rwlock_init(kl);
			l->__km_ready = 1;
		}
		km_plat_irq_restore(fl);
	}
	return kl;
}

int pthread_rwlockattr_init(pthread_rwlockattr_t *a)
{
	*a = (pthread_rwlockattr_t){ 0 };
	return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *a)
{
	(void)a;
	return 0;
}

int pthread_rwlockattr_setpshared(pthread_rwlockattr_t *a, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	a->__km_pshared = pshared;
	return 0;
}

int pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *a, int *pshared)
{
	*pshared = a->__km_pshared;
	return 0;
}

int pthread_rwlock_init(pthread_rwlock_t *l, const pthread_rwlockattr_t *a)
{
	(void)a;
	*l = (pthread_rwlock_t)PTHREAD_RWLOCK_INITIALIZER;
	rwlock_of(l);
	return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *l)
{
	struct km_rwlock *kl = rwlock_of(l);

	return kl->readers || kl->writer ? EBUSY : 0;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *l)
{
	return -km_rwlock_rdlock(rwlock_of(l));
}

int pthread_rwlock_wrlock(pthread_rwlock_t *l)
{
	return -km_rwlock_wrlock(rwlock_of(l));
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *l)
{
	return -km_rwlock_tryrdlock(rwlock_of(l));
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *l)
{
	return -km_rwlock_trywrlock(rwlock_of(l));
}

int pthread_rwlock_timedrdlock(pthread_rwlock_t *l, const struct timespec *abs)
{
	km_nsec_t deadline;
	int ret = pthread_rwlock_tryrdlock(l);

	if (ret != EBUSY)
		return ret;
	ret = pt_deadline(0, abs, &deadline);
	return ret ? ret : -km_rwlock_rdlock_until(rwlock_of(l), deadline);
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t *l, const struct timespec *abs)
{
	km_nsec_t deadline;
	int ret = pthread_rwlock_trywrlock(l);

	if (ret != EBUSY)
		return ret;
	ret = pt_deadline(0, abs, &deadline);
	return ret ? ret : -km_rwlock_wrlock_until(rwlock_of(l), deadline);
}

int pthread_rwlock_unlock(pthread_rwlock_t *l)
{
	return -km_rwlock_unlock(rwlock_of(l));
}
