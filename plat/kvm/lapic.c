/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupts and the one-shot timer (km/plat/timer.h) on the local APIC.
 * The legacy 8259 PICs are remapped to vectors 32-47 and masked. The LAPIC
 * timer fires vector 0xf0: in TSC-deadline mode when CPUID says so (the
 * deadline is written as a TSC value, nothing to calibrate), otherwise in
 * one-shot mode with a count computed from the rate tsc.c measured.
 * The deadlines themselves are kept by libkvmboot's oneshot.c.
 */
#include <km/plat/lifecycle.h>
#include <km/plat/timer.h>
#include <km/print.h>
#include <x86/cpu.h>
#include <x86/mmio.h>
#include <x86/traps.h>
#include "kvm.h"

#define LAPIC_BASE	 0xfee00000UL
#define LAPIC_TPR	 0x080
#define LAPIC_EOI	 0x0b0
#define LAPIC_SVR	 0x0f0
#define LAPIC_LVT_TIMER	 0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_DIV	 0x3e0
#define LAPIC_SVR_ENABLE (1u << 8)
#define LVT_MASKED	 (1u << 16)
#define LVT_TSC_DEADLINE (2u << 17)

#define VEC_TIMER    0xf0
#define VEC_SPURIOUS 0xff

static int use_deadline_msr;
static uint64_t lapic_mult; /* LAPIC timer ticks per ns, 32.32 fixed point */

static inline void lapic_write(unsigned int off, uint32_t v)
{
	km_mmio_write32(LAPIC_BASE + off, v);
}

static void pic_mask_all(void)
{
	/* ICW1-4: cascade, vectors 32-39 / 40-47, then mask everything */
	x86_outb(0x20, 0x11);
	x86_outb(0xa0, 0x11);
	x86_outb(0x21, 32);
	x86_outb(0xa1, 40);
	x86_outb(0x21, 4);
	x86_outb(0xa1, 2);
	x86_outb(0x21, 1);
	x86_outb(0xa1, 1);
	x86_outb(0x21, 0xff);
	x86_outb(0xa1, 0xff);
}

static void timer_setup(void);
static int timer_ready;

void kvm_oneshot_program(km_nsec_t d)
{
	if (__builtin_expect(!timer_ready, 0))
		timer_setup();
	if (use_deadline_msr) {
		/* writing 0 disarms */
		x86_wrmsr(X86_MSR_TSC_DEADLINE, d ? kvm_ns_to_tsc(d) : 0);
		return;
	}
	if (!d) {
		lapic_write(LAPIC_TIMER_INIT, 0);
		return;
	}
	km_nsec_t now = km_plat_monotonic_ns();
	uint64_t ticks = 1;

	if (d > now)
		ticks = (uint64_t)(((unsigned __int128)(d - now) * lapic_mult) >> 32) + 1;
	if (ticks > 0xffffffffu)
		ticks = 0xffffffffu; /* fires early; the handler re-arms */
	lapic_write(LAPIC_TIMER_INIT, (uint32_t)ticks);
}

static void timer_irq(struct x86_trap_frame *f)
{
	int fire = kvm_oneshot_expired(km_plat_monotonic_ns());

	(void)f;
	lapic_write(LAPIC_EOI, 0);
	if (fire)
		kvm_oneshot_fire();
}

void kvm_lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

static void spurious_irq(struct x86_trap_frame *f)
{
	(void)f; /* no EOI for the spurious vector */
}

void kvm_lapic_init(void)
{
	uint64_t base = x86_rdmsr(X86_MSR_APIC_BASE);

	pic_mask_all();
	if ((base & ~0xfffULL) != LAPIC_BASE || !(base & (1u << 11)))
		x86_wrmsr(X86_MSR_APIC_BASE, LAPIC_BASE | (1u << 11) | (base & 0x100));
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_SVR, LAPIC_SVR_ENABLE | VEC_SPURIOUS);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	x86_irq_register(VEC_TIMER, timer_irq);
	x86_irq_register(VEC_SPURIOUS, spurious_irq);
}

/* On the first use of the timer (not at boot: a program that never arms
 * it never waits for the TSC calibration): the TSC rate first, which ends
 * tsc.c's window and stops its use of the LAPIC count, then the mode. */
static void timer_setup(void)
{
	(void)kvm_tsc_hz();
	timer_ready = 1;
	use_deadline_msr = !!(x86_cpuid(1, 0).ecx & (1u << 24));
	if (use_deadline_msr) {
		lapic_write(LAPIC_LVT_TIMER, LVT_TSC_DEADLINE | VEC_TIMER);
	} else {
		uint64_t hz = kvm_lapic_hz_hint();

		lapic_write(LAPIC_TIMER_DIV, 0xb); /* divide by 1 */
		if (!hz) {
			/* Nobody measured it: count for 100 us of TSC time. */
			uint64_t t0, end;

			lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
			lapic_write(LAPIC_TIMER_INIT, 0xffffffffu);
			t0 = x86_rdtsc();
			end = t0 + kvm_tsc_hz() / 10000;
			while (x86_rdtsc() < end)
				x86_pause();
			hz = (uint64_t)(0xffffffffu - km_mmio_read32(LAPIC_BASE + 0x390)) *
			     kvm_tsc_hz() / (x86_rdtsc() - t0);
			lapic_write(LAPIC_TIMER_INIT, 0);
		}
		lapic_mult = (hz << 32) / KM_NSEC_PER_SEC;
		lapic_write(LAPIC_LVT_TIMER, VEC_TIMER); /* one-shot */
	}
}

const char *kvm_timer_mode(void)
{
	if (!timer_ready) {
		unsigned long fl = km_plat_irq_save();

		if (!timer_ready)
			timer_setup();
		km_plat_irq_restore(fl);
	}
	return use_deadline_msr ? "TSC-deadline" : "one-shot";
}
