/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's reentrant allocation entry points on lib/alloc's malloc family.
 * newlib's own code (stdio buffers, strdup, the environment, ...) calls
 * _malloc_r and friends, and the application calls malloc: both must reach
 * one heap, Kumiki's, which is already locked against threads and
 * interrupts and reports bad frees. newlib's dlmalloc (growing through
 * sbrk) is therefore never linked: these definitions come before libc.a.
 * The reent argument only names where errno goes, and lib/alloc sets the
 * calling thread's errno already.
 */
#include <malloc.h>
#include <reent.h>
#include <stdlib.h>

void *_malloc_r(struct _reent *r __attribute__((unused)), size_t size)
{
	return malloc(size);
}

void _free_r(struct _reent *r __attribute__((unused)), void *ptr)
{
	free(ptr);
}

void *_calloc_r(struct _reent *r __attribute__((unused)), size_t nmemb, size_t size)
{
	return calloc(nmemb, size);
}

void *_realloc_r(struct _reent *r __attribute__((unused)), void *ptr, size_t size)
{
	return realloc(ptr, size);
}

void *_memalign_r(struct _reent *r __attribute__((unused)), size_t align, size_t size)
{
	return memalign(align, size);
}

size_t _malloc_usable_size_r(struct _reent *r __attribute__((unused)), void *ptr)
{
	return malloc_usable_size(ptr);
}
