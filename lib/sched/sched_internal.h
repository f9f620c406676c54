/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/sched internals shared between its files. */
#ifndef SCHED_INTERNAL_H
#define SCHED_INTERNAL_H

#include <km/plat/timer.h>
#include <km/sched_impl.h>

#define SCHED_PAGE 4096UL

extern struct km_thread *sched_cur;
extern struct km_thread *sched_idle;
extern const struct km_sched_ops *sched_ops;

/* Switch away from the current thread (interrupts off). If it is still
 * RUNNING it is made ready again. Returns when it runs next. */
void sched_schedule(void);
/* Make a blocked or new thread runnable (interrupts off). */
void sched_make_ready(struct km_thread *t);
/* Wake @t out of a wait with @result (interrupts off); no-op unless blocked. */
void sched_wake(struct km_thread *t, int result);
/* After every switch, on the new thread: frees what the old one left. */
void sched_finish_switch(void);

/* thread.c */
struct km_thread *sched_thread_alloc(const char *name, size_t stack_size);
/* A control block for a thread on a caller-owned stack with thread pointer @tp. */
struct km_thread *sched_thread_alloc_on(const char *name, void *stack, size_t stack_size,
					uintptr_t tp);
void sched_thread_free(struct km_thread *t);
void sched_thread_set_name(struct km_thread *t, const char *name);

/* The crash-report text for a fault at @addr (km/plat/memprot.h hook):
 * names the running thread, says when @addr is its guard page. */
const char *sched_fault_describe(uintptr_t addr, char *buf, size_t len);

#endif
