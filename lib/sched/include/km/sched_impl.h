/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/sched_impl.h - for scheduling policies (sched-coop, sched-preempt):
 * the thread structure and the ops table they register.
 *
 * A policy owns the set of runnable threads. lib/sched calls it with
 * interrupts off, one call at a time:
 * - enqueue(t): @t became runnable (new, woken, yielded or preempted);
 *   it is not running and not queued.
 * - pick_next(): remove and return the thread to run next, or NULL when
 *   none is runnable (the idle thread runs then).
 * - tick(cur) (optional, preemptive policies): called from the timer every
 *   slice_ns while some thread other than idle runs; returns non-zero to
 *   preempt @cur (it is then enqueued and pick_next() is asked).
 * - slice_ns: 0 for a cooperative policy (no timer ticks at all).
 * A policy MUST NOT block or allocate in these calls. It registers itself
 * with km_sched_register() from an early-class init; only one may.
 */
#ifndef KM_SCHED_IMPL_H
#define KM_SCHED_IMPL_H

#include <km/sched.h>
#include <km/time.h>

struct km_sched_link {
	struct km_sched_link *next, *prev;
};

static inline void km_sched_list_init(struct km_sched_link *h)
{
	h->next = h->prev = h;
}
static inline int km_sched_list_empty(const struct km_sched_link *h)
{
	return h->next == h;
}
static inline void km_sched_list_append(struct km_sched_link *h, struct km_sched_link *n)
{
	n->prev = h->prev;
	n->next = h;
	h->prev->next = n;
	h->prev = n;
}
static inline void km_sched_list_del(struct km_sched_link *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->next = n->prev = n;
}

enum km_thread_state {
	KM_THREAD_READY = 1,
	KM_THREAD_RUNNING,
	KM_THREAD_BLOCKED,
	KM_THREAD_EXITED,
};

struct km_thread {
	void *ctx_sp;		   /* saved stack pointer (arch ctx) */
	uintptr_t tp;		   /* TLS thread pointer */
	struct km_sched_link link; /* run queue (policy) or wait queue */
	enum km_thread_state state;
	int err;		/* this thread's errno */
	struct km_waitq *waitq; /* the queue it blocks on, or NULL */
	int wait_result;
	struct km_timer timer; /* sleep and wait deadlines */
	km_thread_fn_t fn;
	void *arg;
	void *retval;
	unsigned int detached : 1, joined : 1, guarded : 1;
	struct km_waitq joiners;
	void *stack; /* lowest usable byte; NULL: boot stack */
	size_t stack_size;
	void *mem; /* pages holding guard + stack (guard: mem's first page) */
	size_t mem_pages;
	void *tls_area;
	void *private_;		      /* km_thread_private() */
	int tid;		      /* km_thread_id() */
	struct km_sched_link live;    /* live_threads (km_thread_for_each) */
	uint64_t sigmask, sigpending; /* km_thread_sigmask/_sigpending */
	char name[KM_THREAD_NAME_MAX];
};

struct km_sched_ops {
	const char *name;
	void (*enqueue)(struct km_thread *t);
	struct km_thread *(*pick_next)(void);
	int (*tick)(struct km_thread *cur);
	km_nsec_t slice_ns;
};

/* 0, or -EBUSY when a policy is registered already. */
int km_sched_register(const struct km_sched_ops *ops);

#endif /* KM_SCHED_IMPL_H */
