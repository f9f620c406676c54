/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The monotonic clock: TSC ticks since entry32.S read it, scaled to ns.
 * The TSC frequency comes from the first source that knows it, without a
 * wait on a legacy timer:
 *   1. CPUID 0x15 (crystal clock x ratio), when it names the crystal;
 *   2. the hypervisor timing leaf 0x40000010 (KVM, VMware: TSC kHz);
 *   3. KVM's pvclock (its tsc_to_system_mul is the exact ratio);
 *   4. otherwise (software emulation) a measurement against a reference
 *      timer that overlaps the rest of the boot instead of busy-waiting:
 *      kvm_tsc_init(), first in kvm_start(), starts the PIT (channel 0,
 *      mode 0, full count: a 55 ms range), kvm_tsc_sample() after paging
 *      the LAPIC timer (divide by 1, masked), each start bracketed by TSC
 *      reads; the first user of the clock (any clock read, the first
 *      use of the timer: not before main unless something there needs
 *      it) ends the window with a read-back of the PIT, again bracketed.
 *      The window is whatever ran in between, stretched to
 *      CONFIG_KVM_TSC_CALIBRATE_US only when shorter; past the PIT's
 *      55 ms range the LAPIC count, started with it, is the reference.
 *      The error bound, the wider bracket plus one count of the reference
 *      over the window, is kept and logged (kvm_tsc_error_ppm()).
 *      Without a PIT, the LAPIC timer is the reference at the 1 GHz rate
 *      QEMU and KVM give it. With a PIT, the LAPIC rate is measured in the
 *      same window, which spares the one-shot timer a calibration.
 * Under TCG the guest TSC is the host's, so the rate measured is the
 * host's TSC rate; QEMU derives the PIT and LAPIC counts from its virtual
 * clock (the host's monotonic clock), so the reference is good to ppm.
 */
#include <km/plat/time.h>
#include <km/print.h>
#include <x86/cpu.h>
#include <x86/mmio.h>
#include "kvm.h"

#ifndef CONFIG_KVM_TSC_CALIBRATE_US
#define CONFIG_KVM_TSC_CALIBRATE_US 500
#endif
#define PIT_HZ		 1193182ULL
#define LAPIC_BASE	 0xfee00000UL
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR	 0x390
#define LAPIC_TIMER_DIV	 0x3e0
#define LAPIC_LVT_TIMER	 0x320

static uint64_t tsc_hz;
static uint64_t ns_mult;  /* ns = ticks * ns_mult >> 32 */
static uint64_t tsc_mult; /* ticks = ns * tsc_mult >> 32 */
static uint32_t lapic_hz;
static const char *source = "none";
static uint32_t window_us; /* length of the calibration window */

static inline uint32_t lapic_read(unsigned int off)
{
	return km_mmio_read32(LAPIC_BASE + off);
}

static inline void lapic_write(unsigned int off, uint32_t v)
{
	km_mmio_write32(LAPIC_BASE + off, v);
}

static uint64_t from_cpuid15(void)
{
	struct x86_cpuid r = x86_cpuid(0, 0);

	if (r.eax < 0x15)
		return 0;
	r = x86_cpuid(0x15, 0);
	if (!r.eax || !r.ebx || !r.ecx)
		return 0;
	lapic_hz = r.ecx; /* the crystal drives the LAPIC timer on these CPUs */
	return (uint64_t)r.ecx * r.ebx / r.eax;
}

static uint32_t hv_max_leaf(char sig[13])
{
	struct x86_cpuid r = x86_cpuid(1, 0);

	if (!(r.ecx & (1u << 31))) /* no hypervisor */
		return 0;
	r = x86_cpuid(0x40000000, 0);
	__builtin_memcpy(sig, &r.ebx, 4);
	__builtin_memcpy(sig + 4, &r.ecx, 4);
	__builtin_memcpy(sig + 8, &r.edx, 4);
	sig[12] = 0;
	return r.eax;
}

static uint64_t from_hv_leaf(uint32_t max)
{
	struct x86_cpuid r;

	if (max < 0x40000010)
		return 0;
	r = x86_cpuid(0x40000010, 0);
	if (!r.eax)
		return 0;
	if (r.ebx)
		lapic_hz = r.ebx * 1000u;
	return (uint64_t)r.eax * 1000;
}

struct pvclock {
	uint32_t version, pad0;
	uint64_t tsc_timestamp, system_time;
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags, pad[2];
} __km_aligned(64);

static uint64_t from_kvmclock(const char *sig)
{
	static struct pvclock pv;
	struct x86_cpuid r;
	uint64_t hz;

	if (__builtin_memcmp(sig, "KVMKVMKVM", 9))
		return 0;
	r = x86_cpuid(0x40000001, 0);
	if (!(r.eax & (1u << 3))) /* KVM_FEATURE_CLOCKSOURCE2 */
		return 0;
	x86_wrmsr(0x4b564d01, (uintptr_t)&pv | 1); /* MSR_KVM_SYSTEM_TIME_NEW */
	while (!*(volatile uint32_t *)&pv.tsc_to_system_mul)
		x86_pause();
	x86_wrmsr(0x4b564d01, 0);
	hz = (1000000000ULL << 32) / pv.tsc_to_system_mul;
	if (pv.tsc_shift >= 0)
		hz >>= pv.tsc_shift;
	else
		hz <<= -pv.tsc_shift;
	return hz;
}

/*
 * The overlapped window. The reference is PIT channel 0 in mode 0 (its
 * IRQ is masked at the PIC), counting down from 0xffff once its high byte
 * is written (OUT goes high at terminal count, 55 ms later), read with a
 * read-back command that latches status and count at once. Channel 0
 * rather than the usual channel 2, whose gate sits behind port 0x61, which
 * microvm lacks. Without a PIT, the LAPIC timer at 1 GHz.
 *
 * Every access to the reference is bracketed by TSC reads. Port I/O under
 * TCG takes QEMU's global lock, which early in a boot can keep an access
 * waiting for tens of us, so brackets vary: the window starts at the first
 * access whose bracket is narrow (SLACK), the start itself or a sample
 * taken later in the boot (kvm_tsc_sample()), or else the narrowest; it
 * ends with a sample retried until narrow. An event happens somewhere in
 * its bracket, so with the late edges as estimates the error is at most
 * the wider bracket plus one count of the reference (counts truncate).
 */
struct sample {
	uint64_t ta, tb; /* TSC before and after */
	uint32_t ticks;	 /* reference ticks since the start */
};

#define PIT_FULL      0xffffu
#define LAPIC_FULL    0xffffffffu
#define QEMU_LAPIC_HZ 1000000000ULL
#define TRIES	      8
#define SLACK	      4000 /* TSC ticks: 1-4 us at 1-4 GHz */

static struct {
	int running; /* started, not finished */
	int pit;     /* the PIT answered: it is the reference */
	int lapic;   /* the LAPIC timer count was started */
	struct sample lapic0;
	struct sample start; /* the window's start */
} win;
static uint32_t error_ppm; /* bound on the rate's error, 0: exact source */

static void pit_start(void)
{
	for (int i = 0; i < TRIES; i++) {
		x86_outb(0x43, 0x30); /* channel 0, lo/hi byte, mode 0, binary */
		x86_outb(0x40, PIT_FULL & 0xff);
		win.start.ta = x86_rdtsc();
		x86_outb(0x40, PIT_FULL >> 8); /* counting starts now */
		win.start.tb = x86_rdtsc();
		if (win.start.tb - win.start.ta <= SLACK)
			break;
	}
	win.start.ticks = 0;
	/* A PIT reads back our control word (lo/hi, mode 0) with OUT low; a
	 * missing one reads 0xff. */
	x86_outb(0x43, 0xe2); /* read-back: status only, channel 0 */
	win.pit = (x86_inb(0x40) & 0xbf) == 0x30;
}

/* Needs the LAPIC mapped (after kvm_paging_init()). */
static void lapic_start(void)
{
	lapic_write(LAPIC_TIMER_DIV, 0xb);	/* divide by 1 */
	lapic_write(LAPIC_LVT_TIMER, 1u << 16); /* masked */
	for (int i = 0; i < TRIES; i++) {
		win.lapic0.ta = x86_rdtsc();
		lapic_write(LAPIC_TIMER_INIT, LAPIC_FULL);
		win.lapic0.tb = x86_rdtsc();
		if (win.lapic0.tb - win.lapic0.ta <= SLACK)
			break;
	}
	win.lapic0.ticks = 0;
	win.lapic = 1;
	if (!win.pit) /* the LAPIC is the reference */
		win.start = win.lapic0;
}

static void lapic_sample(struct sample *sm)
{
	sm->ta = x86_rdtsc();
	sm->ticks = LAPIC_FULL - lapic_read(LAPIC_TIMER_CUR);
	sm->tb = x86_rdtsc();
}

/* A sample of the reference; 0 once the PIT count has wrapped (OUT high:
 * more than 55 ms, e.g. the host stalled the guest). */
static int sample(struct sample *sm)
{
	uint8_t st, lo, hi;

	if (!win.pit) {
		lapic_sample(sm);
		return sm->ticks < LAPIC_FULL;
	}
	sm->ta = x86_rdtsc();
	x86_outb(0x43, 0xc2); /* read-back: latch count and status, channel 0 */
	sm->tb = x86_rdtsc();
	st = x86_inb(0x40);
	lo = x86_inb(0x40);
	hi = x86_inb(0x40);
	sm->ticks = PIT_FULL - (uint32_t)(lo | hi << 8);
	return !(st & 0x80);
}

static inline uint64_t width(const struct sample *sm)
{
	return sm->tb - sm->ta;
}

/* During the boot, after kvm_paging_init(): starts the LAPIC count, then
 * offers a later window start in case the first one's bracket was wide. */
void kvm_tsc_sample(void)
{
	struct sample sm;

	if (!win.running)
		return;
	if (!win.lapic) {
		lapic_start();
		return;
	}
	if (width(&win.start) > SLACK && sample(&sm) && width(&sm) < width(&win.start))
		win.start = sm;
}

static uint64_t muldiv(uint64_t a, uint64_t b, uint64_t c)
{
	return (uint64_t)((unsigned __int128)a * b / c);
}

static void set_rate(uint64_t hz);

/* Ends the window: the first use of the clock. */
static void window_finish(void)
{
	uint64_t ref_hz, d, ticks, hz;
	struct sample e, l;
	int tries = 0;

	win.running = 0;
	if (!win.lapic)
		lapic_start();
	for (;;) {
		if (!sample(&e)) {
			/* The PIT wrapped (a window of more than 55 ms: the first
			 * clock read came late): the LAPIC count, started with
			 * it, has 4.29 s of range. Otherwise start over. */
			if (win.pit) {
				win.pit = 0;
				win.start = win.lapic0;
			} else {
				lapic_start();
			}
			continue;
		}
		ref_hz = win.pit ? PIT_HZ : QEMU_LAPIC_HZ;
		if (e.ticks - win.start.ticks >= ref_hz * CONFIG_KVM_TSC_CALIBRATE_US / 1000000 &&
		    (width(&e) <= SLACK || ++tries >= TRIES))
			break;
		x86_pause();
	}
	lapic_sample(&l);
	lapic_write(LAPIC_TIMER_INIT, 0);
	d = e.tb - win.start.tb;
	ticks = e.ticks - win.start.ticks;
	hz = muldiv(d, ref_hz, ticks);
	error_ppm =
		(uint32_t)(((KM_MAX(width(&win.start), width(&e)) + d / ticks) * 1000000) / d + 1);
	window_us = (uint32_t)(ticks * 1000000 / ref_hz);
	if (win.pit) {
		/* the LAPIC rate over the same stretch of time, by the TSC */
		if (l.ticks && l.ticks < LAPIC_FULL)
			lapic_hz = (uint32_t)muldiv(l.ticks, hz, l.tb - win.lapic0.tb);
		source = "PIT, overlapped window";
	} else {
		lapic_hz = QEMU_LAPIC_HZ;
		source = "LAPIC timer (1 GHz), overlapped window";
	}
	set_rate(hz);
}

static void set_rate(uint64_t hz)
{
	tsc_hz = hz;
	/* (tsc_hz << 32) / 1e9 without overflowing 64 bits above 4.29 GHz */
	tsc_mult =
		((hz / KM_NSEC_PER_SEC) << 32) + ((hz % KM_NSEC_PER_SEC) << 32) / KM_NSEC_PER_SEC;
	/* written last: the fast paths test it */
	__atomic_store_n(&ns_mult, (KM_NSEC_PER_SEC << 32) / hz, __ATOMIC_RELEASE);
}

/* Every reader of the rate comes through here. */
static inline void need_rate(void)
{
	if (__builtin_expect(!__atomic_load_n(&ns_mult, __ATOMIC_ACQUIRE), 0))
		window_finish();
}

/* First thing in kvm_start(): the rate if something knows it, otherwise
 * the start of the overlapped window. */
void kvm_tsc_init(void)
{
	char sig[13] = "";
	uint32_t hvmax = hv_max_leaf(sig);
	uint64_t hz;

	if ((hz = from_cpuid15()))
		source = "cpuid 0x15";
	else if ((hz = from_hv_leaf(hvmax)))
		source = "hypervisor leaf 0x40000010";
	else if ((hz = from_kvmclock(sig)))
		source = "kvmclock";
	if (hz) {
		set_rate(hz);
		return;
	}
	win.running = 1;
	pit_start();
}

km_nsec_t km_plat_monotonic_ns(void)
{
	need_rate();
	uint64_t d = x86_rdtsc() - kvm_boot_tsc;

	return (km_nsec_t)(((unsigned __int128)d * ns_mult) >> 32);
}

uint64_t kvm_ns_to_tsc(km_nsec_t ns)
{
	need_rate();
	return kvm_boot_tsc + (uint64_t)(((unsigned __int128)ns * tsc_mult) >> 32);
}

uint64_t kvm_tsc_hz(void)
{
	need_rate();
	return tsc_hz;
}

const char *kvm_tsc_source(void)
{
	need_rate();
	return source;
}

uint32_t kvm_lapic_hz_hint(void)
{
	need_rate();
	return lapic_hz;
}

uint32_t kvm_tsc_error_ppm(void)
{
	need_rate();
	return error_ppm;
}

uint32_t kvm_tsc_window_us(void)
{
	need_rate();
	return window_us;
}
