/* SPDX-License-Identifier: BSD-3-Clause */
/* POSIX unnamed semaphores (include-newlib/semaphore.h) on km_sem. */
#include <errno.h>
#include <semaphore.h>
#include "pthread_impl.h"

KM_STATIC_ASSERT(sizeof(struct km_sem) <= sizeof(((sem_t *)0)->__km_sem), "sem_t holds a km_sem");

#define KM_SEM(s) ((struct km_sem *)(s)->__km_sem)

/* -1 with errno @err when it is non-zero, else 0. */
static int sem_result(int err)
{
	if (!err)
		return 0;
	errno = err;
	return -1;
}

int sem_init(sem_t *sem, int pshared, unsigned int value)
{
	(void)pshared;
	if (value > SEM_VALUE_MAX)
		return sem_result(EINVAL);
	km_sem_init(KM_SEM(sem), (long)value);
	return 0;
}

int sem_destroy(sem_t *sem)
{
	return km_waitq_empty(&KM_SEM(sem)->wq) ? 0 : sem_result(EBUSY);
}

int sem_wait(sem_t *sem)
{
	int ret;

	pthread_testcancel();
	ret = km_sem_down(KM_SEM(sem));
	pthread_testcancel();
	return sem_result(-ret);
}

int sem_trywait(sem_t *sem)
{
	return sem_result(-km_sem_trydown(KM_SEM(sem)));
}

int sem_timedwait(sem_t *sem, const struct timespec *abs)
{
	km_nsec_t deadline;
	int ret;

	pthread_testcancel();
	if (km_sem_trydown(KM_SEM(sem)) == 0)
		return 0;
	ret = pt_deadline(0, abs, &deadline);
	if (!ret)
		ret = -km_sem_down_until(KM_SEM(sem), deadline);
	pthread_testcancel();
	return sem_result(ret);
}

/* EOVERFLOW when the value is SEM_VALUE_MAX already. */
int sem_post(sem_t *sem)
{
	if (KM_SEM(sem)->count >= SEM_VALUE_MAX)
		return sem_result(EOVERFLOW);
	km_sem_up(KM_SEM(sem));
	return 0;
}

int sem_getvalue(sem_t *sem, int *value)
{
	long v = KM_SEM(sem)->count;

	*value = v > 0 ? (int)v : 0;
	return 0;
}

sem_t *sem_open(const char *name, int oflag, ...)
{
	(void)name, (void)oflag;
	errno = ENOSYS;
	return SEM_FAILED;
}

int sem_close(sem_t *sem)
{
	(void)sem;
	return sem_result(ENOSYS);
}

int sem_unlink(const char *name)
{
	(void)name;
	return sem_result(ENOSYS);
}
