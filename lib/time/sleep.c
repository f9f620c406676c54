/* SPDX-License-Identifier: BSD-3-Clause */
/* Sleeping: through the scheduler when one registered, else halting. */
#include <km/plat/lifecycle.h>
#include <km/time.h>

static int (*sleeper)(km_nsec_t deadline);

void km_time_set_sleeper(int (*fn)(km_nsec_t deadline))
{
	sleeper = fn;
}

int km_sleep_until(km_nsec_t deadline)
{
	if (sleeper)
		return sleeper(deadline);
	while (km_plat_monotonic_ns() < deadline)
		km_plat_halt_until(deadline);
	return 0;
}

int km_sleep_ns(km_nsec_t ns)
{
	return km_sleep_until(km_plat_monotonic_ns() + ns);
}
