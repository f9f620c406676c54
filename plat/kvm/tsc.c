/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The monotonic clock: TSC ticks since entry32.S read it, scaled to ns.
 * The TSC frequency comes from the first source that knows it, without a
 * long wait on a legacy timer:
 *   1. CPUID 0x15 (crystal clock x ratio), when it names the crystal;
 *   2. the hypervisor timing leaf 0x40000010 (KVM, VMware: TSC kHz);
 *   3. KVM's pvclock (its tsc_to_system_mul is the exact ratio);
 *   4. a short PIT channel 0 window (CONFIG_KVM_TSC_CALIBRATE_US, 500 us
 *      by default): the count starts when it is written and the end is
 *      seen within one port read. Both edges are bracketed by TSC reads;
 *      a window whose edges are uncertain by more than 0.5% (port I/O
 *      under TCG on a busy host can take tens of us) is measured again,
 *      up to three times, keeping the best. Expect ~0.1% on an idle host
 *      and ~1-2% on a loaded one; KVM gives an exact figure (2 or 3).
 *   5. no PIT (microvm): a window on the LAPIC timer, assuming the 1 GHz
 *      rate QEMU and KVM give it.
 * The PIT window also measures the LAPIC timer rate, which spares the timer a
 * calibration of its own. Under TCG the guest TSC runs at the host's rate.
 */
#include <km/plat/time.h>
#include <km/print.h>
#include <x86/cpu.h>
#include "kvm.h"

#ifndef CONFIG_KVM_TSC_CALIBRATE_US
#define CONFIG_KVM_TSC_CALIBRATE_US 500
#endif

#define PIT_HZ 1193182ULL
#define LAPIC_BASE 0xfee00000UL
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR 0x390
#define LAPIC_TIMER_DIV 0x3e0
#define LAPIC_LVT_TIMER 0x320

static uint64_t tsc_hz;
static uint64_t ns_mult;  /* ns = ticks * ns_mult >> 32 */
static uint64_t tsc_mult; /* ticks = ns * tsc_mult >> 32 */
static uint32_t lapic_hz;
static const char *source = "none";

