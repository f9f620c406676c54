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
static uint64_t ram_end; /* top of mapped RAM */

/* The 4 KiB entry of @a (below the image's last 2 MiB boundary). */
static inline uint64_t *pte(uintptr_t a)
{
	return &kvm_pt_pool[POOL_FIRST_PT + (a >> 21)][(a >> 12) & 511];
}

/* [from, to) with 4 KiB pages, identity; flags 0 unmaps. */
static void map_4k(uintptr_t from, uintptr_t to, uint64_t flags)
{
	for (uintptr_t a = from; a < to; a += PAGE)
		*pte(a) = flags ? (a | flags) : 0;
}

/*
 * Built with as few loop iterations and branches as possible: under
 * software emulation every new basic block costs microseconds to translate
 * and every iteration tens of instructions. The pool is .bss (zero), so
 * only present entries are written, except in the boot PD (pool[2]) that
 * entry32.S filled and that stays live while it is rewritten: every entry
 * keeps mapping the same physical memory or nothing, and the image and
 * its stack stay mapped, so the switch needs one flush.
 */
uint64_t kvm_paging_init(const struct kvm_boot *b)
{
	uint64_t (*pool)[512] = kvm_pt_pool;
	uint64_t *pdpt = pool[1], *pd0 = pool[2];
	uintptr_t img_end = KM_ALIGN_UP((uintptr_t)__km_bss_end, PAGE);
	unsigned int nr_pt = (unsigned int)(KM_ALIGN_UP(img_end, MB2) / MB2);
	const uint64_t rw = PTE_P | PTE_W;

	nx_bit = (x86_rdmsr(X86_MSR_EFER) & X86_EFER_NXE) ? PTE_NX : 0;
	if (POOL_FIRST_PT + nr_pt > POOL_PAGES) {
		kvm_early_puts("kvm: image too large for the page-table pool\n");
		kvm_reset_triple_fault();
	}
	for (unsigned int i = 0; i < b->nr_mmap; i++) {
		uint64_t end = b->mmap[i].base + b->mmap[i].len;

		if (b->mmap[i].type == KVM_MEM_RAM && end > ram_end)
			ram_end = end;
	}
	if (ram_end > MAPPED_LIMIT)
		ram_end = MAPPED_LIMIT;

	/* entry32.S's 2 MiB entries go: what is RAM is mapped again below. */
	for (unsigned int i = nr_pt; i < 512; i++)
		pd0[i] = 0;

	/* Firmware-map entries of any type below the top of RAM: 4 KiB pages
	 * up to the image's last 2 MiB boundary, 2 MiB pages above. */
	for (unsigned int i = 0; i < b->nr_mmap; i++) {
		uint64_t base = b->mmap[i].base, end = KM_MIN(base + b->mmap[i].len, ram_end);
		uint64_t low_end = (uint64_t)nr_pt * MB2;

		if (base < low_end)
			map_4k(KM_ALIGN_UP(base, PAGE), KM_MIN(end, low_end), rw | nx_bit);
		for (uint64_t pa = KM_MAX(KM_ALIGN_DOWN(base, MB2), low_end); pa < end; pa += MB2)
			pool[2 + (pa >> 30)][(pa >> 21) & 511] = pa | rw | PTE_PS | nx_bit;
	}
	/* Low memory whatever the map says, then the image (W^X) over it. */
	*pte(0) = 0;
	map_4k(PAGE, 0x100000, rw | nx_bit);
	map_4k((uintptr_t)__km_image_start, (uintptr_t)__km_text_end, PTE_P);
	map_4k((uintptr_t)__km_text_end, (uintptr_t)__km_rodata_end, PTE_P | nx_bit);
	map_4k((uintptr_t)__km_rodata_end, img_end, rw | nx_bit);
	map_4k((uintptr_t)kvm_boot_stack_guard, (uintptr_t)kvm_boot_stack, 0);

	/* Devices: [3 GiB, 4 GiB) where it is not RAM, uncached. */
	for (uint64_t pa = KM_MAX(DEVICE_BASE, KM_ALIGN_UP(ram_end, MB2)); pa < MAPPED_LIMIT; pa += MB2)
		pool[5][(pa >> 21) & 511] = pa | rw | PTE_PS | PTE_PCD | PTE_PWT | nx_bit;

	/* The boot PD: its low entries become the 4 KiB tables. */
	for (unsigned int i = 0; i < nr_pt; i++)
		pd0[i] = (uintptr_t)pool[POOL_FIRST_PT + i] | rw;
	for (unsigned int g = 1; g < 4; g++)
		pdpt[g] = (uintptr_t)pool[2 + g] | rw;
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
