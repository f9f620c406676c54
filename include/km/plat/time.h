/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/plat/time.h - clocks (part of the platform contract).
 *
 * km_plat_monotonic_ns() MUST be usable from the first instruction of
 * km_boot() on (a platform that calibrates a clock does so in its entry,
 * before km_boot), MUST never go backwards and SHOULD start near 0 at boot
 * so that log stamps read as uptime.
 * km_plat_wall_ns() returns nanoseconds since the Unix epoch; it MAY jump.
 *
 * Non-goals: timers (see km/plat/timer.h), time zones.
 */
#ifndef KM_PLAT_TIME_H
#define KM_PLAT_TIME_H

#include <stdint.h>

typedef uint64_t km_nsec_t;

#define KM_NSEC_PER_USEC 1000ULL
#define KM_NSEC_PER_MSEC 1000000ULL
#define KM_NSEC_PER_SEC	 1000000000ULL

km_nsec_t km_plat_monotonic_ns(void);
km_nsec_t km_plat_wall_ns(void);

#endif /* KM_PLAT_TIME_H */
