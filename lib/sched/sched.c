/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The scheduler core: switching, yield, sleep, the idle thread, preemption
 * ticks and the boot context becoming "main". The policy (who runs next)
 * is the registered struct km_sched_ops.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <km/exit.h>
#include <km/init.h>
#include <km/plat/lifecycle.h>
#include <km/plat/memprot.h>
#include <km/plat/tls.h>
#include <km/print.h>
#include "sched_internal.h"
#include <km/alloc.h>
#include "ctx.h" /* arch/<arch>/ctx.h */
#include "tls.h" /* arch/<arch>/tls.h */

struct km_thread *sched_cur;
struct km_thread *sched_idle;
const struct km_sched_ops *sched_ops;

static struct km_thread *zombie; /* detached thread to free after a switch */
static unsigned int nr_live;	 /* threads not yet ended, idle aside */
static unsigned long nr_switches;
static int need_resched;
static int tick_on;
static struct km_timer tick_timer;

int km_sched_register(const struct km_sched_ops *ops)
{
	if (sched_ops)
		return -EBUSY;
	sched_ops = ops;
	return 0;
}

const char *km_sched_name(void)
{
	return sched_ops ? sched_ops->name : "none";
}

unsigned long km_sched_switches(void)
{
	return nr_switches;
}

struct km_thread *km_thread_current(void)
{
	return sched_cur;
}

const char *km_thread_name(const struct km_thread *t)
{
	return t ? t->name : "boot";
}

const char *sched_fault_describe(uintptr_t addr, char *buf, size_t len)
{
	struct km_thread *t = sched_cur;

	if (!t)
		return NULL;
	if (t->guarded && addr >= (uintptr_t)t->mem && addr < (uintptr_t)t->mem + SCHED_PAGE)
		snprintf(buf, len, "stack overflow in thread '%s' (guard page at %#lx)", t->name,
			 (unsigned long)addr);
	else
		snprintf(buf, len, "in thread '%s'", t->name);
	return buf;
}

/* Per-thread errno: overrides nolibc's weak single int. */
static int boot_errno;
int *__km_errno_location(void)
{
	return sched_cur ? &sched_cur->err : &boot_errno;
}

static void tick_fn(struct km_timer *t, void *arg)
{
	if (!tick_on)
		return;
	if (sched_ops->tick && sched_cur != sched_idle && sched_ops->tick(sched_cur))
		need_resched = 1;
	km_timer_start(&tick_timer, t->deadline + sched_ops->slice_ns);
}

static void tick_start(void)
{
	tick_on = 1;
	km_timer_start(&tick_timer, km_plat_monotonic_ns() + sched_ops->slice_ns);
}

static void tick_stop(void)
{
	tick_on = 0;
	km_timer_stop(&tick_timer);
}

/* Runs after each platform timer interrupt, interrupts off. */
static void sched_irq_exit(void)
{
	if (need_resched && sched_cur != sched_idle) {
		need_resched = 0;
		sched_schedule();
	}
}

void sched_finish_switch(void)
{
	if (zombie) {
		struct km_thread *z = zombie;

		zombie = NULL;
		sched_thread_free(z);
	}
}

static void switch_to(struct km_thread *prev, struct km_thread *next)
{
	nr_switches++;
	if (sched_ops->slice_ns) {
		if (next == sched_idle)
			tick_stop();
		else if (!tick_on)
			tick_start();
	}
	sched_cur = next;
	if (next->tp != prev->tp)
		km_plat_tls_set(next->tp);
	km_arch_ctx_switch(&prev->ctx_sp, next->ctx_sp);
	sched_finish_switch();
}

void sched_schedule(void)
{
	struct km_thread *prev = sched_cur, *next;

	if (prev->state == KM_THREAD_RUNNING) {
		prev->state = KM_THREAD_READY;
		if (prev != sched_idle)
			sched_ops->enqueue(prev);
	}
	next = sched_ops->pick_next();
	if (!next)
		next = sched_idle;
	next->state = KM_THREAD_RUNNING;
	if (next != prev)
		switch_to(prev, next);
}

void sched_make_ready(struct km_thread *t)
{
	t->state = KM_THREAD_READY;
	sched_ops->enqueue(t);
}

void sched_wake(struct km_thread *t, int result)
{
	if (t->state != KM_THREAD_BLOCKED)
		return;
	if (t->waitq) {
		km_sched_list_del(&t->link);
		t->waitq = NULL;
	}
	t->wait_result = result;
	sched_make_ready(t);
}

void km_sched_yield(void)
{
	unsigned long fl = km_plat_irq_save();

	sched_schedule();
	km_plat_irq_restore(fl);
}

