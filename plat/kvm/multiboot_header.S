/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Multiboot 1 header. QEMU's -kernel refuses ELF64 multiboot images unless
 * the header carries the a.out-kludge address fields (flag 16): then it
 * loads the file bytes [load_addr, load_end_addr) raw, zeroes up to
 * bss_end_addr and jumps to entry_addr in 32-bit protected mode. The linker
 * script keeps the file layout identical to the memory layout so that this
 * is the same image the ELF program headers describe.
 */
#define MB_MAGIC 0x1BADB002
#define MB_PAGE_ALIGN (1 << 0)   /* modules (the initrd) on page boundaries */
#define MB_MEMORY_INFO (1 << 1)  /* we want mem_lower/upper and the mmap */
#define MB_AOUT_KLUDGE (1 << 16) /* the address fields below are valid */
#define MB_FLAGS (MB_PAGE_ALIGN | MB_MEMORY_INFO | MB_AOUT_KLUDGE)

	.section .multiboot_header, "a"
	.balign 4
kvm_multiboot_header:
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)
	.long kvm_multiboot_header /* header_addr */
	.long __km_image_start     /* load_addr */
	.long __km_load_end        /* load_end_addr */
	.long __km_bss_end         /* bss_end_addr */
	.long kvm_entry32          /* entry_addr */
