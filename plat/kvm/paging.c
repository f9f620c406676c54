/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The final page tables (identity mapped), replacing entry32.S's 1 GiB
 * RWX map:
 *   page 0                      not present (NULL dereferences fault)
 *   [4 KiB, 1 MiB)              RW, NX (BIOS data, low RAM)
 *   image text                  R, X
 *   image rodata                R, NX
 *   image data, bss             RW, NX; the boot stack's guard page absent
 *   rest of the image's 2 MiB   RW, NX if RAM
 *   other RAM below 4 GiB       RW, NX, 2 MiB pages
 *   [3 GiB, 4 GiB) not RAM      RW, NX, uncached (LAPIC, IOAPIC, HPET,
 *                               virtio-mmio, PCI BARs)
 * RAM above 4 GiB is not mapped (reported as reserved). All tables come
 * from a static pool, so there is no allocation and nothing to free.
 */
#include <km/print.h>
#include <x86/cpu.h>
#include "kvm.h"

#define PTE_P (1ULL << 0)
#define PTE_W (1ULL << 1)
#define PTE_PWT (1ULL << 3)
#define PTE_PCD (1ULL << 4)
#define PTE_PS (1ULL << 7)
#define PTE_NX (1ULL << 63)
#define PTE_ADDR 0x000ffffffffff000ULL

#define PAGE 4096UL
#define MB2 (2UL << 20)
#define GB1 (1UL << 30)
#define MAPPED_LIMIT (4ULL * GB1)
#define DEVICE_BASE (3ULL * GB1)

/* 0: PML4, 1: PDPT, 2-5: PD for each GiB below 4 GiB, then PTs. entry32.S
 * uses the first three for its boot map. */
#define POOL_PAGES 10
#define POOL_FIRST_PT 6
uint64_t kvm_pt_pool[POOL_PAGES][512] __km_aligned(4096) __km_section(".bss.kvm_pt_pool");

static uint64_t nx_bit;

static int is_ram(const struct kvm_boot *b, uint64_t base, uint64_t len, int any_type)
{
	for (unsigned int i = 0; i < b->nr_mmap; i++) {
		const struct kvm_mmap_entry *e = &b->mmap[i];

		if ((any_type || e->type == KVM_MEM_RAM) && base < e->base + e->len &&
		    e->base < base + len)
			return 1;
	}
	return 0;
}

static uint64_t image_page_flags(uintptr_t a)
{
	if (a >= (uintptr_t)kvm_boot_stack_guard && a < (uintptr_t)kvm_boot_stack)
		return 0;
	if (a < (uintptr_t)__km_text_end)
		return PTE_P;
	if (a < (uintptr_t)__km_rodata_end)
		return PTE_P | nx_bit;
	return PTE_P | PTE_W | nx_bit;
}

static uint64_t ram_end; /* top of mapped RAM */

uint64_t kvm_paging_init(const struct kvm_boot *b)
{
	uint64_t (*pool)[512] = kvm_pt_pool;
	uint64_t *pml4 = pool[0], *pdpt = pool[1];
	uintptr_t img_end = KM_ALIGN_UP((uintptr_t)__km_bss_end, PAGE);
	unsigned int next_pt = POOL_FIRST_PT;

	nx_bit = (x86_rdmsr(X86_MSR_EFER) & X86_EFER_NXE) ? PTE_NX : 0;

	for (unsigned int i = 0; i < b->nr_mmap; i++) {
		uint64_t end = b->mmap[i].base + b->mmap[i].len;

		if (b->mmap[i].type == KVM_MEM_RAM && end > ram_end)
			ram_end = end;
	}
	if (ram_end > MAPPED_LIMIT)
		ram_end = MAPPED_LIMIT;

	/* The boot PD (pool[2]) is live and rewritten in place: every new
	 * entry maps the same physical memory as before or nothing, and the
	 * image and its stack stay mapped, so the switch needs one flush. */
	for (unsigned int g = 0; g < 4; g++) {
		uint64_t *pd = pool[2 + g];

		for (unsigned int i = 0; i < 512; i++) {
			uint64_t pa = (uint64_t)g * GB1 + (uint64_t)i * MB2;

			if (pa < img_end) {
				/* 4 KiB pages for the low memory and the image */
				uint64_t *pt;

				if (next_pt >= POOL_PAGES) {
					kvm_early_puts("kvm: image too large for the page-table pool\n");
					kvm_reset_triple_fault();
				}
				pt = pool[next_pt++];
				for (unsigned int j = 0; j < 512; j++) {
					uint64_t a = pa + (uint64_t)j * PAGE, fl;

					if (a == 0)
						fl = 0;
					else if (a < 0x100000)
						fl = PTE_P | PTE_W | nx_bit;
					else if (a >= (uintptr_t)__km_image_start && a < img_end)
						fl = image_page_flags((uintptr_t)a);
					else if (is_ram(b, a, PAGE, 1))
						fl = PTE_P | PTE_W | nx_bit;
					else
						fl = 0;
					pt[j] = fl ? (a | fl) : 0;
				}
				pd[i] = (uintptr_t)pt | PTE_P | PTE_W;
			} else if (pa < ram_end && is_ram(b, pa, MB2, 1)) {
				pd[i] = pa | PTE_P | PTE_W | PTE_PS | nx_bit;
			} else if (pa >= DEVICE_BASE) {
				pd[i] = pa | PTE_P | PTE_W | PTE_PS | PTE_PCD | PTE_PWT | nx_bit;
			} else {
				pd[i] = 0;
			}
		}
		pdpt[g] = (uintptr_t)pd | PTE_P | PTE_W;
	}
	(void)pml4;
	x86_write_cr3(x86_read_cr3());
	return ram_end;
}

int kvm_addr_mapped(uintptr_t va, size_t len)
{
	uintptr_t end = va + len;

	if (end < va || end > MAPPED_LIMIT)
		return 0;
	for (uintptr_t a = KM_ALIGN_DOWN(va, PAGE); a < end; a += PAGE) {
		uint64_t pde = kvm_pt_pool[2 + (a >> 30)][(a >> 21) & 511];

		if (!(pde & PTE_P))
			return 0;
		if (!(pde & PTE_PS) &&
		    !(((uint64_t *)(uintptr_t)(pde & PTE_ADDR))[(a >> 12) & 511] & PTE_P))
			return 0;
	}
	return 1;
}

/* Backtraces in crash reports check frame pointers with this. */
int x86_addr_readable(uintptr_t addr, uintptr_t len)
{
	return kvm_addr_mapped(addr, len);
}
