/* SPDX-License-Identifier: BSD-3-Clause */
/* Without lib/sched the image is one thread, id 1 (km_thread_id(NULL)). */
#include <stddef.h>
#include "sigthread.h"

static uint64_t mask, pending;

uint64_t *sigthread_mask(void)
{
	return &mask;
}

uint64_t *sigthread_pending(void)
{
	return &pending;
}

int sigthread_any_unblocked(uint64_t set)
{
	return (set & ~mask) != 0;
}

int sigthread_any_deliverable(uint64_t process_pending)
{
	return ((pending | process_pending) & ~mask) != 0;
}

uint64_t *sigthread_find(long tid, uint64_t *mask_out)
{
	if (tid != 1)
		return NULL;
	*mask_out = mask;
	return &pending;
}
