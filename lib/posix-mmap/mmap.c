/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Anonymous mappings (see km/posix_mmap.h). Each mmap is one km_palloc
 * block; the ranges still mapped in it are "pieces" (munmap of a middle
 * part splits one), and the block is freed with its last piece.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <km/alloc.h>
#include <km/plat/memprot.h>
#include <km/plat/timer.h>
#include <km/syscall.h>
#include "mmap_impl.h"

#define PROT_MASK_	     0x7L
#define MAP_SHARED_	     0x01L
#define MAP_PRIVATE_	     0x02L
#define MAP_TYPE_	     0x0fL
#define MAP_FIXED_	     0x10L
#define MAP_ANONYMOUS_	     0x20L
#define MAP_FIXED_NOREPLACE_ 0x100000L
#define MREMAP_MAYMOVE_	     1L

struct block {
	void *base;
	size_t npages;
	unsigned int pieces;
	int protected_; /* some page was made PROT_NONE */
};

struct piece {
	struct piece *next;
	uintptr_t start, end;
	struct block *blk;
};

static struct piece *pieces;

static void block_put(struct block *b)
{
	if (--b->pieces)
		return;
	if (b->protected_)
		km_plat_page_protect(b->base, b->npages, KM_PLAT_PROT_RW);
	km_pfree(b->base, b->npages);
	free(b);
}

/* Bytes of [start, end) that our pieces cover. */
static size_t covered(uintptr_t start, uintptr_t end)
{
	size_t n = 0;

	for (struct piece *p = pieces; p; p = p->next)
		if (p->start < end && p->end > start)
			n += KM_MIN(p->end, end) - KM_MAX(p->start, start);
	return n;
}

static long do_munmap(uintptr_t start, uintptr_t end)
{
	struct piece **pp = &pieces;

	while (*pp) {
		struct piece *p = *pp;

		if (p->end <= start || p->start >= end) {
			pp = &p->next;
		} else if (p->start >= start && p->end <= end) {
			*pp = p->next;
			block_put(p->blk);
			free(p);
		} else if (p->start >= start) {
			p->start = end;
			pp = &p->next;
		} else if (p->end <= end) {
			p->end = start;
			pp = &p->next;
		} else {
			struct piece *tail = malloc(sizeof(*tail));

			if (!tail)
				return -ENOMEM;
			*tail = (struct piece){ p->next, end, p->end, p->blk };
			p->blk->pieces++;
			p->end = start;
			p->next = tail;
			pp = &tail->next;
		}
	}
	return 0;
}

static long do_mmap(size_t len, long prot)
{
	struct block *b = malloc(sizeof(*b));
	struct piece *p = malloc(sizeof(*p));
	void *mem = NULL;

	if (b && p)
		mem = km_palloc(len / KM_MMAP_PAGE_SIZE);
	if (!mem) {
		free(b);
		free(p);
		return -ENOMEM;
	}
	memset(mem, 0, len);
	*b = (struct block){ mem, len / KM_MMAP_PAGE_SIZE, 1, 0 };
	*p = (struct piece){ pieces, (uintptr_t)mem, (uintptr_t)mem + len, b };
	pieces = p;
	if (!(prot & PROT_MASK_))
		b->protected_ = !km_plat_page_protect(mem, b->npages, KM_PLAT_PROT_NONE);
	return (long)mem;
}

KM_SYSCALL_DEFINE(mmap, 6)
{
	size_t len = km_mmap_round((size_t)a2);
	long type = a4 & MAP_TYPE_, ret;
	unsigned long irq;

	if (!a2 || (a4 & MAP_FIXED_NOREPLACE_) ||
	    (type != MAP_SHARED_ && type != MAP_PRIVATE_ && type != (MAP_SHARED_ | MAP_PRIVATE_)))
		return -EINVAL;
	if (a6 & (long)PAGE_MASK_)
		return -EINVAL;
	if (!(a4 & MAP_ANONYMOUS_))
		return -ENODEV;
	if (!len)
		return -ENOMEM;
	irq = km_plat_irq_save();
	if (a4 & MAP_FIXED_) {
		if (a1 & (long)PAGE_MASK_)
			ret = -EINVAL;
		else if (covered((uintptr_t)a1, (uintptr_t)a1 + len) != len)
			ret = -ENOMEM;
		else {
			memset((void *)a1, 0, len);
			ret = a1;
		}
	} else {
		ret = do_mmap(len, a3);
	}
	km_plat_irq_restore(irq);
	return ret;
}

