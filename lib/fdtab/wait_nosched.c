/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Waiting for readiness without lib/sched: there is one thread, so only
 * interrupt-context code (timer functions) can wake it; it looks at the
 * count of wakes every millisecond (km_sleep_ns halts the CPU meanwhile).
 */
#include <errno.h>
#include <km/fdtab.h>
#include <km/plat/timer.h>
#include <km/time.h>

static volatile unsigned long wakes;

void km_file_wake(void)
{
	unsigned long fl = km_plat_irq_save();

	wakes++;
	km_plat_irq_restore(fl);
}

unsigned long km_file_wakes(void)
{
	return wakes;
}

int km_file_wait(unsigned long seen, km_nsec_t deadline)
{
	for (;;) {
		km_nsec_t now = km_time_monotonic_ns();

		if (wakes != seen)
			return 0;
		if (now >= deadline)
			return -ETIMEDOUT;
		km_sleep_ns(KM_MIN(deadline - now, KM_NSEC_PER_MSEC));
	}
}
