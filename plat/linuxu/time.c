/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Clocks from the host's clock_gettime, uptime counted from process entry.
 * The host's vDSO answers without entering the kernel (~15 ns instead of
 * a system call's 100-300 ns); found through AT_SYSINFO_EHDR at entry, with
 * the raw system call when there is none or linuxu.vdso=n asks for it.
 *
 * The monotonic clock is cheaper still from the CPU's TSC (linuxu.tsc=y,
 * the default, when the CPU says its TSC is invariant): the host clock is
 * read until the image has run CALIBRATE_NS, then the TSC rate measured
 * against it over that time scales a plain rdtsc (~9 ns). Every
 * RECALIBRATE_NS a read goes to the host again: the rate is measured anew
 * over the whole run (its error shrinks with uptime) and the clock moves
 * to the host's value, but never backwards. The reads need no ordering
 * fence: all threads of a linuxu image run on one host thread, and the
 * context switches between them (signals, system calls) serialise.
 * The wall clock is always the host's.
 */
#include <stdbool.h>
#include <stdint.h>
#include <km/init.h>
#include <km/param.h>
#include <km/plat/time.h>
#include <km/print.h>
#include "linuxu.h"
#include "vdso.h"

#define LINUXU_AT_SYSINFO_EHDR 33
#define CALIBRATE_NS	       (20 * KM_NSEC_PER_MSEC)
#define RECALIBRATE_NS	       KM_NSEC_PER_SEC
#define PAIR_TRIES	       8
#define PAIR_MAX_TICKS	       20000 /* ~10 us: a vDSO read takes ~60 */

static km_nsec_t boot_ns;
static linuxu_vdso_clock_gettime_fn vdso_clock_gettime;
static bool use_vdso = true;
KM_PARAM(linuxu, vdso, bool, use_vdso,
	 "read the host clocks through the host's vDSO (n: a system call each, no TSC)");
static bool use_tsc = true;
KM_PARAM(linuxu, tsc, bool, use_tsc,
	 "monotonic clock from the TSC, calibrated against the host's (n: the host's each read)");

/* Uptime = base_ns + (tsc - base_tsc) * mult / 2^32, until tsc passes
 * next_tsc. Two sets, so that a reader interrupted by a signal handler
 * that recalibrates still reads a whole set: the writer fills the one not
 * in use, then switches (a second switch takes another RECALIBRATE_NS). */
struct tsc_scale {
	uint64_t base_tsc, next_tsc, mult;
	km_nsec_t base_ns;
};
static struct tsc_scale scales[2];
static int scale_in_use = -1; /* -1: not calibrated yet (or no TSC) */
static bool tsc_allowed;      /* invariant TSC, and the parameters allow it */
static uint64_t boot_tsc;

static inline uint64_t rdtsc_unordered(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static bool tsc_invariant(void)
{
	uint32_t eax, ebx, ecx, edx;

	__asm__ __volatile__("cpuid"
			     : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx)
			     : "a"(0x80000000));
	if (eax < 0x80000007)
		return false;
	__asm__ __volatile__("cpuid"
			     : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx)
			     : "a"(0x80000007));
	return edx & (1u << 8);
}

static km_nsec_t host_clock(int clock)
{
	struct linuxu_timespec ts;

	if (!vdso_clock_gettime || vdso_clock_gettime(clock, &ts))
		linuxu_syscall(LINUXU_SYS_clock_gettime, clock, &ts, 0);
	return (km_nsec_t)ts.tv_sec * KM_NSEC_PER_SEC + (km_nsec_t)ts.tv_nsec;
}

/* The host clock and the TSC at (about) the same instant: the TSC halfway
 * through the host read, retried when the host took the CPU away in
 * between (a preemption there would skew the rate by its length). */
static km_nsec_t host_clock_paired(int clock, uint64_t *tsc)
{
	km_nsec_t ns = 0;
	uint64_t best = UINT64_MAX;

	for (int i = 0; i < PAIR_TRIES && best > PAIR_MAX_TICKS; i++) {
		uint64_t t0 = rdtsc_unordered();
		km_nsec_t n = host_clock(clock);
		uint64_t t1 = rdtsc_unordered();

		if (t1 - t0 < best) {
			best = t1 - t0;
			ns = n;
			*tsc = t0 + best / 2;
		}
	}
	return ns;
}

