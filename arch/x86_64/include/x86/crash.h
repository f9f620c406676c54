/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86/crash.h - the crash report shared by every x86_64 platform (kvm
 * reports CPU exceptions, linuxu the host's fault signals), so that a
 * fault reads the same wherever it happens:
 *
 *   [crash] page fault (#PF), vector 14, error code 0x6
 *   [crash] signal SIGSEGV from the host: address not mapped   (linuxu)
 *   [crash] in thread 'main'                     (when lib/sched runs)
 *   [crash] RIP 0x401234 crash_null+0x14
 *   [crash] CR2 0x0000000000000000 (faulting address)
 *   [crash] page fault: not-present page on write, user mode
 *   [crash] RAX ... (general registers, RFLAGS, CS/SS; CR0/3/4 on kvm)
 *   [crash] backtrace:
 *   [crash]   #0 0x401234 crash_null+0x14
 *   [crash]   #1 0x4010f0 main+0x30
 *   [crash] stopping with status 125
 *
 * The report writes straight to the platform console (no locks, no
 * allocation) and terminates with KM_EXIT_CRASH; a fault while reporting
 * prints one line and terminates at once.
 */
#ifndef X86_CRASH_H
#define X86_CRASH_H

#include <stddef.h>
#include <stdint.h>

/* Saved by traps.S (kvm) or copied from the signal's ucontext (linuxu);
 * the last five are pushed by the CPU. */
struct x86_trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rdi, rsi, rbp, rbx, rdx, rcx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

struct x86_crash {
	const struct x86_trap_frame *frame; /* vector and error name the cause */
	const char *cause;		    /* instead, when it was no CPU exception */
	uintptr_t fault_addr;		    /* CR2 for #PF and #DF, else 0 */
	const char *origin;		    /* a line on how the fault arrived, or NULL */
	int has_cr;			    /* cr0/cr3/cr4 are valid (kernel mode) */
	uint64_t cr0, cr3, cr4;
};

/* Prints the report for @c and ends the image with KM_EXIT_CRASH. */
void x86_crash_report(const struct x86_crash *c) __attribute__((noreturn));

/*
 * Symbol lookup for reports: the name of the function containing @addr and
 * the offset into it, or NULL when @addr is not in the image's code.
 * plat/common/symtab.c provides it from the embedded table; a weak default
 * returns NULL.
 */
const char *x86_symbol_lookup(uintptr_t addr, uintptr_t *offset);

/*
 * One line for the report naming what was running, given the faulting data
 * address (@c->fault_addr); NULL for none. Weak default: NULL; the platform
 * overrides it with the km/plat/memprot.h hook (lib/sched names the thread).
 */
const char *x86_crash_describe(uintptr_t addr, char *buf, size_t len);

/*
 * Print "  #n 0x... name+0x..." lines walking frame pointers from @rbp (and
 * a "?" line for a return address found at @rsp). The walk stops at the
 * first return address outside the image's code, at a frame pointer that
 * does not go up the stack or is unreadable, and after 32 frames.
 */
void x86_backtrace_print(uintptr_t rip, uintptr_t rbp, uintptr_t rsp);

/*
 * Whether [addr, addr+len) may be read without faulting; the platform
 * provides it (kvm: its page tables; linuxu: asks the host). Weak default:
 * anything above page 0.
 */
int x86_addr_readable(uintptr_t addr, uintptr_t len);

#endif /* X86_CRASH_H */
