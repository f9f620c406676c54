/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The hypercall page and the one way into it. Xen fills the page (setup.c
 * asks with the MSR that CPUID's Xen leaves name) with one 32-byte stub
 * per hypercall that loads its number and executes VMCALL or VMMCALL,
 * whichever this CPU has, then returns. Until then the page is int3s, so
 * that a hypercall before setup is a crash report, not a jump into zeros.
 * It sits in .text: the stubs must be executable (link.lds maps text R-X;
 * Xen writes the page through the guest's physical memory).
 *
 * long xen_hypercall(unsigned int nr, unsigned long a1, ..., unsigned long a5)
 * moves the System V arguments into the hypercall registers (RDI, RSI,
 * RDX, R10, R8) and jumps to the stub, which returns to our caller.
 */
	.section .text.xen_hypercall_page, "ax"
	.balign 4096
	.globl xen_hypercall_page
xen_hypercall_page:
	.fill 4096, 1, 0xcc

	.text
	.globl xen_hypercall
	.type xen_hypercall, @function
xen_hypercall:
	movl %edi, %eax
	cmpl $128, %eax                 /* 4096 / 32 stubs */
	jae 1f
	shll $5, %eax
	leaq xen_hypercall_page(%rip), %r11
	addq %rax, %r11
	movq %rsi, %rdi
	movq %rdx, %rsi
	movq %rcx, %rdx
	movq %r8, %r10
	movq %r9, %r8
	jmp *%r11
1:	movq $-38, %rax                 /* -ENOSYS */
	ret
	.size xen_hypercall, . - xen_hypercall
