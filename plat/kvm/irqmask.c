/* SPDX-License-Identifier: BSD-3-Clause */
/* Interrupt masking (km/plat/timer.h) as RFLAGS.IF: libkvmboot, shared by
 * kvm and xen, whose interrupts both arrive through the IDT. */
#include <km/plat/timer.h>
#include <x86/cpu.h>

/* The contract's encoding: KM_PLAT_IRQ_ON (0) when IF was set. */
unsigned long km_plat_irq_save(void)
{
	unsigned long fl = x86_save_flags();

	x86_cli();
	return (fl & X86_RFLAGS_IF) ? KM_PLAT_IRQ_ON : 1;
}

void km_plat_irq_restore(unsigned long flags)
{
	if (flags == KM_PLAT_IRQ_ON)
		x86_sti();
}
