/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The C allocation functions, dispatched to the registered allocator. They
 * add what every allocator would otherwise repeat: NULL handling, errno,
 * argument checks, calloc's overflow check and zeroing, and (with
 * CONFIG_ASSERTIONS) the caller's address for bad-pointer reports.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/alloc.h>

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
	void *p;

	if (km_unlikely(!a))
		return nomem();
	p = a->ops->malloc(a, size);
	return km_likely(p != NULL) ? p : nomem();
}

void free(void *ptr)
{
	struct km_alloc *a = km_alloc_current;

	if (!ptr || !a)
		return;
	SET_CALLER(a);
	a->ops->free(a, ptr);
}

void *calloc(size_t nmemb, size_t size)
{
	struct km_alloc *a = km_alloc_current;
	size_t n;
	void *p;

	if (__builtin_mul_overflow(nmemb, size, &n) || !a)
		return nomem();
	p = a->ops->malloc(a, n);
	if (!p)
		return nomem();
	return memset(p, 0, n);
}

void *realloc(void *ptr, size_t size)
{
	struct km_alloc *a = km_alloc_current;
	void *p;

	if (!a)
		return nomem();
	if (!ptr)
		return malloc(size);
	SET_CALLER(a);
	p = a->ops->realloc(a, ptr, size ? size : 1);
	return p ? p : nomem();
}

static void *do_memalign(size_t align, size_t size, int *err)
{
	struct km_alloc *a = km_alloc_current;
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
	p = a->ops->memalign(a, align, size);
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

	return ptr && a ? a->ops->usable_size(a, ptr) : 0;
}