static void timeout_fn(struct km_timer *tm, void *arg)
{
	sched_wake(arg, -ETIMEDOUT);
}

int km_sched_sleep_until(km_nsec_t deadline)
{
	unsigned long fl = km_plat_irq_save();
	struct km_thread *t = sched_cur;

	while (km_plat_monotonic_ns() < deadline) {
		t->state = KM_THREAD_BLOCKED;
		km_timer_start(&t->timer, deadline);
		sched_schedule();
	}
	km_plat_irq_restore(fl);
	return 0;
}

int km_sched_sleep_ns(km_nsec_t ns)
{
	return km_sched_sleep_until(km_plat_monotonic_ns() + ns);
}

/* The idle thread: runs when nothing else can, halts until the next timer. */
static void *idle_main(void *arg)
{
	for (;;) {
		unsigned long fl = km_plat_irq_save();
		km_nsec_t d;

		sched_schedule();
		/* Back here: nothing runnable. Interrupts stay off so a timer
		 * that fires now is delivered when the halt ends (at once). */
		d = km_timer_next_deadline();
		if (!d)
			d = km_plat_monotonic_ns() + 3600 * KM_NSEC_PER_SEC;
		km_plat_halt_until(d);
		km_plat_irq_restore(fl);
	}
	return NULL;
}

static void thread_start(void *arg)
{
	struct km_thread *t = arg;

	sched_finish_switch();
	/* Switches happen with interrupts masked; a thread starts with them
	 * on (KM_PLAT_IRQ_ON is the contract's "were enabled" value). */
	km_plat_irq_restore(KM_PLAT_IRQ_ON);
	km_thread_exit(t->fn(t->arg));
}

static int next_tid = 2; /* main is 1 */
static struct km_sched_link live_threads = { &live_threads, &live_threads };
/* The boot context's signal state until it becomes main. */
static uint64_t boot_sigmask, boot_sigpending;

static struct km_thread *thread_start_new(struct km_thread *t, km_thread_fn_t fn, void *arg)
{
	unsigned long fl;

	t->fn = fn;
	t->arg = arg;
	km_timer_init(&t->timer, timeout_fn, t);
	t->ctx_sp = km_arch_ctx_init(t->stack, t->stack_size, thread_start, t);
	fl = km_plat_irq_save();
	t->sigmask = *km_thread_sigmask(sched_cur);
	t->sigpending = 0;
	km_sched_list_append(&live_threads, &t->live);
	t->tid = next_tid;
	next_tid = next_tid == INT_MAX ? 2 : next_tid + 1;
	nr_live++;
	sched_make_ready(t);
	km_plat_irq_restore(fl);
	return t;
}

struct km_thread *km_thread_create(const char *name, size_t stack_size, km_thread_fn_t fn,
				   void *arg)
{
	struct km_thread *t;

	if (!fn || !sched_ops || !sched_cur) {
		errno = EINVAL;
		return NULL;
	}
	t = sched_thread_alloc(name, stack_size);
	return t ? thread_start_new(t, fn, arg) : NULL;
}

struct km_thread *km_thread_create_on(const char *name, void *stack, size_t stack_size,
				      uintptr_t tp, km_thread_fn_t fn, void *arg)
{
	struct km_thread *t;

	if (!fn || !stack || stack_size < 256 || !sched_ops || !sched_cur) {
		errno = EINVAL;
		return NULL;
	}
	t = sched_thread_alloc_on(name, stack, stack_size, tp);
	return t ? thread_start_new(t, fn, arg) : NULL;
}

void km_thread_tls_set(uintptr_t tp)
{
	unsigned long fl = km_plat_irq_save();

	if (sched_cur)
		sched_cur->tp = tp;
	km_plat_tls_set(tp);
	km_plat_irq_restore(fl);
}

int km_thread_id(const struct km_thread *t)
{
	return t ? t->tid : 1; /* before lib/sched starts: the boot context, main-to-be */
}

void km_thread_set_private(struct km_thread *t, void *p)
{
	t->private_ = p;
}

void *km_thread_private(const struct km_thread *t)
{
	return t ? t->private_ : NULL;
}

uint64_t *km_thread_sigmask(struct km_thread *t)
{
	return t ? &t->sigmask : &boot_sigmask;
}

uint64_t *km_thread_sigpending(struct km_thread *t)
{
	return t ? &t->sigpending : &boot_sigpending;
}

