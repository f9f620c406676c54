/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Condition variables on lib/lock's km_cond, with timed waits on
 * CLOCK_REALTIME (the default) or CLOCK_MONOTONIC
 * (pthread_condattr_setclock). A wait is a cancellation point: a pending
 * cancellation is acted on before it blocks and after it wakes, with the
 * mutex held, as POSIX says.
 */
#include <errno.h>
#include <km/plat/timer.h>
#include "pthread_impl.h"

KM_STATIC_ASSERT(sizeof(struct km_cond) <= sizeof(((pthread_cond_t *)0)->__km_wq),
		 "pthread_cond_t holds a km_cond");

static struct km_cond *cond_of(pthread_cond_t *c)
{
	struct km_cond *kc = (struct km_cond *)c->__km_wq;

	if (__builtin_expect(!c->__km_ready, 0)) {
		unsigned long fl = km_plat_irq_save();

		if (!c->__km_ready) {
			km_cond_init(kc);
			c->__km_ready = 1;
		}
		km_plat_irq_restore(fl);
	}
	return kc;
}

int pt_deadline(int monotonic, const struct timespec *abs, km_nsec_t *deadline)
{
	struct timespec now;
	long long left;

	if (abs->tv_nsec < 0 || abs->tv_nsec >= 1000000000L)
		return EINVAL;
	clock_gettime(monotonic ? CLOCK_MONOTONIC : CLOCK_REALTIME, &now);
	left = (long long)(abs->tv_sec - now.tv_sec) * 1000000000LL + (abs->tv_nsec - now.tv_nsec);
	if (left <= 0)
		return ETIMEDOUT;
	*deadline = km_plat_monotonic_ns() + (km_nsec_t)left;
	return 0;
}

int pthread_condattr_init(pthread_condattr_t *a)
{
	*a = (pthread_condattr_t){ 0 };
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *a)
{
	(void)a;
	return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *a, clockid_t clock)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	a->__km_monotonic = clock == CLOCK_MONOTONIC;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *a, clockid_t *clock)
{
	*clock = a->__km_monotonic ? CLOCK_MONOTONIC : CLOCK_REALTIME;
	return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *a, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	a->__km_pshared = pshared;
	return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *a, int *pshared)
{
	*pshared = a->__km_pshared;
	return 0;
}

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *a)
{
	*c = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
	c->__km_monotonic = a && a->__km_monotonic;
	cond_of(c);
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	return km_waitq_empty(&cond_of(c)->wq) ? 0 : EBUSY;
}

static int wait_until(pthread_cond_t *c, pthread_mutex_t *m, km_nsec_t deadline)
{
	int ret;

	pthread_testcancel();
	ret = -km_cond_wait_until(cond_of(c), pt_mutex(m), deadline);
	pthread_testcancel();
	return ret;
}

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
	return wait_until(c, m, 0);
}

int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abs)
{
	km_nsec_t deadline;
	int ret = pt_deadline(c->__km_monotonic, abs, &deadline);

	if (ret == ETIMEDOUT && !km_mutex_held(pt_mutex(m)))
		return EPERM;
	return ret ? ret : wait_until(c, m, deadline);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	km_cond_signal(cond_of(c));
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	km_cond_broadcast(cond_of(c));
	return 0;
}
