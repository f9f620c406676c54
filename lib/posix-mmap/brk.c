/* SPDX-License-Identifier: BSD-3-Clause */
/* brk(2) in one region reserved at the first call (see km/posix_mmap.h). */
#include <stdint.h>
#include <string.h>
#include <km/alloc.h>
#include <km/plat/timer.h>
#include <km/syscall.h>
#include "mmap_impl.h"

static uintptr_t base, cur;
static size_t size;
static int reserved;

/* As much of CONFIG_LIBPOSIX_MMAP_BRK_SIZE as the heap gives, halving down
 * to 16 pages: a small heap gets a small break rather than none. */
static void reserve(void)
{
	for (size = CONFIG_LIBPOSIX_MMAP_BRK_SIZE / KM_MMAP_PAGE_SIZE * KM_MMAP_PAGE_SIZE;
	     size >= 16 * KM_MMAP_PAGE_SIZE; size = size / 2 & ~PAGE_MASK_) {
		base = (uintptr_t)km_palloc(size / KM_MMAP_PAGE_SIZE);
		if (base)
			break;
	}
	if (!base)
		size = 0;
	cur = base;
}

KM_SYSCALL_DEFINE(brk, 1)
{
	uintptr_t want = (uintptr_t)a1;
	unsigned long irq = km_plat_irq_save();
	long ret;

	if (!reserved) {
		reserved = 1;
		reserve();
	}
	if (base && want >= base && want - base <= size) {
		/* New break memory reads as zeros, also when given back before. */
		if (want > cur)
			memset((void *)cur, 0, want - cur);
		cur = want;
	}
	ret = (long)cur;
	km_plat_irq_restore(irq);
	return ret;
}
