/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Multiboot 1 information structure -> struct kvm_boot. QEMU (and GRUB)
 * put the kernel path as the first word of the command line, dropped
 * here, so that both protocols have the same limits; the memory
 * map comes from the mmap fields (flag 6), or mem_lower/mem_upper (flag 0)
 * when there is none; the first module is the initrd (-initrd).
 */
#include <stdint.h>
#include "kvm.h"

#define MBI_MEM	    (1u << 0)
#define MBI_CMDLINE (1u << 2)
#define MBI_MODS    (1u << 3)
#define MBI_MMAP    (1u << 6)

struct mb_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper; /* KiB below 1 MiB, KiB above 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
} __km_packed;

struct mb_module {
	uint32_t mod_start, mod_end;
	uint32_t string;
	uint32_t reserved;
} __km_packed;

struct mb_mmap {
	uint32_t size; /* of the rest of the entry, not counting this field */
	uint64_t base_addr, length;
	uint32_t type;
} __km_packed;

int kvm_multiboot_parse(uint32_t info, struct kvm_boot *b)
{
	const struct mb_info *mbi = (const struct mb_info *)(uintptr_t)info;

	b->proto = "multiboot";
	if (mbi->flags & MBI_MMAP) {
		uintptr_t p = mbi->mmap_addr, end = p + mbi->mmap_length;

		while (p + sizeof(struct mb_mmap) <= end && b->nr_mmap < KVM_MMAP_MAX) {
			const struct mb_mmap *e = (const struct mb_mmap *)p;

			if (e->length) {
				b->mmap[b->nr_mmap].base = e->base_addr;
				b->mmap[b->nr_mmap].len = e->length;
				b->mmap[b->nr_mmap].type = e->type;
				b->nr_mmap++;
			}
			p += e->size + sizeof(e->size);
		}
	} else if (mbi->flags & MBI_MEM) {
		b->mmap[0] =
			(struct kvm_mmap_entry){ 0, (uint64_t)mbi->mem_lower << 10, KVM_MEM_RAM };
		b->mmap[1] = (struct kvm_mmap_entry){ 0x100000, (uint64_t)mbi->mem_upper << 10,
						      KVM_MEM_RAM };
		b->nr_mmap = 2;
	}
	if (mbi->flags & MBI_CMDLINE) {
		/* "<kernel path> <append>" (QEMU, GRUB): the path is not ours */
		const char *s = (const char *)(uintptr_t)mbi->cmdline;

		while (*s && *s != ' ')
			s++;
		kvm_boot_copy_cmdline(b, *s ? s + 1 : s);
	}
	if ((mbi->flags & MBI_MODS) && mbi->mods_count) {
		const struct mb_module *m = (const struct mb_module *)(uintptr_t)mbi->mods_addr;

		b->initrd_base = m->mod_start;
		b->initrd_len = m->mod_end - m->mod_start;
	}
	return 0;
}
