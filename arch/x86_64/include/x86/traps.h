/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86/traps.h - descriptor tables, exception and interrupt entry (x86_64).
 *
 * x86_traps_init() loads a GDT (kernel code/data, a TSS whose IST1 stack
 * serves double faults, so a stack overflow into a guard page still gets a
 * report) and an IDT whose vectors 0-31 go to the crash reporter and whose
 * vectors 32-255 go to handlers registered with x86_irq_register().
 *
 * Contract:
 * - An unhandled exception prints the crash report of x86/crash.h (with
 *   CR0/CR2/CR3/CR4) and ends the image with KM_EXIT_CRASH.
 * - IRQ handlers run with interrupts disabled, on the interrupted stack,
 *   with the SSE state saved around them (they may be compiled normally).
 *   They MUST acknowledge their interrupt controller themselves.
 *
 * Non-goals: user mode, SMP (one GDT/TSS/IDT), nested interrupts.
 */
#ifndef X86_TRAPS_H
#define X86_TRAPS_H

#include <stddef.h>
#include <stdint.h>
#include <x86/crash.h>

#define X86_SEL_KCODE 0x08
#define X86_SEL_KDATA 0x10
#define X86_SEL_TSS   0x18

/* struct x86_trap_frame (saved by traps.S) is in x86/crash.h. */
typedef void (*x86_irq_handler_t)(struct x86_trap_frame *f);

void x86_traps_init(void);
int x86_irq_register(unsigned int vector, x86_irq_handler_t handler);

/* Called from traps.S */
void x86_trap_handler(struct x86_trap_frame *f);
void x86_irq_dispatch(struct x86_trap_frame *f);

#endif /* X86_TRAPS_H */
