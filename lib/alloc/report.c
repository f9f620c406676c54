/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A bad pointer given to free/realloc/pfree (checked with CONFIG_ASSERTIONS):
 * one km_pr_crit line naming the allocator, the pointer and the caller's
 * address (resolve it with addr2line on the .dbg image), then abort().
 */
#include <stdlib.h>
#include <km/alloc_impl.h>
#include <km/print.h>

static const char *why_text(enum km_alloc_bad why)
{
	switch (why) {
	case KM_ALLOC_DOUBLE_FREE:
		return "double free";
	case KM_ALLOC_FOREIGN:
		return "free of a pointer it never returned";
	case KM_ALLOC_CORRUPT:
		return "corrupted block header (overflow, or a pointer into a block)";
	case KM_ALLOC_BAD_PAGES:
		return "page free with a wrong address or page count";
	}
	return "bad pointer";
}

void km_alloc_report(struct km_alloc *a, enum km_alloc_bad why, const void *ptr)
{
	km_pr_crit("%s: %s: %p (caller %p)\n", a->ops->name, why_text(why), ptr, a->caller);
	abort();
}
