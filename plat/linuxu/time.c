/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Clocks from the host's clock_gettime, uptime counted from process entry.
 * The host's vDSO answers without entering the kernel (~20 ns instead of
 * a system call's 100-300 ns); found through AT_SYSINFO_EHDR at entry, with
 * the raw system call when there is none or linuxu.vdso=n asks for it.
 */
#include <stdbool.h>
#include <km/init.h>
#include <km/param.h>
#include <km/plat/time.h>
#include <km/print.h>
#include "linuxu.h"
#include "vdso.h"

#define LINUXU_AT_SYSINFO_EHDR 33

static km_nsec_t boot_ns;
static linuxu_vdso_clock_gettime_fn vdso_clock_gettime;
static bool use_vdso = true;
KM_PARAM(linuxu, vdso, bool, use_vdso,
	 "read the host clocks through the host's vDSO (n: a system call each)");

static km_nsec_t host_clock(int clock)
{
	struct linuxu_timespec ts;

	if (!vdso_clock_gettime || vdso_clock_gettime(clock, &ts))
		linuxu_syscall(LINUXU_SYS_clock_gettime, clock, &ts, 0);
	return (km_nsec_t)ts.tv_sec * KM_NSEC_PER_SEC + (km_nsec_t)ts.tv_nsec;
}

void linuxu_time_init(const long *initial_stack)
{
	uintptr_t vdso =
		linuxu_auxv_get(linuxu_auxv_from_stack(initial_stack), LINUXU_AT_SYSINFO_EHDR);

	vdso_clock_gettime =
		(linuxu_vdso_clock_gettime_fn)linuxu_vdso_sym(vdso, "__vdso_clock_gettime");
	boot_ns = host_clock(LINUXU_CLOCK_MONOTONIC);
}

/* Parameters are applied after entry: the first init drops the vDSO if asked. */
static int linuxu_clock_choice(void)
{
	if (!use_vdso)
		vdso_clock_gettime = NULL;
	km_pr_debug("clock: %s\n", vdso_clock_gettime ? "host vDSO" : "host system call");
	return 0;
}
KM_INIT_PLAT_REQUIRED(linuxu_clock_choice, 0);

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
