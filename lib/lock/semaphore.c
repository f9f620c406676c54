/* SPDX-License-Identifier: BSD-3-Clause */
/* Counting semaphores on a wait queue. */
#include <errno.h>
#include <km/lock.h>
#include <km/plat/timer.h>

void km_sem_init(struct km_sem *s, long count)
{
	s->count = count;
	km_waitq_init(&s->wq);
}

int km_sem_down_until(struct km_sem *s, km_nsec_t deadline)
{
	unsigned long fl = km_plat_irq_save();
	int ret = 0;

	while (s->count <= 0) {
		if (km_waitq_wait_irqoff(&s->wq, deadline) == -ETIMEDOUT && s->count <= 0) {
			ret = -ETIMEDOUT;
			break;
		}
	}
	if (!ret)
		s->count--;
	km_plat_irq_restore(fl);
	return ret;
}

int km_sem_down(struct km_sem *s)
{
	return km_sem_down_until(s, 0);
}

int km_sem_trydown(struct km_sem *s)
{
	unsigned long fl = km_plat_irq_save();
	int ret = -EAGAIN;

	if (s->count > 0) {
		s->count--;
		ret = 0;
	}
	km_plat_irq_restore(fl);
	return ret;
}

void km_sem_up(struct km_sem *s)
{
	unsigned long fl = km_plat_irq_save();

	s->count++;
	km_waitq_wake_one(&s->wq);
	km_plat_irq_restore(fl);
}
