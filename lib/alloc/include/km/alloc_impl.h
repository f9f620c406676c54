/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/alloc_impl.h - for allocator implementations (lib/alloc-*).
 *
 * Header-only except km_alloc_report(), so an allocator's algorithm code
 * compiles on the host: lib/alloc defines km_alloc_report() for images
 * (km_pr_crit + abort), host tests define their own.
 *
 * An implementation MUST keep a->stats with the helpers below, MUST check
 * pointers given to free/realloc/pfree when KM_ALLOC_CHECKS is 1 and report
 * a bad one with km_alloc_report() before touching any state, and MUST
 * leave its state unchanged when km_alloc_report() returns (host tests).
 */
#ifndef KM_ALLOC_IMPL_H
#define KM_ALLOC_IMPL_H

#include <km/alloc.h>

#ifdef CONFIG_ASSERTIONS
#define KM_ALLOC_CHECKS 1
#else
#define KM_ALLOC_CHECKS 0
#endif

/* Why a pointer was refused; km_alloc_report() prints the text. */
enum km_alloc_bad {
	KM_ALLOC_DOUBLE_FREE = 1,
	KM_ALLOC_FOREIGN,   /* not a pointer this allocator returned */
	KM_ALLOC_CORRUPT,   /* the block's header (or a neighbour's) is damaged */
	KM_ALLOC_BAD_PAGES, /* pfree with a page count that does not match */
};

void km_alloc_report(struct km_alloc *a, enum km_alloc_bad why, const void *ptr);

/* @n usable bytes for a request of @asked (rounded to the allocator's unit). */
static inline void km_alloc_stat_alloc(struct km_alloc *a, size_t n, size_t asked)
{
	a->stats.requested += asked;
	a->stats.in_use += n;
	if (a->stats.in_use > a->stats.peak)
		a->stats.peak = a->stats.in_use;
	a->stats.nr_allocs++;
}

static inline void km_alloc_stat_free(struct km_alloc *a, size_t n, size_t asked)
{
	a->stats.requested -= asked;
	a->stats.in_use -= n;
	a->stats.nr_frees++;
}

/* An in-place resize from @old to @new usable bytes (@old_asked to
 * @new_asked asked for). */
static inline void km_alloc_stat_resize(struct km_alloc *a, size_t old, size_t new,
					size_t old_asked, size_t new_asked)
{
	a->stats.requested = a->stats.requested - old_asked + new_asked;
	a->stats.in_use = a->stats.in_use - old + new;
	if (a->stats.in_use > a->stats.peak)
		a->stats.peak = a->stats.in_use;
}

static inline void *km_alloc_stat_fail(struct km_alloc *a)
{
	a->stats.nr_failures++;
	return NULL;
}

static inline unsigned int km_alloc_log2_floor(size_t v) /* v > 0 */
{
	return (unsigned int)(63 - __builtin_clzl(v));
}

static inline unsigned int km_alloc_log2_ceil(size_t v) /* v > 0 */
{
	return v <= 1 ? 0 : km_alloc_log2_floor(v - 1) + 1;
}

#endif /* KM_ALLOC_IMPL_H */