static inline volatile uint32_t *lapic_reg(unsigned int off)
{
	return (volatile uint32_t *)(LAPIC_BASE + off);
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
 * PIT channel 0 in mode 0 (its IRQ is masked at the PIC): the count starts
 * when its high byte is written and OUT goes high at terminal count, read
 * with the read-back command. Channel 0 rather than the usual channel 2,
 * whose gate and output sit behind port 0x61, which microvm lacks.
 */
static int pit_out_high(void)
{
	x86_outb(0x43, 0xe2); /* read-back: status only, channel 0 */
	return x86_inb(0x40) & 0x80;
}

/*
 * One window: both of its ends are bracketed by TSC reads, so a window in
 * which the vCPU was descheduled at an edge (a busy host under TCG) shows
 * a large uncertainty and is measured again. Returns TSC ticks for @count
 * PIT ticks, or 0 without a PIT; *unc is the uncertainty in TSC ticks.
 */
static uint64_t pit_window(uint32_t count, uint64_t *unc, uint32_t *lapic_ticks)
{
	uint64_t ta, tb, tl = 0, th;
	unsigned long spins = 0;
	uint32_t l1;

	x86_outb(0x43, 0x30); /* channel 0, lo/hi byte, mode 0, binary */
	x86_outb(0x40, count & 0xff);
	*lapic_reg(LAPIC_TIMER_DIV) = 0xb;      /* divide by 1 */
	*lapic_reg(LAPIC_LVT_TIMER) = 1u << 16; /* masked */
	ta = x86_rdtsc();
	x86_outb(0x40, count >> 8); /* counting starts now */
	tb = x86_rdtsc();
	*lapic_reg(LAPIC_TIMER_INIT) = 0xffffffffu;
	if (pit_out_high())
		return 0; /* OUT already high (or reads 0xff): no PIT */
	for (;;) {
		uint64_t t = x86_rdtsc();

		if (pit_out_high()) {
			th = x86_rdtsc();
			break;
		}
		tl = t;
		if (++spins > 100000000UL)
			return 0;
	}
	l1 = *lapic_reg(LAPIC_TIMER_CUR);
	*lapic_reg(LAPIC_TIMER_INIT) = 0;
	*unc = (tb - ta) + (th - tl);
	*lapic_ticks = 0xffffffffu - l1;
	return (th + tl) / 2 - (ta + tb) / 2;
}

static uint64_t from_pit(void)
{
	uint32_t count = (uint32_t)(PIT_HZ * CONFIG_KVM_TSC_CALIBRATE_US / 1000000);
	uint64_t best = 0, best_unc = ~0ULL;
	uint32_t best_lapic = 0;

	if (count > 0xffff)
		count = 0xffff;
	for (int i = 0; i < 3; i++) {
		uint64_t unc, d;
		uint32_t lt;

		d = pit_window(count, &unc, &lt);
		if (!d)
			return 0;
		if (unc < best_unc) {
			best = d;
			best_unc = unc;
			best_lapic = lt;
		}
		if (best_unc * 200 < best) /* within 0.5% */
			break;
	}
	lapic_hz = (uint32_t)((uint64_t)best_lapic * PIT_HZ / count);
	return best * PIT_HZ / count;
}

/*
 * No PIT (microvm): QEMU's and KVM's local APIC timer counts at 1 GHz with
 * divide-by-1 (the rate the PIT window measures on pc and q35), so it can
 * serve as the reference. Only reached when nothing better exists.
 */
#define QEMU_LAPIC_HZ 1000000000ULL

static uint64_t from_lapic(void)
{
	uint32_t ticks = (uint32_t)(QEMU_LAPIC_HZ / 1000000 * CONFIG_KVM_TSC_CALIBRATE_US);
	uint64_t t0, t1;
	unsigned long spins = 0;

	*lapic_reg(LAPIC_TIMER_DIV) = 0xb;
	*lapic_reg(LAPIC_LVT_TIMER) = 1u << 16;
	t0 = x86_rdtsc();
	*lapic_reg(LAPIC_TIMER_INIT) = 0xffffffffu;
	while (0xffffffffu - *lapic_reg(LAPIC_TIMER_CUR) < ticks)
		if (++spins > 100000000UL)
			return 0;
	t1 = x86_rdtsc();
	*lapic_reg(LAPIC_TIMER_INIT) = 0;
	lapic_hz = QEMU_LAPIC_HZ;
	return (t1 - t0) * (QEMU_LAPIC_HZ / 1000) / (ticks / 1000);
}

void kvm_tsc_init(void)
{
	char sig[13] = "";
	uint32_t hvmax = hv_max_leaf(sig);

	if ((tsc_hz = from_cpuid15()))
		source = "cpuid 0x15";
	else if ((tsc_hz = from_hv_leaf(hvmax)))
		source = "hypervisor leaf 0x40000010";
	else if ((tsc_hz = from_kvmclock(sig)))
		source = "kvmclock";
	else if ((tsc_hz = from_pit()))
		source = "PIT window";
	else if ((tsc_hz = from_lapic()))
		source = "LAPIC timer window (1 GHz)";
	else {
		tsc_hz = 1000000000ULL; /* keeps time moving; logged at boot */
		source = "guess (no reference timer)";
	}
	ns_mult = (KM_NSEC_PER_SEC << 32) / tsc_hz;
	/* (tsc_hz << 32) / 1e9 without overflowing 64 bits above 4.29 GHz */
	tsc_mult = ((tsc_hz / KM_NSEC_PER_SEC) << 32) +
		   ((tsc_hz % KM_NSEC_PER_SEC) << 32) / KM_NSEC_PER_SEC;
}

km_nsec_t km_plat_monotonic_ns(void)
{
	uint64_t d = x86_rdtsc() - kvm_boot_tsc;

	return (km_nsec_t)(((unsigned __int128)d * ns_mult) >> 32);
}

uint64_t kvm_ns_to_tsc(km_nsec_t ns)
{
	return kvm_boot_tsc + (uint64_t)(((unsigned __int128)ns * tsc_mult) >> 32);
}

uint64_t kvm_tsc_hz(void)
{
	return tsc_hz;
}

const char *kvm_tsc_source(void)
{
	return source;
}

uint32_t kvm_lapic_hz_hint(void)
{
	return lapic_hz;
}
