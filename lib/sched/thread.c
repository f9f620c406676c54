/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread memory: one page-granular block per thread from lib/alloc,
 * [guard page][stack ...][TLS area][struct km_thread], so a stack that
 * overflows runs into the guard page and never into its own control block.
 */
#include <errno.h>
#include <string.h>
#include <km/alloc.h>
#include <km/plat/memprot.h>
#include "sched_internal.h"
#include "tls.h" /* arch/<arch>/tls.h */

#define MIN_STACK (16 * 1024UL)

void sched_thread_set_name(struct km_thread *t, const char *name)
{
	size_t n = strlen(name ? name : "thread");

	if (n >= KM_THREAD_NAME_MAX)
		n = KM_THREAD_NAME_MAX - 1;
	memcpy(t->name, name ? name : "thread", n);
	t->name[n] = '\0';
}

struct km_thread *sched_thread_alloc(const char *name, size_t stack_size)
{
	size_t tls = km_arch_tls_area_size();
	size_t tail = KM_ALIGN_UP(sizeof(struct km_thread), 64) + KM_ALIGN_UP(tls, 64);
	size_t pages;
	char *mem;
	struct km_thread *t;

	if (stack_size == 0)
		stack_size = (size_t)CONFIG_LIBSCHED_STACK_KIB << 10;
	if (stack_size > ((size_t)1 << 40)) {
		errno = EINVAL;
		return NULL;
	}
	stack_size = KM_ALIGN_UP(KM_MAX(stack_size, MIN_STACK), SCHED_PAGE);
	pages = 1 + stack_size / SCHED_PAGE + KM_ALIGN_UP(tail, SCHED_PAGE) / SCHED_PAGE;
	mem = km_palloc(pages);
	if (!mem) {
		errno = ENOMEM;
		return NULL;
	}
	t = (struct km_thread *)(mem + pages * SCHED_PAGE - KM_ALIGN_UP(sizeof(*t), 64));
	memset(t, 0, sizeof(*t));
	t->mem = mem;
	t->mem_pages = pages;
	t->stack = mem + SCHED_PAGE;
	t->stack_size = stack_size;
	if (tls) {
		t->tls_area = (char *)t - KM_ALIGN_UP(tls, 64);
		t->tp = km_arch_tls_init(t->tls_area);
	}
	km_sched_list_init(&t->link);
	km_waitq_init(&t->joiners);
	sched_thread_set_name(t, name);
	/* No guard where the platform cannot (km/plat/memprot.h): not fatal. */
	t->guarded = km_plat_page_protect(mem, 1, KM_PLAT_PROT_NONE) == 0;
	return t;
}

struct km_thread *sched_thread_alloc_on(const char *name, void *stack, size_t stack_size,
					uintptr_t tp)
{
	size_t pages = KM_ALIGN_UP(sizeof(struct km_thread), SCHED_PAGE) / SCHED_PAGE;
	char *mem = km_palloc(pages);
	struct km_thread *t;

	if (!mem) {
		errno = ENOMEM;
		return NULL;
	}
	t = (struct km_thread *)mem;
	memset(t, 0, sizeof(*t));
	t->mem = mem; /* the control block only: the stack is the caller's */
	t->mem_pages = pages;
	t->stack = stack;
	t->stack_size = stack_size;
	t->tp = tp;
	km_sched_list_init(&t->link);
	km_waitq_init(&t->joiners);
	sched_thread_set_name(t, name);
	return t;
}

void sched_thread_free(struct km_thread *t)
{
	void *mem = t->mem;
	size_t pages = t->mem_pages;

	if (!mem)
		return; /* the boot context's "main" is never freed */
	if (t->guarded)
		km_plat_page_protect(mem, 1, KM_PLAT_PROT_RW);
	km_pfree(mem, pages);
}
