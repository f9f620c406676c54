/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Exception and interrupt entry stubs. Every vector pushes (error code or
 * 0, vector) so that all frames look alike (struct x86_trap_frame), then:
 * - vectors 0-31: save the general registers, call x86_trap_handler;
 * - vectors 32-255: also save the SSE state (fxsave) so that handlers may
 *   be ordinary C, call x86_irq_dispatch, restore, iretq.
 * Stubs exist for vectors 0-47 (exceptions, 16 device IRQs) and 240-255
 * (LAPIC timer, spurious, ...): x86_trap_vectors[] holds their addresses in
 * that order (X86_NR_STUBS entries); the other IDT entries stay absent.
 */
	.code64
	.section .text.x86_traps, "ax"


.macro SAVE_REGS
	pushq %rax
	pushq %rcx
	pushq %rdx
	pushq %rbx
	pushq %rbp
	pushq %rsi
	pushq %rdi
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

.macro RESTORE_REGS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rdi
	popq %rsi
	popq %rbp
	popq %rbx
	popq %rdx
	popq %rcx
	popq %rax
.endm

	.balign 16
x86_exception_common:
	SAVE_REGS
	cld
	movq %rsp, %rdi
	call x86_trap_handler
	RESTORE_REGS
	addq $16, %rsp
	iretq

	.balign 16
x86_irq_common:
	SAVE_REGS
	cld
	movq %rsp, %rbx                 /* the frame; callee-saved */
	subq $512, %rsp
	andq $~15, %rsp
	fxsave64 (%rsp)
	movq %rbx, %rdi
	call x86_irq_dispatch
	fxrstor64 (%rsp)
	movq %rbx, %rsp
	RESTORE_REGS
	addq $16, %rsp
	iretq

.macro VECTOR n
	.balign 16
x86_vector_\n:
	/* the CPU pushes an error code for #DF #TS #NP #SS #GP #PF #AC #CP #VC #SX */
	.if !((\n == 8) || ((\n >= 10) && (\n <= 14)) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30))
	pushq $0
	.endif
	pushq $\n
	.if \n < 32
	jmp x86_exception_common
	.else
	jmp x86_irq_common
	.endif
.endm

.altmacro
.macro VECTORS from, to
	VECTOR %\from
	.if \to - \from
	VECTORS %(\from + 1), \to
	.endif
.endm
	VECTORS 0, 47
	VECTORS 240, 255

.macro VECREF n
	.quad x86_vector_\n
.endm
.macro VECREFS from, to
	VECREF %\from
	.if \to - \from
	VECREFS %(\from + 1), \to
	.endif
.endm
	.section .rodata.x86_trap_vectors, "a"
	.balign 8
	.globl x86_trap_vectors
x86_trap_vectors:
	VECREFS 0, 47
	VECREFS 240, 255
