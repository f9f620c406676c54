/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one-shot timer's front end (km/plat/timer.h) and halting: libkvmboot,
 * shared by kvm (LAPIC) and xen (singleshot timer hypercall).
 *
 * One hardware timer serves two users: the deadline armed through the
 * contract (its handler is called once when it passes) and
 * km_plat_halt_until()'s wake-up. This file keeps both deadlines and asks
 * the platform's kvm_oneshot_program() for the earlier one; the platform's
 * timer interrupt calls kvm_oneshot_expired() and then, after its own end
 * of interrupt, kvm_oneshot_fire().
 *
 * Halting is `sti; hlt` whatever the caller's interrupt state: an
 * interrupt that is already pending wakes the hlt at once (the STI shadow
 * makes "enable and halt" one step), and the state is restored on return.
 */
#include <km/plat/lifecycle.h>
#include <km/plat/timer.h>
#include <x86/cpu.h>
#include "kvm.h"

static km_timer_handler_t handler;
static void *handler_arg;
static km_nsec_t user_deadline; /* 0: not armed */
static km_nsec_t halt_deadline; /* 0: not halting */

static void program(void)
{
	km_nsec_t d = user_deadline;

	if (halt_deadline && (!d || halt_deadline < d))
		d = halt_deadline;
	kvm_oneshot_program(d);
}

int kvm_oneshot_expired(km_nsec_t now)
{
	int fire = 0;

	if (halt_deadline && now >= halt_deadline)
		halt_deadline = 0;
	if (user_deadline && now >= user_deadline) {
		user_deadline = 0;
		fire = 1;
	}
	program(); /* what is left, or again when the hardware fired early */
	return fire;
}

void kvm_oneshot_fire(void)
{
	if (handler)
		handler(handler_arg); /* may switch threads */
}

void km_plat_timer_set_handler(km_timer_handler_t h, void *arg)
{
	unsigned long fl = km_plat_irq_save();

	handler = h;
	handler_arg = arg;
	km_plat_irq_restore(fl);
}

void km_plat_timer_arm(km_nsec_t deadline)
{
	unsigned long fl = km_plat_irq_save();

	user_deadline = deadline ? deadline : 1; /* 0 means "not armed" */
	program();
	km_plat_irq_restore(fl);
}

void km_plat_timer_disarm(void)
{
	unsigned long fl = km_plat_irq_save();

	user_deadline = 0;
	program();
	km_plat_irq_restore(fl);
}

void km_plat_halt_until(km_nsec_t deadline)
{
	unsigned long fl = km_plat_irq_save();

	if (km_plat_monotonic_ns() < deadline) {
		halt_deadline = deadline;
		program();
		x86_sti_hlt();
		x86_cli();
		halt_deadline = 0;
		program();
	}
	km_plat_irq_restore(fl);
}
