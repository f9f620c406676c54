/* SPDX-License-Identifier: BSD-3-Clause */
/* Reader-writer locks, writer-preferring, on two wait queues. */
#include <errno.h>
#include <km/lock.h>
#include <km/plat/timer.h>

void km_rwlock_init(struct km_rwlock *l)
{
	l->readers = 0;
	l->writer = NULL;
	l->writers_waiting = 0;
	km_waitq_init(&l->rq);
	km_waitq_init(&l->wq);
}

int km_rwlock_rdlock_until(struct km_rwlock *l, km_nsec_t deadline)
{
	unsigned long fl = km_plat_irq_save();
	int ret = 0;

	if (l->writer == km_thread_current()) {
		km_plat_irq_restore(fl);
		return -EDEADLK;
	}
	while ((l->writer || l->writers_waiting) && ret != -ETIMEDOUT)
		ret = km_waitq_wait_irqoff(&l->rq, deadline);
	if (l->writer || l->writers_waiting) {
		ret = -ETIMEDOUT;
	} else {
		l->readers++;
		ret = 0;
	}
	km_plat_irq_restore(fl);
	return ret;
}

int km_rwlock_rdlock(struct km_rwlock *l)
{
	return km_rwlock_rdlock_until(l, 0);
}

int km_rwlock_wrlock_until(struct km_rwlock *l, km_nsec_t deadline)
{
	unsigned long fl = km_plat_irq_save();
	int ret = 0;

	if (l->writer == km_thread_current()) {
		km_plat_irq_restore(fl);
		return -EDEADLK;
	}
	l->writers_waiting++;
	while ((l->writer || l->readers) && ret != -ETIMEDOUT)
		ret = km_waitq_wait_irqoff(&l->wq, deadline);
	l->writers_waiting--;
	if (l->writer || l->readers) {
		/* Readers held back for this writer may go now. */
		if (!l->writer && !l->writers_waiting)
			km_waitq_wake_all(&l->rq);
		ret = -ETIMEDOUT;
	} else {
		l->writer = km_thread_current();
		ret = 0;
	}
	km_plat_irq_restore(fl);
	return ret;
}

int km_rwlock_wrlock(struct km_rwlock *l)
{
	return km_rwlock_wrlock_until(l, 0);
}

int km_rwlock_tryrdlock(struct km_rwlock *l)
{
	unsigned long fl = km_plat_irq_save();
	int ret = -EBUSY;

	if (!l->writer && !l->writers_waiting) {
		l->readers++;
		ret = 0;
	}
	km_plat_irq_restore(fl);
	return ret;
}

int km_rwlock_trywrlock(struct km_rwlock *l)
{
	unsigned long fl = km_plat_irq_save();
	int ret = -EBUSY;

	if (!l->writer && !l->readers) {
		l->writer = km_thread_current();
		ret = 0;
	}
	km_plat_irq_restore(fl);
	return ret;
}

int km_rwlock_unlock(struct km_rwlock *l)
{
	unsigned long fl = km_plat_irq_save();
	int ret = 0;

	if (l->writer == km_thread_current())
		l->writer = NULL;
	else if (l->readers && !l->writer)
		l->readers--;
	else
		ret = -EPERM;
	if (!ret && !l->writer && !l->readers) {
		if (l->writers_waiting)
			km_waitq_wake_one(&l->wq);
		else
			km_waitq_wake_all(&l->rq);
	}
	km_plat_irq_restore(fl);
	return ret;
}
