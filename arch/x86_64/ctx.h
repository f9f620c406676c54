/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 context switch (used by lib/sched only).
 *
 * A saved context is a stack pointer: km_arch_ctx_switch() pushes the
 * callee-saved registers (rbp rbx r12-r15), MXCSR and the x87 control word
 * on the old stack, stores the stack pointer in *@save_sp, loads @load_sp
 * and pops the same from there. Caller-saved state (including the SSE and
 * x87 data registers) is dead across the call by the SysV ABI, so nothing
 * else needs saving: an interrupted thread's full state sits in its
 * interrupt (linuxu: signal) frame, below this one.
 *
 * km_arch_ctx_init() prepares a new stack so that the first switch to it
 * calls @entry(@arg) on it, with default MXCSR/x87 control words; @entry
 * MUST NOT return.
 */
#ifndef KM_ARCH_X86_64_CTX_H
#define KM_ARCH_X86_64_CTX_H

#include <stddef.h>
#include <stdint.h>

void km_arch_ctx_switch(void **save_sp, void *load_sp);
void *km_arch_ctx_init(void *stack_base, size_t stack_size, void (*entry)(void *), void *arg);

/* Free space between the stack pointer and the bottom of the stack. */
static inline uintptr_t km_arch_sp(void)
{
	uintptr_t sp;

	__asm__ __volatile__("mov %%rsp, %0" : "=r"(sp));
	return sp;
}

#endif
