/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Waiting for readiness with lib/sched: one wait queue for every poller
 * (poll, select, epoll_wait) and a count of wakes. A poller reads the
 * count, asks its files, and sleeps only while the count is unchanged, so
 * a wake between its question and its sleep is never lost. One queue for
 * all: a wake is cheap when nobody waits, and pollers are few (blocking
 * reads wait on their own kind's queues).
 */
#include <errno.h>
#include <stdint.h>
#include <km/fdtab.h>
#include <km/plat/timer.h>
#include <km/time.h>
#include <km/sched.h>

static struct km_waitq waiters = KM_WAITQ_INIT(waiters);
static unsigned long wakes;

void km_file_wake(void)
{
	unsigned long fl = km_plat_irq_save();

	wakes++;
	km_waitq_wake_all(&waiters);
	km_plat_irq_restore(fl);
}

unsigned long km_file_wakes(void)
{
	return __atomic_load_n(&wakes, __ATOMIC_RELAXED);
}

int km_file_wait(unsigned long seen, km_nsec_t deadline)
{
	unsigned long fl = km_plat_irq_save();
	int ret = 0;

	while (wakes == seen && !ret) {
		if (km_time_monotonic_ns() >= deadline)
			ret = -ETIMEDOUT;
		else /* the wait queue's 0 is "no deadline" */
			ret = km_waitq_wait_irqoff(&waiters, deadline == UINT64_MAX ? 0 : deadline);
	}
	if (wakes != seen)
		ret = 0;
	km_plat_irq_restore(fl);
	return ret;
}
