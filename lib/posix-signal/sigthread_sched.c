/* SPDX-License-Identifier: BSD-3-Clause */
/* Signal state per lib/sched thread (km_thread_sigmask, km/sched.h). */
#include <km/sched.h>
#include "sigthread.h"

uint64_t *sigthread_mask(void)
{
	return km_thread_sigmask(km_thread_current());
}

uint64_t *sigthread_pending(void)
{
	return km_thread_sigpending(km_thread_current());
}

static int unblocks_some(struct km_thread *t, void *set)
{
	return (*(uint64_t *)set & ~*km_thread_sigmask(t)) != 0;
}

int sigthread_any_unblocked(uint64_t set)
{
	return km_thread_for_each(unblocks_some, &set);
}

static int can_take_one(struct km_thread *t, void *process_pending)
{
	uint64_t ready = *km_thread_sigpending(t) | *(uint64_t *)process_pending;

	return (ready & ~*km_thread_sigmask(t)) != 0;
}

int sigthread_any_deliverable(uint64_t process_pending)
{
	return km_thread_for_each(can_take_one, &process_pending);
}

struct lookup {
	long tid;
	struct km_thread *found;
};

static int has_id(struct km_thread *t, void *arg)
{
	struct lookup *l = arg;

	if (km_thread_id(t) != l->tid)
		return 0;
	l->found = t;
	return 1;
}

uint64_t *sigthread_find(long tid, uint64_t *mask)
{
	struct lookup l = { tid, NULL };

	if (!km_thread_current()) { /* before lib/sched starts: the boot context */
		if (tid != km_thread_id(NULL))
			return NULL;
	} else if (!km_thread_for_each(has_id, &l)) {
		return NULL;
	}
	*mask = *km_thread_sigmask(l.found);
	return km_thread_sigpending(l.found);
}
