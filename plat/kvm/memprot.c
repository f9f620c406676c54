/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Page protection on kvm (km/plat/memprot.h): the present bit of 4 KiB page
 * table entries in paging.c's identity map. A page inside a 2 MiB mapping
 * is protected by first splitting that mapping into a page table from a
 * static pool (the page walker reads tables by physical address; the pool
 * is in the image's bss, identity mapped). Splits are never undone: the
 * pool bounds how many 2 MiB regions can hold guard pages (-ENOMEM after).
 * The crash report (arch/x86_64/crash.c) calls x86_crash_describe(), which
 * asks the hook registered here.
 */
#include <errno.h>
#include <km/plat/bootinfo.h>
#include <km/plat/memprot.h>
#include <km/plat/timer.h>
#include <x86/cpu.h>
#include "kvm.h"

#define PTE_P	    (1ULL << 0)
#define PTE_PS	    (1ULL << 7)
#define PTE_W	    (1ULL << 1)
#define PTE_NX	    (1ULL << 63)
#define PTE_ADDR    0x000ffffffffff000ULL
#define MB2	    (2UL << 20)
#define SPLIT_PAGES 16 /* 2 MiB regions that may hold protected pages */

extern uint64_t kvm_pt_pool[][512]; /* paging.c: [2 + GiB] are the PDs */

static uint64_t split_pool[SPLIT_PAGES][512] __km_aligned(4096);
static unsigned int split_used;
static km_plat_fault_describe_t describe;

static int in_heap(uintptr_t a, size_t len)
{
	struct km_bootinfo *bi = km_bootinfo_get();

	for (unsigned int i = 0; bi && i < bi->nr_regions; i++) {
		const struct km_region *r = &bi->regions[i];

		if (r->type == KM_REGION_FREE && a >= r->base && a + len <= r->base + r->len &&
		    a + len > a)
			return 1;
	}
	return 0;
}

/* The 4 KiB entry for @a, splitting its 2 MiB mapping if needed; NULL when
 * the pool is empty. Interrupts off. */
static uint64_t *pte_of(uintptr_t a)
{
	uint64_t *pde = &kvm_pt_pool[2 + (a >> 30)][(a >> 21) & 511];

	if (!(*pde & PTE_P))
		return NULL;
	if (*pde & PTE_PS) {
		uint64_t *pt, base = *pde & PTE_ADDR & ~(uint64_t)(MB2 - 1);
		/* the same access for each 4 KiB page: P, W, PWT, PCD and NX */
		uint64_t fl = *pde & (0x1fULL | PTE_NX);

		if (split_used == SPLIT_PAGES)
			return NULL;
		pt = split_pool[split_used++];
		for (unsigned int j = 0; j < 512; j++)
			pt[j] = (base + (uint64_t)j * KM_PLAT_PAGE_SIZE) | fl;
		*pde = (uintptr_t)pt | PTE_P | PTE_W; /* as paging.c links its tables */
		x86_invlpg(a);
	}
	return &((uint64_t *)(uintptr_t)(*pde & PTE_ADDR))[(a >> 12) & 511];
}

int km_plat_page_protect(void *addr, size_t npages, int prot)
{
	uintptr_t a = (uintptr_t)addr;
	size_t len = npages * KM_PLAT_PAGE_SIZE;
	unsigned long fl;
	int ret = 0;

	if ((a & (KM_PLAT_PAGE_SIZE - 1)) || !npages || len / npages != KM_PLAT_PAGE_SIZE ||
	    !in_heap(a, len) || (prot != KM_PLAT_PROT_NONE && prot != KM_PLAT_PROT_RW))
		return -EINVAL;
	fl = km_plat_irq_save();
	/* split first, so that a failure changes nothing */
	for (uintptr_t p = a; p < a + len; p = (p | (MB2 - 1)) + 1)
		if (!pte_of(p)) {
			ret = -ENOMEM;
			break;
		}
	for (uintptr_t p = a; !ret && p < a + len; p += KM_PLAT_PAGE_SIZE) {
		uint64_t *pte = pte_of(p);

		if (prot == KM_PLAT_PROT_NONE)
			*pte &= ~PTE_P;
		else
			*pte |= PTE_P;
		x86_invlpg(p);
	}
	km_plat_irq_restore(fl);
	return ret;
}

void km_plat_fault_describe_register(km_plat_fault_describe_t fn)
{
	describe = fn;
}

/* Called by the crash report (overrides crash.c's weak default). */
const char *x86_crash_describe(uintptr_t addr, char *buf, size_t len)
{
	return describe ? describe(addr, buf, len) : NULL;
}
