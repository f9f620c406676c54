/* SPDX-License-Identifier: BSD-3-Clause */
/* Wait queues: FIFO lists of blocked threads (see km/sched.h). */
#include <errno.h>
#include "sched_internal.h"

#define WQ_HEAD(wq) ((struct km_sched_link *)(wq))

KM_STATIC_ASSERT(sizeof(struct km_waitq) == sizeof(struct km_sched_link),
		 "a wait queue is a list head");

void km_waitq_init(struct km_waitq *wq)
{
	km_sched_list_init(WQ_HEAD(wq));
}

int km_waitq_empty(struct km_waitq *wq)
{
	return km_sched_list_empty(WQ_HEAD(wq));
}

int km_waitq_wait_irqoff(struct km_waitq *wq, km_nsec_t deadline)
{
	struct km_thread *t = sched_cur;

	t->wait_result = 0;
	t->waitq = wq;
	km_sched_list_append(WQ_HEAD(wq), &t->link);
	t->state = KM_THREAD_BLOCKED;
	if (deadline)
		km_timer_start(&t->timer, deadline);
	sched_schedule();
	if (deadline)
		km_timer_stop(&t->timer);
	return t->wait_result;
}

static int wake(struct km_waitq *wq, int all)
{
	unsigned long fl = km_plat_irq_save();
	int n = 0;

	while (!km_sched_list_empty(WQ_HEAD(wq))) {
		struct km_thread *t = KM_CONTAINER_OF(WQ_HEAD(wq)->next, struct km_thread, link);

		sched_wake(t, 0);
		n++;
		if (!all)
			break;
	}
	km_plat_irq_restore(fl);
	return n;
}

int km_waitq_wake_one(struct km_waitq *wq)
{
	return wake(wq, 0);
}

int km_waitq_wake_all(struct km_waitq *wq)
{
	return wake(wq, 1);
}
