/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/alloc.h - memory allocation (consumer API of lib/alloc).
 *
 * One allocator is chosen in Kconfig (buddy, region or TLSF); it registers
 * itself with km_alloc_register() and lib/alloc feeds it every
 * KM_REGION_FREE region of the boot info in a lib-class init. The C
 * functions malloc, calloc, realloc, free, posix_memalign, memalign,
 * aligned_alloc and malloc_usable_size are defined by lib/alloc and
 * dispatch to that allocator.
 *
 * Contract (every allocator):
 * - malloc/calloc/realloc/memalign return memory aligned to at least
 *   KM_ALLOC_MIN_ALIGN (16) bytes, or NULL with errno = ENOMEM when the heap
 *   is exhausted (never a crash). Before the heap init has run, every
 *   allocation fails that way.
 * - malloc(0) returns a unique pointer that MUST be freed; realloc(p, 0)
 *   returns a minimum-size allocation (as musl does), realloc(NULL, n) is
 *   malloc(n). calloc checks nmemb * size for overflow (ENOMEM).
 * - memalign/aligned_alloc/posix_memalign accept any power-of-two alignment
 *   (posix_memalign also requires a multiple of sizeof(void *); EINVAL
 *   otherwise). posix_memalign leaves errno alone and returns the error.
 * - km_palloc(n) returns n * KM_ALLOC_PAGE_SIZE bytes aligned to a page;
 *   it MUST be released with km_pfree(p, n) using the same n.
 * - malloc_usable_size(p) is at least the size asked for; callers MAY use
 *   the whole of it.
 * - Statistics (struct km_alloc_stats) are kept per allocator instance:
 *   in_use and peak count usable bytes of live allocations, nr_allocs and
 *   nr_frees count successful allocations and frees (a realloc that stays
 *   in place counts as neither), nr_failures counts NULL returns.
 *   requested counts the bytes live allocations asked for, each rounded
 *   up to the allocator's unit (TLSF, region: 16 bytes, at least 16;
 *   buddy: its power-of-two block): unlike in_use, which also holds the
 *   tails of free blocks too small to split off, it depends only on what
 *   is live, so the same live allocations always give the same figure
 *   (leak checks compare it).
 * - With CONFIG_ASSERTIONS, free/realloc/km_pfree of a pointer that was
 *   already freed, that the allocator never returned, or whose block
 *   header was overwritten are reported through km_pr_crit with the
 *   caller's address and the image aborts (status KM_EXIT_CRASH).
 *   Detection is best effort: a freed block that was handed out again
 *   cannot be told from a live one.
 *
 * - Thread and interrupt safety: every function of this header and of the
 *   malloc family MAY be called from any thread, preempted or not, and from
 *   interrupt context (timer functions). lib/alloc serialises each call
 *   into the allocator by masking interrupts around it
 *   (km_plat_irq_save/restore; one CPU, so nothing else runs meanwhile):
 *   allocators need no locking of their own and MUST NOT block. The cost
 *   is two platform calls per operation; an operation's time with
 *   interrupts masked is the allocator's (realloc's copy included).
 *
 * Non-goals: SMP (masking interrupts serialises one CPU only), more than
 * one registered allocator at a time, returning memory to the platform,
 * NUMA.
 */
#ifndef KM_ALLOC_H
#define KM_ALLOC_H

#include <stddef.h>
#include <stdint.h>
#include <km/essentials.h>

#define KM_ALLOC_PAGE_SIZE 4096UL
#define KM_ALLOC_MIN_ALIGN 16UL

struct km_alloc;

struct km_alloc_stats {
	size_t heap;	      /* bytes given to the allocator (add_memory) */
	size_t in_use;	      /* usable bytes of live allocations */
	size_t peak;	      /* highest in_use so far */
	size_t requested;     /* bytes asked for by live allocations, rounded (above) */
	uint64_t nr_allocs;   /* successful allocations */
	uint64_t nr_frees;    /* frees (free, pfree, realloc that moved) */
	uint64_t nr_failures; /* allocations that returned NULL */
};

/*
 * An allocator. Pointers given to free, realloc, usable_size and pfree are
 * never NULL (lib/alloc filters NULL); sizes given to realloc are > 0;
 * align is a power of two >= sizeof(void *). A failed operation returns
 * NULL and counts a failure; lib/alloc sets errno.
 */
struct km_alloc_ops {
	const char *name; /* "tlsf", "buddy", "region" */
	/* Give [base, base + len) to the allocator: 0, or -EINVAL when unusable. */
	int (*add_memory)(struct km_alloc *a, void *base, size_t len);
	void *(*malloc)(struct km_alloc *a, size_t size);
	void (*free)(struct km_alloc *a, void *ptr);
	void *(*realloc)(struct km_alloc *a, void *ptr, size_t size);
	void *(*memalign)(struct km_alloc *a, size_t align, size_t size);
	void *(*palloc)(struct km_alloc *a, size_t npages);
	void (*pfree)(struct km_alloc *a, void *ptr, size_t npages);
	size_t (*usable_size)(struct km_alloc *a, void *ptr);
	/* Bytes still free (the largest single allocation MAY be smaller). */
	size_t (*available)(struct km_alloc *a);
};

/* The common head of every allocator instance (embed it, first or not). */
struct km_alloc {
	const struct km_alloc_ops *ops;
	struct km_alloc_stats stats;
	void *caller; /* with CONFIG_ASSERTIONS: who called the current operation */
};

/* Make @a the allocator behind malloc and friends: 0, or -EBUSY if one is. */
int km_alloc_register(struct km_alloc *a);
/* The registered allocator, or NULL. */
struct km_alloc *km_alloc_get(void);
/* Give more memory to the registered allocator: 0 or -errno. */
int km_alloc_add_memory(void *base, size_t len);

void *km_palloc(size_t npages);
void km_pfree(void *ptr, size_t npages);
/* Bytes still free in the registered allocator (0 when none). */
size_t km_alloc_available(void);
/* Copy the registered allocator's statistics: 0, or -ENODEV when none. */
int km_alloc_stats_get(struct km_alloc_stats *st);

/* Provided by lib/alloc next to the <stdlib.h> ones (glibc's <malloc.h>). */
void *memalign(size_t align, size_t size);
size_t malloc_usable_size(void *ptr);

#endif /* KM_ALLOC_H */
