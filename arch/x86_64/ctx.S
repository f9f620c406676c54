/* SPDX-License-Identifier: BSD-3-Clause */
/* x86_64 thread context switch; see ctx.h for the frame layout. */

/* void km_arch_ctx_switch(void **save_sp, void *load_sp) */
.text
.global km_arch_ctx_switch
.type km_arch_ctx_switch, @function
km_arch_ctx_switch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	subq $8, %rsp
	stmxcsr (%rsp)
	fnstcw 4(%rsp)
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	ldmxcsr (%rsp)
	fldcw 4(%rsp)
	addq $8, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
.size km_arch_ctx_switch, . - km_arch_ctx_switch

/* First code a new thread runs: entry (r12) with its argument (r13). */
.global km_arch_ctx_entry
.type km_arch_ctx_entry, @function
km_arch_ctx_entry:
	xorl %ebp, %ebp         /* outermost frame for backtraces */
	movq %r13, %rdi
	call *%r12
	ud2
.size km_arch_ctx_entry, . - km_arch_ctx_entry
.section .note.GNU-stack, "", @progbits
