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
	fninit                          /* C starts with an empty x87 stack: a thread switched to next would inherit it */
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

/*
 * The vectors with a stub, in x86_trap_vectors[] order. Spelled out because
 * a counting macro recursion needs .altmacro and nests once per vector,
 * deeper than clang's assembler allows (20 levels).
 */
#define X86_STUB_VECTORS \
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, \
	16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, \
	32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, \
	240, 241, 242, 243, 244, 245, 246, 247, \
	248, 249, 250, 251, 252, 253, 254, 255

	.irp n, X86_STUB_VECTORS
	VECTOR \n
	.endr

	.section .rodata.x86_trap_vectors, "a"
	.balign 8
	.globl x86_trap_vectors
x86_trap_vectors:
	.irp n, X86_STUB_VECTORS
	.quad x86_vector_\n
	.endr
