/* SPDX-License-Identifier: BSD-3-Clause */
/* Clocks from the host's clock_gettime, uptime counted from process entry. */
#include <km/plat/time.h>
#include "linuxu.h"

static km_nsec_t boot_ns;

static km_nsec_t host_clock(int clock)
{
	struct linuxu_timespec ts;

	linuxu_syscall(LINUXU_SYS_clock_gettime, clock, &ts, 0);
	return (km_nsec_t)ts.tv_sec * KM_NSEC_PER_SEC + (km_nsec_t)ts.tv_nsec;
}

void linuxu_time_init(void)
{
	boot_ns = host_clock(LINUXU_CLOCK_MONOTONIC);
}

km_nsec_t km_plat_monotonic_ns(void)
{
	return host_clock(LINUXU_CLOCK_MONOTONIC) - boot_ns;
}

km_nsec_t km_plat_wall_ns(void)
{
	return host_clock(LINUXU_CLOCK_REALTIME);
}

/* Absolute host monotonic time of an uptime deadline, for host sleeps. */
km_nsec_t linuxu_host_deadline(km_nsec_t deadline)
{
	return deadline + boot_ns;
}
