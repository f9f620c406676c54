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
 * - An unhandled exception prints a crash report (vector name, error code,
 *   registers, CR2, a frame-pointer backtrace with symbol names when the
 *   image has a symbol table) and ends the image with KM_EXIT_CRASH.
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

#define X86_SEL_KCODE 0x08
#define X86_SEL_KDATA 0x10
#define X86_SEL_TSS 0x18

/* Saved by traps.S; the last five are pushed by the CPU. */
struct x86_trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rdi, rsi, rbp, rbx, rdx, rcx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

typedef void (*x86_irq_handler_t)(struct x86_trap_frame *f);

void x86_traps_init(void);
int x86_irq_register(unsigned int vector, x86_irq_handler_t handler);

/* Called from traps.S */
void x86_trap_handler(struct x86_trap_frame *f);
void x86_irq_dispatch(struct x86_trap_frame *f);

/* The crash report for @f, then km_plat_terminate(KM_EXIT_CRASH). */
void x86_crash(struct x86_trap_frame *f) __attribute__((noreturn));

/*
 * Symbol lookup for reports: the name of the function containing @addr and
 * the offset into it, or NULL. Provided by the platform (an embedded table);
 * a weak default returns NULL.
 */
const char *x86_symbol_lookup(uintptr_t addr, uintptr_t *offset);

/*
 * One line for the report naming what was running, given the faulting data
 * address (CR2 for #PF and #DF, else 0); NULL for none. Weak default: NULL;
 * the platform overrides it (kvm: the km/plat/memprot.h hook).
 */
const char *x86_crash_describe(uintptr_t addr, char *buf, size_t len);

/* Print "  #n 0x... name+0x..." lines walking frame pointers from @rbp
 * (and a "?" line for a return address found at @rsp). */
void x86_backtrace_print(uintptr_t rip, uintptr_t rbp, uintptr_t rsp);

/*
 * Whether [addr, addr+len) may be read without faulting; the platform that
 * owns the page tables provides it (weak default: anything above page 0).
 */
int x86_addr_readable(uintptr_t addr, uintptr_t len);

#endif /* X86_TRAPS_H */