KM_SYSCALL_DEFINE(munmap, 2)
{
	size_t len = km_mmap_round((size_t)a2);
	unsigned long irq;
	long ret;

	if ((a1 & (long)PAGE_MASK_) || !a2)
		return -EINVAL;
	if (!len)
		return -ENOMEM;
	irq = km_plat_irq_save();
	ret = do_munmap((uintptr_t)a1, (uintptr_t)a1 + len);
	km_plat_irq_restore(irq);
	return ret;
}

KM_SYSCALL_DEFINE(mprotect, 3)
{
	size_t len = km_mmap_round((size_t)a2);
	uintptr_t start = (uintptr_t)a1;
	unsigned long irq;
	long ret = 0;

	if ((a1 & (long)PAGE_MASK_) || (a3 & ~(PROT_MASK_ | 0x03000000L)))
		return -EINVAL;
	if (!len)
		return a2 ? -ENOMEM : 0;
	irq = km_plat_irq_save();
	if (covered(start, start + len) != len) {
		ret = -ENOMEM;
	} else {
		int none = !(a3 & PROT_MASK_);

		/* A platform that cannot protect gives no protection, no error. */
		if (!km_plat_page_protect((void *)start, len / KM_MMAP_PAGE_SIZE,
					  none ? KM_PLAT_PROT_NONE : KM_PLAT_PROT_RW) &&
		    none)
			for (struct piece *p = pieces; p; p = p->next)
				if (p->start < start + len && p->end > start)
					p->blk->protected_ = 1;
	}
	km_plat_irq_restore(irq);
	return ret;
}

KM_SYSCALL_DEFINE(mremap, 5)
{
	uintptr_t old = (uintptr_t)a1;
	size_t oldlen = km_mmap_round((size_t)a2), newlen = km_mmap_round((size_t)a3);
	unsigned long irq;
	long ret;

	if ((a1 & (long)PAGE_MASK_) || (a4 & ~MREMAP_MAYMOVE_) || !newlen)
		return -EINVAL;
	irq = km_plat_irq_save();
	if (!oldlen || covered(old, old + oldlen) != oldlen)
		ret = -EFAULT;
	else if (newlen <= oldlen)
		ret = do_munmap(old + newlen, old + oldlen) ?: (long)old;
	else if (!(a4 & MREMAP_MAYMOVE_))
		ret = -ENOMEM;
	else {
		ret = do_mmap(newlen, PROT_MASK_);
		if (ret > 0) {
			memcpy((void *)ret, (void *)old, oldlen);
			do_munmap(old, old + oldlen);
		}
	}
	km_plat_irq_restore(irq);
	return ret;
}

static int advice_known(long advice)
{
	return (advice >= 0 && advice <= 4) || (advice >= 8 && advice <= 23) || advice == 25 ||
	       advice == 100 || advice == 101;
}

KM_SYSCALL_DEFINE(madvise, 3)
{
	size_t len = km_mmap_round((size_t)a2);
	uintptr_t start = (uintptr_t)a1, end = start + len;

	if ((a1 & (long)PAGE_MASK_) || !advice_known(a3))
		return -EINVAL;
	if (a3 == 4) { /* MADV_DONTNEED: the next read sees zeros */
		unsigned long irq = km_plat_irq_save();

		for (struct piece *p = pieces; p; p = p->next)
			if (p->start < end && p->end > start)
				memset((void *)KM_MAX(p->start, start), 0,
				       KM_MIN(p->end, end) - KM_MAX(p->start, start));
		km_plat_irq_restore(irq);
	}
	return 0;
}