void linuxu_time_init(const long *initial_stack)
{
	uintptr_t vdso =
		linuxu_auxv_get(linuxu_auxv_from_stack(initial_stack), LINUXU_AT_SYSINFO_EHDR);

	vdso_clock_gettime =
		(linuxu_vdso_clock_gettime_fn)linuxu_vdso_sym(vdso, "__vdso_clock_gettime");
	boot_ns = host_clock_paired(LINUXU_CLOCK_MONOTONIC, &boot_tsc);
}

/* Parameters are applied after entry: the first init drops the vDSO if asked. */
static int linuxu_clock_choice(void)
{
	if (!use_vdso)
		vdso_clock_gettime = NULL;
	tsc_allowed = use_tsc && use_vdso && tsc_invariant();
	km_pr_debug("clock: %s%s\n", tsc_allowed ? "TSC, calibrated against the " : "",
		    vdso_clock_gettime ? "host vDSO" : "host system call");
	return 0;
}
KM_INIT_PLAT_REQUIRED(linuxu_clock_choice, 0);

static km_nsec_t scaled(const struct tsc_scale *s, uint64_t tsc)
{
	return s->base_ns + (km_nsec_t)(((unsigned __int128)(tsc - s->base_tsc) * s->mult) >> 32);
}

/* ns * 2^32 / ticks in 64-bit arithmetic (no 128-bit division from
 * libgcc): both halved until ns fits in 32 bits, which keeps the ratio to
 * about one part in 2^32. */
static uint64_t rate(km_nsec_t ns, uint64_t ticks)
{
	while (ns >> 32) {
		ns >>= 1;
		ticks >>= 1;
	}
	return (ns << 32) / (ticks ? ticks : 1);
}

/* A host read, and the next scale from it once enough time has passed. */
static km_nsec_t host_monotonic_calibrating(void)
{
	uint64_t tsc;
	km_nsec_t now, ahead;
	int cur = __atomic_load_n(&scale_in_use, __ATOMIC_ACQUIRE);
	struct tsc_scale *next;

	if (!tsc_allowed)
		return host_clock(LINUXU_CLOCK_MONOTONIC) - boot_ns;
	now = host_clock_paired(LINUXU_CLOCK_MONOTONIC, &tsc) - boot_ns;
	if (now < CALIBRATE_NS || tsc <= boot_tsc)
		return now;
	next = &scales[cur < 0 ? 0 : !cur];
	next->mult = rate(now, tsc - boot_tsc);
	next->base_tsc = tsc;
	next->base_ns = now;
	/* Never backwards: where the old scale ran ahead of the host, go on
	 * from its value, slower until the next recalibration catches up
	 * (by at most half the interval each time). */
	if (cur >= 0 && (ahead = scaled(&scales[cur], tsc) - now) < KM_NSEC_PER_SEC * 3600) {
		ahead = KM_MIN(ahead, RECALIBRATE_NS / 2);
		next->base_ns = now + ahead;
		next->mult -= next->mult * ahead / RECALIBRATE_NS; /* < 2^31 * 2^29 */
	}
	next->next_tsc = tsc + (RECALIBRATE_NS << 32) / rate(now, tsc - boot_tsc);
	__atomic_store_n(&scale_in_use, cur < 0 ? 0 : !cur, __ATOMIC_RELEASE);
	return next->base_ns;
}

km_nsec_t km_plat_monotonic_ns(void)
{
	int cur = __atomic_load_n(&scale_in_use, __ATOMIC_ACQUIRE);

	if (km_likely(cur >= 0)) {
		const struct tsc_scale *s = &scales[cur];
		uint64_t tsc = rdtsc_unordered();

		if (km_likely(tsc - s->base_tsc < s->next_tsc - s->base_tsc))
			return scaled(s, tsc);
	}
	return host_monotonic_calibrating();
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
