/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Time on Xen (km/plat/time.h): the pvclock Xen keeps in the shared info
 * page for vCPU 0. System time = system_time + the TSC delta since
 * tsc_timestamp scaled by tsc_shift and the 32.32 multiplier; Xen bumps
 * version around each update (odd while it writes). The monotonic clock
 * counts from the first reading (xen_time_init), the wall clock adds
 * Xen's wallclock of system time 0 (wc_sec, wc_nsec), which the toolstack
 * or the initial domain sets.
 */
#include <km/plat/time.h>
#include <x86/cpu.h>
#include "xen.h"

static uint64_t boot_system_ns;

static uint64_t scale(uint64_t delta, int8_t shift, uint32_t mul)
{
	delta = shift >= 0 ? delta << shift : delta >> -shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

uint64_t xen_system_time_ns(void)
{
	const volatile struct vcpu_time_info *t = &xen_shared_info->vcpu_info[0].time;
	uint32_t ver;
	uint64_t ns;

	do {
		ver = t->version;
		__asm__ __volatile__("" ::: "memory");
		ns = t->system_time +
		     scale(x86_rdtsc() - t->tsc_timestamp, t->tsc_shift, t->tsc_to_system_mul);
		__asm__ __volatile__("" ::: "memory");
	} while ((ver & 1) || ver != t->version);
	return ns;
}

uint64_t xen_tsc_to_ns(uint64_t delta)
{
	const volatile struct vcpu_time_info *t = &xen_shared_info->vcpu_info[0].time;

	return scale(delta, t->tsc_shift, t->tsc_to_system_mul);
}

void xen_time_init(void)
{
	boot_system_ns = xen_system_time_ns();
}

/* Xen's system time into the monotonic clock's and back (timers) */
km_nsec_t km_plat_monotonic_ns(void)
{
	return xen_system_time_ns() - boot_system_ns;
}

uint64_t xen_deadline_to_system(km_nsec_t deadline)
{
	return deadline + boot_system_ns;
}

km_nsec_t km_plat_wall_ns(void)
{
	const volatile struct shared_info *s = xen_shared_info;
	uint32_t ver;
	uint64_t wc;

	do {
		ver = s->wc_version;
		__asm__ __volatile__("" ::: "memory");
		wc = (((uint64_t)s->wc_sec_hi << 32) | s->wc_sec) * KM_NSEC_PER_SEC + s->wc_nsec;
		__asm__ __volatile__("" ::: "memory");
	} while ((ver & 1) || ver != s->wc_version);
	return wc + xen_system_time_ns();
}