int km_thread_for_each(int (*fn)(struct km_thread *t, void *arg), void *arg)
{
	unsigned long fl = km_plat_irq_save();
	int ret = 0;

	for (struct km_sched_link *l = live_threads.next; l != &live_threads && !ret; l = l->next)
		ret = fn(KM_CONTAINER_OF(l, struct km_thread, live), arg);
	km_plat_irq_restore(fl);
	return ret;
}

void km_thread_exit(void *retval)
{
	struct km_thread *t = sched_cur;
	unsigned long fl = km_plat_irq_save();

	if (nr_live == 1) {
		/* The last thread: main ended through here earlier, and the
		 * image ends as a process whose main called pthread_exit(). */
		km_plat_irq_restore(fl);
		exit(KM_EXIT_OK);
	}
	nr_live--;
	km_sched_list_del(&t->live);
	t->retval = retval;
	t->state = KM_THREAD_EXITED;
	km_timer_stop(&t->timer);
	if (!t->mem)
		; /* main, on the boot stack: nothing to free, nobody joins it */
	else if (t->detached)
		zombie = t; /* freed by the next thread, once off this stack */
	else
		km_waitq_wake_all(&t->joiners);
	sched_schedule();
	__builtin_unreachable();
}

int km_thread_join(struct km_thread *t, void **retval)
{
	unsigned long fl;

	if (!t)
		return -EINVAL;
	if (t == sched_cur)
		return -EDEADLK;
	fl = km_plat_irq_save();
	if (t->detached || t->joined) {
		km_plat_irq_restore(fl);
		return -EINVAL;
	}
	t->joined = 1;
	while (t->state != KM_THREAD_EXITED)
		km_waitq_wait_irqoff(&t->joiners, 0);
	km_plat_irq_restore(fl);
	if (retval)
		*retval = t->retval;
	sched_thread_free(t);
	return 0;
}

int km_thread_detach(struct km_thread *t)
{
	unsigned long fl = km_plat_irq_save();
	int ret = 0;

	if (!t || t->detached || t->joined)
		ret = -EINVAL;
	else if (t->state == KM_THREAD_EXITED)
		sched_thread_free(t);
	else
		t->detached = 1;
	km_plat_irq_restore(fl);
	return ret;
}

/* The boot context becomes the thread "main"; idle gets a stack of its own. */
static struct km_thread main_thread;

static int sched_init(void)
{
	size_t tls;

	if (!sched_ops) {
		km_pr_crit(
			"no scheduling policy registered (enable sched-coop or sched-preempt)\n");
		return -ENODEV;
	}
	sched_idle = sched_thread_alloc("idle", 0);
	if (!sched_idle)
		return -ENOMEM;
	sched_idle->fn = idle_main;
	km_timer_init(&sched_idle->timer, timeout_fn, sched_idle);
	sched_idle->ctx_sp = km_arch_ctx_init(sched_idle->stack, sched_idle->stack_size,
					      thread_start, sched_idle);
	sched_idle->state = KM_THREAD_READY;

	tls = km_arch_tls_area_size();
	main_thread.tp = km_plat_tls_get();
	if (main_thread.tp) {
		/* A C library set up main's thread pointer before us (musl's
		 * descriptor, through km_thread_tls_set): main keeps it. */
	} else if (tls) {
		main_thread.tls_area = km_palloc(KM_ALIGN_UP(tls, SCHED_PAGE) / SCHED_PAGE);
		if (!main_thread.tls_area)
			return -ENOMEM;
		main_thread.tp = km_arch_tls_init(main_thread.tls_area);
	}
	km_sched_list_init(&main_thread.link);
	km_waitq_init(&main_thread.joiners);
	km_timer_init(&main_thread.timer, timeout_fn, &main_thread);
	sched_thread_set_name(&main_thread, "main");
	main_thread.state = KM_THREAD_RUNNING;
	main_thread.err = boot_errno;
	main_thread.detached = 1;
	main_thread.tid = 1;
	main_thread.sigmask = boot_sigmask;
	main_thread.sigpending = boot_sigpending;
	km_sched_list_append(&live_threads, &main_thread.live);
	nr_live = 1;
	sched_cur = &main_thread;
	km_plat_tls_set(main_thread.tp);

	km_plat_fault_describe_register(sched_fault_describe);
	km_time_set_sleeper(km_sched_sleep_until);
	if (sched_ops->slice_ns) {
		km_timer_init(&tick_timer, tick_fn, NULL);
		km_time_set_irq_exit(sched_irq_exit);
		tick_start();
	}
	km_pr_info("scheduler %s, TLS %zu bytes per thread\n", sched_ops->name, tls);
	return 0;
}
KM_INIT_LIB_REQUIRED(sched_init, 5);
