/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PVH (x86/HVM direct boot ABI) hvm_start_info -> struct kvm_boot. The
 * memory map is in start_info from version 1 on; an all-zero trailing entry
 * (qboot on microvm adds one) is skipped. The first module is the initrd.
 */
#include <stdint.h>
#include "kvm.h"

struct hvm_start_info {
	uint32_t magic; /* KVM_PVH_MAGIC */
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;	 /* version >= 1 */
	uint32_t memmap_entries; /* version >= 1 */
	uint32_t reserved;
};

struct hvm_modlist_entry {
	uint64_t paddr, size, cmdline_paddr, reserved;
};

struct hvm_memmap_entry {
	uint64_t addr, size;
	uint32_t type, reserved;
};

int kvm_pvh_parse(uint32_t info, struct kvm_boot *b)
{
	const struct hvm_start_info *si = (const struct hvm_start_info *)(uintptr_t)info;

	b->proto = "pvh";
	if (si->version >= 1 && si->memmap_paddr) {
		const struct hvm_memmap_entry *e =
			(const struct hvm_memmap_entry *)(uintptr_t)si->memmap_paddr;

		for (uint32_t i = 0; i < si->memmap_entries && b->nr_mmap < KVM_MMAP_MAX; i++) {
			if (!e[i].size || !e[i].type)
				continue;
			b->mmap[b->nr_mmap].base = e[i].addr;
			b->mmap[b->nr_mmap].len = e[i].size;
			b->mmap[b->nr_mmap].type = e[i].type;
			b->nr_mmap++;
		}
	}
	if (si->cmdline_paddr)
		kvm_boot_copy_cmdline(b, (const char *)(uintptr_t)si->cmdline_paddr);
	if (si->nr_modules && si->modlist_paddr) {
		const struct hvm_modlist_entry *m =
			(const struct hvm_modlist_entry *)(uintptr_t)si->modlist_paddr;

		b->initrd_base = m->paddr;
		b->initrd_len = m->size;
	}
	b->rsdp = si->rsdp_paddr;
	return 0;
}
