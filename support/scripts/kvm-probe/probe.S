/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The smallest guest that tells whether QEMU/KVM can run Kumiki's kvm
 * images here (support/scripts/run-kvm assembles it once into its cache).
 * A multiboot kernel (a.out kludge, so no ELF loader quirks) that, in
 * 32-bit protected mode:
 *   1. enables SSE (CR0.EM off, CR0.MP and CR4.OSFXSR/OSXMMEXCPT on) and
 *      runs SSE instructions: a "KVM" that executes guest code through
 *      its instruction emulator (nested setups do) stops the guest here
 *      with "KVM internal error", as it would stop any real program;
 *   2. counts down a loop of 10^6 iterations: about a millisecond on
 *      hardware virtualisation, seconds when every instruction traps;
 *   3. writes 0x2a to isa-debug-exit (0xf4): QEMU exits with 0x55.
 * run-kvm calls the probe good only if QEMU exits 0x55 within its limit.
 */
	.code32
	.section .text
	.balign 4
mb_header:
	.long 0x1BADB002                /* magic */
	.long 0x00010000                /* flags: the address fields below are valid */
	.long -(0x1BADB002 + 0x00010000)
	.long mb_header, mb_header, probe_end, probe_end, probe_entry

	.globl probe_entry
probe_entry:
	movl %cr0, %eax
	andl $~(1 << 2), %eax           /* EM off */
	orl $(1 << 1), %eax             /* MP on */
	movl %eax, %cr0
	movl %cr4, %eax
	orl $((1 << 9) | (1 << 10)), %eax /* OSFXSR, OSXMMEXCPT */
	movl %eax, %cr4
	pxor %xmm0, %xmm0
	movd %ecx, %xmm1
	paddd %xmm1, %xmm0
	movl $1000000, %ecx
1:	decl %ecx
	jnz 1b
	movb $0x2a, %al
	outb %al, $0xf4
2:	hlt
	jmp 2b
probe_end:
