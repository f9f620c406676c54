/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The x86/HVM direct boot ABI (PVH): a Xen ELF note of type 18
 * (XEN_ELFNOTE_PHYS32_ENTRY) gives the 32-bit physical entry point. QEMU
 * uses it for ELF images without a multiboot header; the loader enters in
 * 32-bit protected mode, paging off, with EBX = the hvm_start_info address.
 * The note lives in a PT_NOTE segment (link.lds) aligned to 4, with a 4-byte
 * descriptor, which is what every PVH loader reads.
 */
#define XEN_ELFNOTE_PHYS32_ENTRY 18

	.section .note.Xen, "a", @note
	.balign 4
	.long 4                 /* namesz: "Xen\0" */
	.long 4                 /* descsz */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.balign 4
	.long kvm_entry32
	.balign 4
