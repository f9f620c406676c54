/* SPDX-License-Identifier: BSD-3-Clause */
/* Blocking mutexes, optionally recursive, on a wait queue. */
#include <errno.h>
#include <km/lock.h>
#include <km/plat/timer.h>

void km_mutex_init(struct km_mutex *m, int recursive)
{
	m->owner = NULL;
	m->count = 0;
	m->recursive = recursive;
	km_waitq_init(&m->wq);
}

int km_mutex_lock_until(struct km_mutex *m, km_nsec_t deadline)
{
	struct km_thread *self = km_thread_current();
	unsigned long fl = km_plat_irq_save();
	int ret = 0;

	if (m->owner == self) {
		if (m->recursive)
			m->count++;
		else
			ret = -EDEADLK;
		km_plat_irq_restore(fl);
		return ret;
	}
	while (m->owner) {
		ret = km_waitq_wait_irqoff(&m->wq, deadline);
		if (ret == -ETIMEDOUT && m->owner)
			break;
		ret = 0;
	}
	if (!ret) {
		m->owner = self;
		m->count = 1;
	}
	km_plat_irq_restore(fl);
	return ret;
}

int km_mutex_lock(struct km_mutex *m)
{
	return km_mutex_lock_until(m, 0);
}

int km_mutex_trylock(struct km_mutex *m)
{
	struct km_thread *self = km_thread_current();
	unsigned long fl = km_plat_irq_save();
	int ret = 0;

	if (!m->owner) {
		m->owner = self;
		m->count = 1;
	} else if (m->owner == self && m->recursive) {
		m->count++;
	} else {
		ret = -EBUSY;
	}
	km_plat_irq_restore(fl);
	return ret;
}

int km_mutex_unlock(struct km_mutex *m)
{
	unsigned long fl = km_plat_irq_save();

	if (m->owner != km_thread_current()) {
		km_plat_irq_restore(fl);
		return -EPERM;
	}
	if (--m->count == 0) {
		m->owner = NULL;
		km_waitq_wake_one(&m->wq);
	}
	km_plat_irq_restore(fl);
	return 0;
}

int km_mutex_held(const struct km_mutex *m)
{
	return m->owner == km_thread_current();
}
