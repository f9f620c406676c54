/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Condition variables. With interrupts off nothing else runs, so releasing
 * the mutex and queueing on the condition happen as one step: a signal
 * sent after the caller released the mutex always finds it queued.
 */
#include <errno.h>
#include <km/lock.h>
#include <km/plat/timer.h>

void km_cond_init(struct km_cond *c)
{
	km_waitq_init(&c->wq);
}

int km_cond_wait_until(struct km_cond *c, struct km_mutex *m, km_nsec_t deadline)
{
	unsigned long fl = km_plat_irq_save();
	unsigned int count = m->count;
	int ret;

	if (!km_mutex_held(m)) {
		km_plat_irq_restore(fl);
		return -EPERM;
	}
	/* Release fully (a recursive mutex may be held several times). */
	m->count = 0;
	m->owner = NULL;
	km_waitq_wake_one(&m->wq);
	ret = km_waitq_wait_irqoff(&c->wq, deadline);
	while (m->owner)
		km_waitq_wait_irqoff(&m->wq, 0);
	m->owner = km_thread_current();
	m->count = count;
	km_plat_irq_restore(fl);
	return ret;
}

int km_cond_wait(struct km_cond *c, struct km_mutex *m)
{
	return km_cond_wait_until(c, m, 0);
}

void km_cond_signal(struct km_cond *c)
{
	km_waitq_wake_one(&c->wq);
}

void km_cond_broadcast(struct km_cond *c)
{
	km_waitq_wake_all(&c->wq);
}
