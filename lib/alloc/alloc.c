/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The registered allocator, page allocation, statistics, and the init that
 * feeds the heap: every KM_REGION_FREE region of the boot info, taken in a
 * lib-class init (after the platform's plat-class inits have added theirs,
 * and after the chosen allocator registered itself at priority 0).
 * Allocator calls run with interrupts masked, as in libc.c.
 */
#include <errno.h>
#include <km/alloc.h>
#include <km/init.h>
#include <km/plat/bootinfo.h>
#include <km/plat/timer.h>
#include <km/print.h>

struct km_alloc *km_alloc_current;

int km_alloc_register(struct km_alloc *a)
{
	if (km_alloc_current)
		return -EBUSY;
	km_alloc_current = a;
	return 0;
}

struct km_alloc *km_alloc_get(void)
{
	return km_alloc_current;
}

int km_alloc_add_memory(void *base, size_t len)
{
	struct km_alloc *a = km_alloc_current;
	unsigned long fl;
	int rc;

	if (!a)
		return -ENODEV;
	fl = km_plat_irq_save();
	rc = a->ops->add_memory(a, base, len);
	km_plat_irq_restore(fl);
	return rc;
}

void *km_palloc(size_t npages)
{
	struct km_alloc *a = km_alloc_current;
	unsigned long fl;
	void *p;

	if (!a || !npages) {
		errno = a ? EINVAL : ENOMEM;
		return NULL;
	}
	fl = km_plat_irq_save();
#ifdef CONFIG_ASSERTIONS
	a->caller = __builtin_return_address(0);
#endif
	p = a->ops->palloc(a, npages);
	km_plat_irq_restore(fl);
	if (!p)
		errno = ENOMEM;
	return p;
}

void km_pfree(void *ptr, size_t npages)
{
	struct km_alloc *a = km_alloc_current;
	unsigned long fl;

	if (!ptr || !a)
		return;
	fl = km_plat_irq_save();
#ifdef CONFIG_ASSERTIONS
	a->caller = __builtin_return_address(0);
#endif
	a->ops->pfree(a, ptr, npages);
	km_plat_irq_restore(fl);
}

size_t km_alloc_available(void)
{
	struct km_alloc *a = km_alloc_current;
	unsigned long fl;
	size_t n;

	if (!a)
		return 0;
	fl = km_plat_irq_save();
	n = a->ops->available(a);
	km_plat_irq_restore(fl);
	return n;
}

int km_alloc_stats_get(struct km_alloc_stats *st)
{
	unsigned long fl;

	if (!km_alloc_current)
		return -ENODEV;
	fl = km_plat_irq_save();
	*st = km_alloc_current->stats;
	km_plat_irq_restore(fl);
	return 0;
}

static int alloc_heap_init(void)
{
	struct km_bootinfo *bi = km_bootinfo_get();
	struct km_alloc *a = km_alloc_current;
	unsigned int added = 0;

	if (!a) {
		km_pr_crit("no allocator registered (is one chosen in Kconfig?)\n");
		return -ENODEV;
	}
	for (unsigned int i = 0; i < bi->nr_regions; i++) {
		struct km_region *r = &bi->regions[i];
		int rc;

		if (r->type != KM_REGION_FREE)
			continue;
		rc = a->ops->add_memory(a, (void *)r->base, r->len);
		if (rc) {
			km_pr_warn("%s: region %#lx+%zu KiB (%s) not used: error %d\n",
				   a->ops->name, (unsigned long)r->base, r->len >> 10,
				   r->name ? r->name : "?", rc);
			continue;
		}
		added++;
	}
	km_pr_info("%s: %zu KiB heap in %u region(s)\n", a->ops->name, a->stats.heap >> 10, added);
	if (!added) {
		km_pr_crit("%s: no free memory region in the boot info\n", a->ops->name);
		return -ENOMEM;
	}
	return 0;
}
KM_INIT_LIB_REQUIRED(alloc_heap_init, 1);
