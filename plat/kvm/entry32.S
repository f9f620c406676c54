/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one entry of a kvm image, shared by multiboot and PVH: both enter here
 * in 32-bit protected mode with paging off. We record EAX/EBX and the TSC,
 * build an identity map of the first GiB (2 MiB pages; paging.c
 * replaces it with the W^X map), enable PAE, SSE, long mode and NX, and
 * jump to kvm_start(magic, info) in 64-bit mode on the boot stack. Which
 * protocol booted us is decided in C (setup.c): qboot enters PVH with
 * EAX = 0x2BADB002, so the PVH start_info magic is checked first.
 */
#include "kvm_asm.h"

	.code32
	.section .text.boot32, "ax"
	.globl kvm_entry32
kvm_entry32:
	cli
	cld
	movl %eax, kvm_boot_magic
	movl %ebx, kvm_boot_info
	rdtsc
	movl %eax, kvm_boot_tsc
	movl %edx, kvm_boot_tsc + 4

	/* .bss is not cleared here: both protocols load it zeroed (multiboot's
	 * a.out kludge zero-fills up to bss_end_addr; a PVH loader loads ELF
	 * segments, whose memsz past filesz is zero), and under software
	 * emulation `rep stos` runs one translated block per iteration:
	 * clearing ~90 KiB took ~0.3 ms, a sixth of the boot budget. */
	movl $kvm_boot_stack_top, %esp

	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode
	movl $0x80000001, %eax
	cpuid
	testl $(1 << 29), %edx          /* LM */
	jz no_long_mode
	movl %edx, %esi                 /* bit 20: NX */

	/* PML4[0] -> PDPT, PDPT[0] -> PD, PD: 512 x 2 MiB, P|W|PS */
	movl $kvm_pt_pool, %edi
	leal (0x1000 + 3)(%edi), %eax
	movl %eax, (%edi)
	leal (0x2000 + 3)(%edi), %eax
	movl %eax, 0x1000(%edi)
	addl $0x2000, %edi
	movl $0x83, %eax
	movl $512, %ecx
1:	movl %eax, (%edi)
	addl $0x200000, %eax
	addl $8, %edi
	loop 1b

	movl %cr4, %eax
	orl $(X86_CR4_PAE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT), %eax
	movl %eax, %cr4
	movl $kvm_pt_pool, %eax
	movl %eax, %cr3

	movl $X86_MSR_EFER, %ecx
	rdmsr
	orl $X86_EFER_LME, %eax
	testl $(1 << 20), %esi
	jz 2f
	orl $X86_EFER_NXE, %eax
2:	wrmsr

	/* Paging, write protection for the kernel too, FPU/SSE on (EM=TS=0) */
	movl %cr0, %eax
	andl $~((1 << 2) | (1 << 3) | (1 << 29) | (1 << 30)), %eax
	orl $(X86_CR0_PG | X86_CR0_WP | X86_CR0_MP | X86_CR0_PE), %eax
	movl %eax, %cr0

	lgdt kvm_boot_gdt_ptr
	ljmp $KVM_BOOT_CS, $kvm_entry64

no_long_mode:
	movl $no_lm_msg, %esi
	movw $0x3f8, %dx
3:	lodsb
	testb %al, %al
	jz 4f
	outb %al, %dx
	jmp 3b
4:	hlt
	jmp 4b

	.code64
kvm_entry64:
	movl $KVM_BOOT_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	movq $kvm_boot_stack_top, %rsp
	xorl %ebp, %ebp                 /* ends frame-pointer backtraces */
	fninit
	movl kvm_boot_magic(%rip), %edi
	movl kvm_boot_info(%rip), %esi
	call kvm_start
5:	hlt
	jmp 5b

	.section .rodata.kvm_boot, "a"
no_lm_msg:
	.asciz "kvm: this CPU has no long mode (x86_64); cannot boot\r\n"
	.balign 8
kvm_boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff        /* KVM_BOOT_CS: 64-bit code, DPL 0 */
	.quad 0x00cf92000000ffff        /* KVM_BOOT_DS: flat data */
kvm_boot_gdt_end:
kvm_boot_gdt_ptr:
	.word kvm_boot_gdt_end - kvm_boot_gdt - 1
	.long kvm_boot_gdt

	.section .data.kvm_boot, "aw"
	.balign 8
	.globl kvm_boot_tsc, kvm_boot_magic, kvm_boot_info
kvm_boot_tsc:
	.quad 0
kvm_boot_magic:
	.long 0
kvm_boot_info:
	.long 0

	/* The boot stack, with an unmapped guard page under it (paging.c). */
	.section .bss.kvm_boot_stack, "aw", @nobits
	.balign 4096
	.globl kvm_boot_stack_guard, kvm_boot_stack, kvm_boot_stack_top
kvm_boot_stack_guard:
	.skip 4096
kvm_boot_stack:
	.skip KVM_BOOT_STACK_SIZE
kvm_boot_stack_top:
