/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one entry of a kvm image, shared by multiboot and PVH: both enter here
 * in 32-bit protected mode with paging off. First, with registers only, we
 * check that the machine can run the image: entered by multiboot or PVH,
 * RAM from 1 MiB up to past the image's .bss and a page of heap
 * (__km_ram_need_kib, link.lds), a CPU with long mode. Otherwise one line
 * on COM1 says why and the image stops with KM_EXIT_MACHINE. Then we record
 * EAX/EBX and the TSC, build an identity map of the first GiB (2 MiB pages;
 * paging.c replaces it with the W^X map), enable PAE, SSE, long mode and
 * NX, and jump to kvm_start(magic, info) in 64-bit mode on the boot stack.
 * Which protocol booted us is decided in C (setup.c): qboot enters PVH with
 * EAX = 0x2BADB002, so the PVH start_info magic is checked first.
 */
#include <km/exit.h>
#include "kvm_asm.h"

/* A call without a stack: the return address goes in EDI. */
.macro call32 fn
	movl $.Lret\@, %edi
	jmp \fn
.Lret\@:
.endm

/* The image's text starts with this code and its messages, so that all of
 * it is in RAM whenever QEMU could load the image's first pages: the
 * smallest memory above 1 MiB that QEMU gives is 1 MiB + 8 KiB. Until the
 * check below has passed, nothing here writes to memory or uses a stack:
 * .data, .bss (the boot stack, the page-table pool) may lie past RAM's end. */
	.code32
	.section .text.boot32, "ax"
	.globl kvm_entry32
kvm_entry32:
	cli
	cld
	movl %eax, %ebp                 /* the magic, stored once RAM is known */

	/* Which protocol, and RAM's top (contiguous from 1 MiB) in KiB into
	 * ECX, 0xffffffff when the loader does not say. qboot enters PVH
	 * with EAX = the multiboot magic: the start_info magic first. */
	movl $0xffffffff, %ecx
	testl %ebx, %ebx
	jz 1f
	cmpl $KVM_PVH_MAGIC, (%ebx)
	je pvh_ram_top
1:	cmpl $KVM_MB_MAGIC, %ebp
	jne bad_protocol
	testl $1, (%ebx)                /* flags bit 0: mem_lower, mem_upper */
	jz ram_known
	movl 8(%ebx), %ecx              /* mem_upper: KiB above 1 MiB */
	addl $1024, %ecx
	jmp ram_known

pvh_ram_top:                            /* the memmap entry holding 1 MiB */
	cmpl $1, 4(%ebx)                /* version >= 1 has a memmap */
	jb ram_known
	movl 40(%ebx), %esi             /* memmap_paddr (below 4 GiB) */
	movl 48(%ebx), %edx             /* memmap_entries */
	testl %esi, %esi
	jz ram_known
2:	testl %edx, %edx
	jz 4f                           /* no RAM entry holds 1 MiB: none */
	cmpl $1, 16(%esi)               /* type RAM */
	jne 3f
	cmpl $0, 4(%esi)                /* base below 4 GiB */
	jne 3f
	cmpl $0x100000, (%esi)
	ja 3f
	cmpl $0, 12(%esi)               /* size of 4 GiB or more: plenty */
	jne ram_known
	movl (%esi), %eax
	addl 8(%esi), %eax              /* end, 33 bits: carry into bit 31 */
	rcrl $1, %eax
	shrl $9, %eax
	cmpl $1024, %eax
	jbe 3f
	movl %eax, %ecx
	jmp ram_known
3:	addl $24, %esi                  /* sizeof(struct hvm_memmap_entry) */
	decl %edx
	jmp 2b
4:	xorl %ecx, %ecx

ram_known:
	cmpl $__km_ram_need_kib, %ecx
	jb too_little_ram

	/* .bss is cleared only when RAM ends within 1 MiB of the image. Both
	 * protocols load it zeroed (multiboot's a.out kludge zero-fills up to
	 * bss_end_addr; a PVH loader loads ELF segments, whose memsz past
	 * filesz is zero), but QEMU's PVH loader on pc/q35 copies only the
	 * file, after SeaBIOS has used the top ~450 KiB of RAM for itself
	 * (not in the PVH memory map): there .bss holds SeaBIOS's leftovers.
	 * Elsewhere clearing is a waste: under software emulation `rep stos`
	 * runs one translated block per iteration, ~0.3 ms for ~90 KiB. */
	cmpl $(__km_ram_need_kib + 1024), %ecx
	jae 1f
	movl $__km_bss_start, %edi
	movl $__km_bss_end, %ecx
	subl %edi, %ecx
	shrl $2, %ecx
	xorl %eax, %eax
	rep stosl
1:

	movl %ebp, kvm_boot_magic
	movl %ebx, kvm_boot_info
	rdtsc
	movl %eax, kvm_boot_tsc
	movl %edx, kvm_boot_tsc + 4

	movl $kvm_boot_stack_top, %esp

	/* Long mode (CPUID clobbers EBX: stored above) */
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

/*
 * The machine cannot run the image: one line on COM1, then the status
 * KM_EXIT_MACHINE through isa-debug-exit, or a triple fault (QEMU runs
 * with -no-reboot) without that device. Registers only, no stack: the
 * subroutines return through EDI.
 */
too_little_ram:
	movl %ecx, %ebx                 /* what the machine has, KiB */
	call32 serial_init32
	movl $msg_ram_need, %esi
	call32 puts32
	movl $__km_ram_need_kib, %eax
	call32 putdec32
	movl $msg_ram_qemu, %esi
	call32 puts32
	movl $__km_ram_need_kib, %eax
	call32 putdec32
	movl $msg_ram_has, %esi
	call32 puts32
	movl %ebx, %eax
	call32 putdec32
	movl $msg_kib_nl, %esi
	jmp fail32
no_long_mode:
	movl $msg_no_lm, %esi
	jmp fail32
bad_protocol:
	movl $msg_protocol, %esi
fail32:
	call32 serial_init32
	call32 puts32
	movb $(KM_EXIT_MACHINE + 1), %al
	outb %al, $KVM_DEBUG_EXIT_PORT
	lidt null_idt32                 /* no exit device: triple fault */
	int3
5:	hlt
	jmp 5b

/* COM1 as serial.c sets it up: 115200 8N1, FIFO, no interrupts. */
serial_init32:
	movl $uart_init_table, %ecx
6:	movzbl (%ecx), %edx
	cmpl $0xff, %edx
	je 7f
	addl $KVM_COM1, %edx
	movb 1(%ecx), %al
	outb %al, %dx
	addl $2, %ecx
	jmp 6b
7:	jmp *%edi

/* Writes the string at ESI (NUL-terminated; \n as \r\n). */
puts32:
	movw $(KVM_COM1 + 5), %dx       /* line status: wait for THRE, bounded */
	movl $100000, %ecx
8:	inb %dx, %al
	testb $0x20, %al
	loopz 8b
	movw $KVM_COM1, %dx
	lodsb
	testb %al, %al
	jz 9f
	outb %al, %dx
	jmp puts32
9:	jmp *%edi

/* Writes EAX in decimal: digits by descending powers of ten, leading zeros
 * skipped (ESI walks the table, EBP says whether a digit was written).
 * Without waiting: puts32 has just found the 16-byte FIFO empty. */
putdec32:
	movl $powers_of_ten, %esi
	xorl %ebp, %ebp
10:	xorl %edx, %edx
	divl (%esi)                     /* EAX digit, EDX the rest */
	orl %eax, %ebp
	cmpl $1, (%esi)
	je 11f
	testl %ebp, %ebp
	jz 12f
11:	addb $'0', %al
	movl %edx, %ecx                 /* kept over the output */
	movw $KVM_COM1, %dx
	outb %al, %dx
	movl %ecx, %edx
12:	movl %edx, %eax
	addl $4, %esi
	cmpl $1, -4(%esi)
	jne 10b
	jmp *%edi

	.balign 4
powers_of_ten:
	.long 1000000000, 100000000, 10000000, 1000000, 100000, 10000, 1000, 100, 10, 1
uart_init_table:                        /* (register, value) until 0xff */
	.byte 1, 0x00, 3, 0x80           /* IER off; DLAB */
	.byte 0, 0x01, 1, 0x00           /* divisor 1: 115200 baud */
	.byte 3, 0x03, 2, 0x07, 4, 0x03  /* 8N1; FIFO on and cleared; DTR, RTS */
	.byte 0xff
null_idt32:
	.word 0
	.long 0
msg_ram_need:
	.asciz "kvm: too little memory: this image needs "
msg_ram_qemu:
	.asciz " KiB of RAM (QEMU: -m "
msg_ram_has:
	.asciz "K), the machine has "
msg_kib_nl:
	.asciz " KiB\r\n"
msg_no_lm:
	.asciz "kvm: this CPU has no long mode (x86_64); cannot boot\r\n"
msg_protocol:
	.asciz "kvm: entered by neither multiboot nor PVH (on pc and q35, QEMU's PVH loader overwrites its own boot information with a command line over 4127 bytes)\r\n"

	.code64
	/* Unwind info in .debug_frame (link.lds drops .eh_frame): it says
	 * that this is the outermost frame, so that gdb's backtrace ends
	 * here, as the crash report's does, instead of reading on. */
	.cfi_sections .debug_frame
kvm_entry64:
	.cfi_startproc simple
	.cfi_def_cfa rsp, 0
	.cfi_undefined rip
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
	.cfi_endproc

	.section .rodata.kvm_boot, "a"
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
