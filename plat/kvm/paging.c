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

#define PTE_P	 (1ULL << 0)
#define PTE_W	 (1ULL << 1)
#define PTE_PWT	 (1ULL << 3)
#define PTE_PCD	 (1ULL << 4)
#define PTE_PS	 (1ULL << 7)
#define PTE_NX	 (1ULL << 63)
#define PTE_ADDR 0x000ffffffffff000ULL

#define PAGE	     4096UL
#define MB2	     (2UL << 20)
#define GB1	     (1UL << 30)
#define MAPPED_LIMIT (4ULL * GB1)
#define DEVICE_BASE  (3ULL * GB1)

/* 0: PML4, 1: PDPT, 2-5: PD for each GiB below 4 GiB, then PTs. entry32.S
 * uses the first three for its boot map. */
#define POOL_PAGES    10
#define POOL_FIRST_PT 6
uint64_t kvm_pt_pool[POOL_PAGES][512] __km_aligned(4096) __km_section(".bss.kvm_pt_pool");

static uint64_t nx_bit;
static uint64_t ram_end; /* top of mapped RAM */

/* The entries for an address: the PTs follow each other in the pool, and
 * so do the four PDs, so a range of entries is one array either way. */
static inline uint64_t *pte(uintptr_t a)
{
	return &kvm_pt_pool[POOL_FIRST_PT][a >> 12];
}

static inline uint64_t *pde(uint64_t a)
{
	return &kvm_pt_pool[2][a >> 21];
}

/*
 * Built as a list of runs of entries (v, v + step, ...) written by one
 * loop at the end, later runs over earlier ones: under software emulation
 * each distinct basic block (and each return from a call) costs several
 * microseconds to translate the first time, far more than running a loop,
 * so the builder has few branches and no calls. The pool is .bss (zero),
 * so only present entries are written, except in the boot PD (pool[2])
 * that entry32.S filled and that stays live while it is rewritten: every
 * entry keeps mapping the same physical memory or nothing, and the image
 * and its stack stay mapped, so the switch needs one flush.
 */
struct run {
	uint64_t *e;
	uint64_t n, v, step;
};

#define RUNS (KVM_MMAP_MAX * 2 + 12)

/* Entries of size sz covering [from, to), none if empty */
static inline uint64_t count(uint64_t from, uint64_t to, uint64_t sz)
{
	return to > from ? (to - from + sz - 1) / sz : 0;
}

uint64_t kvm_paging_init(const struct kvm_boot *b)
{
	uint64_t(*pool)[512] = kvm_pt_pool;
	uintptr_t img_end = KM_ALIGN_UP((uintptr_t)__km_bss_end, PAGE);
	uint64_t low_end = KM_ALIGN_UP(img_end, MB2); /* 4 KiB pages below */
	uint64_t nr_pt = low_end / MB2;
	uint64_t rw, dev;
	struct run r[RUNS];
	unsigned int k = 0;

#define RUN(entry, cnt, val, st)                                                                   \
	(r[k].e = (entry), r[k].n = (cnt), r[k].v = (val), r[k].step = (st), k++)
#define RUN_4K(from, to, fl)                                                                       \
	RUN(pte(from), count((from), (to), PAGE), (fl) != 0 ? (from) | (fl) : 0,                   \
	    (fl) != 0 ? PAGE : 0)

	nx_bit = (x86_rdmsr(X86_MSR_EFER) & X86_EFER_NXE) ? PTE_NX : 0;
	rw = PTE_P | PTE_W | nx_bit;
	dev = rw | PTE_PS | PTE_PCD | PTE_PWT;
	if (POOL_FIRST_PT + nr_pt > POOL_PAGES) {
		kvm_early_puts("kvm: image too large for the page-table pool\n");
		kvm_reset_triple_fault();
	}
	for (unsigned int i = 0; i < b->nr_mmap; i++) /* no branch but the loop's */
		ram_end = KM_MAX(ram_end, b->mmap[i].type == KVM_MEM_RAM
						  ? b->mmap[i].base + b->mmap[i].len
						  : 0);
	ram_end = KM_MIN(ram_end, MAPPED_LIMIT);

	/* entry32.S's 2 MiB entries go: what is RAM is mapped again below. */
	RUN(pde(low_end), 512 - nr_pt, 0, 0);
	/* Devices: [3 GiB, 4 GiB), uncached, unless RAM (next) */
	RUN(pde(DEVICE_BASE), 512, DEVICE_BASE | dev, MB2);
	/* Firmware-map entries of any type below the top of RAM: 4 KiB pages
	 * below low_end, 2 MiB pages above. */
	for (unsigned int i = 0; i < b->nr_mmap; i++) {
		uint64_t base = b->mmap[i].base, end = KM_MIN(base + b->mmap[i].len, ram_end);
		uint64_t p4 = KM_ALIGN_UP(base, PAGE),
			 p2 = KM_MAX(KM_ALIGN_DOWN(base, MB2), low_end);

		RUN(pte(p4), count(p4, KM_MIN(end, low_end), PAGE), p4 | rw, PAGE);
		RUN(pde(p2), count(p2, end, MB2), p2 | rw | PTE_PS, MB2);
	}
	/* Low memory whatever the map says, then the image (W^X) over it. */
	RUN_4K(PAGE, 0x100000, rw);
	RUN(pte(0), 1, 0, 0);
	RUN_4K((uintptr_t)__km_image_start, (uintptr_t)__km_text_end, PTE_P);
	RUN_4K((uintptr_t)__km_text_end, (uintptr_t)__km_rodata_end, PTE_P | nx_bit);
	RUN_4K((uintptr_t)__km_rodata_end, img_end, rw);
	RUN((uint64_t *)pte((uintptr_t)kvm_boot_stack_guard), 1, 0, 0);
	/* The boot PD's low entries become the 4 KiB tables; the other PDs
	 * join the PDPT (entry 0 is the boot PD already). */
	RUN(pool[2], nr_pt, (uintptr_t)pool[POOL_FIRST_PT] | PTE_P | PTE_W, PAGE);
	RUN(&pool[1][1], 3, (uintptr_t)pool[3] | PTE_P | PTE_W, PAGE);
#undef RUN
#undef RUN_4K

	for (unsigned int i = 0; i < k; i++) {
		uint64_t *e = r[i].e, v = r[i].v;

		for (uint64_t n = r[i].n; n; n--, v += r[i].step)
			*e++ = v;
	}
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
