/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The C allocation functions, dispatched to the registered allocator. They
 * add what every allocator would otherwise repeat: NULL handling, errno,
 * argument checks, calloc's overflow check and zeroing, and (with
 * CONFIG_ASSERTIONS) the caller's address for bad-pointer reports.
 *
 * Every call into the allocator runs with interrupts masked
 * (km_plat_irq_save/restore): on one CPU that serialises threads, preempted
 * ones included, and timer functions, at the cost of two platform calls.
 * Work that needs no allocator state (calloc's zeroing) runs unmasked.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/alloc.h>
#include <km/plat/timer.h>

extern struct km_alloc *km_alloc_current; /* alloc.c */

#ifdef CONFIG_ASSERTIONS
#define SET_CALLER(a) ((a)->caller = __builtin_return_address(0))
#else
#define SET_CALLER(a) ((void)0)
#endif

static inline void *nomem(void)
{
	errno = ENOMEM;
	return NULL;
}

void *malloc(size_t size)
{
	struct km_alloc *a = km_alloc_current;
	unsigned long fl;
	void *p;

	if (km_unlikely(!a))
		return nomem();
	fl = km_plat_irq_save();
	p = a->ops->malloc(a, size);
	km_plat_irq_restore(fl);
	return km_likely(p != NULL) ? p : nomem();
}

void free(void *ptr)
{
	struct km_alloc *a = km_alloc_current;
	unsigned long fl;

	if (!ptr || !a)
		return;
	fl = km_plat_irq_save();
	SET_CALLER(a);
	a->ops->free(a, ptr);
	km_plat_irq_restore(fl);
}

void *calloc(size_t nmemb, size_t size)
{
	struct km_alloc *a = km_alloc_current;
	size_t n;
	unsigned long fl;
	void *p;

	if (__builtin_mul_overflow(nmemb, size, &n) || !a)
		return nomem();
	fl = km_plat_irq_save();
	p = a->ops->malloc(a, n);
	km_plat_irq_restore(fl);
	if (!p)
		return nomem();
	return memset(p, 0, n);
}

void *realloc(void *ptr, size_t size)
{
	struct km_alloc *a = km_alloc_current;
	unsigned long fl;
	void *p;

	if (!a)
		return nomem();
	if (!ptr)
		return malloc(size);
	fl = km_plat_irq_save();
	SET_CALLER(a);
	p = a->ops->realloc(a, ptr, size ? size : 1);
	km_plat_irq_restore(fl);
	return p ? p : nomem();
}

static void *do_memalign(size_t align, size_t size, int *err)
{
	struct km_alloc *a = km_alloc_current;
	unsigned long fl;
	void *p;

	if (!KM_IS_POW2(align)) {
		*err = EINVAL;
		return NULL;
	}
	if (!a) {
		*err = ENOMEM;
		return NULL;
	}
	if (align < sizeof(void *))
		align = sizeof(void *);
	fl = km_plat_irq_save();
	p = a->ops->memalign(a, align, size);
	km_plat_irq_restore(fl);
	if (!p)
		*err = ENOMEM;
	return p;
}

void *memalign(size_t align, size_t size)
{
	int err = 0;
	void *p = do_memalign(align, size, &err);

	if (!p)
		errno = err;
	return p;
}

void *aligned_alloc(size_t align, size_t size)
{
	return memalign(align, size);
}

int posix_memalign(void **memptr, size_t align, size_t size)
{
	int err = 0;
	void *p;

	if (align % sizeof(void *))
		return EINVAL;
	p = do_memalign(align, size, &err);
	if (!p)
		return err;
	*memptr = p;
	return 0;
}

size_t malloc_usable_size(void *ptr)
{
	struct km_alloc *a = km_alloc_current;
	unsigned long fl;
	size_t n;

	if (!ptr || !a)
		return 0;
	fl = km_plat_irq_save();
	n = a->ops->usable_size(a, ptr);
	km_plat_irq_restore(fl);
	return n;
}
