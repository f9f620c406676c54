/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/sched.h - threads, yield, sleep and wait queues (consumer API of
 * lib/sched). One CPU; the scheduling policy is a Kconfig choice
 * (sched-coop or sched-preempt) that registers a struct km_sched_ops.
 *
 * Contract (callers MAY rely on):
 * - main() runs in a thread named "main" (the boot context becomes it when
 *   lib/sched initialises, lib-class priority 5); init functions that run
 *   before that MUST NOT call this API.
 * - km_thread_create() starts @fn(@arg) on a new stack of @stack_size bytes
 *   (0: CONFIG_LIBSCHED_STACK_KIB; rounded up to pages, at least 16 KiB)
 *   with its own copy of every `__thread` variable and its own errno. The
 *   new thread is runnable; it runs after the threads already runnable (no
 *   thread is picked ahead of an older runnable one). @name is copied
 *   (truncated to KM_THREAD_NAME_MAX - 1 bytes); NULL names it "thread".
 *   Returns NULL with errno = ENOMEM when memory runs out, EINVAL for bad
 *   arguments.
 * - Every stack has an inaccessible guard page below it
 *   (km_plat_page_protect, km/plat/memprot.h) where the platform can give
 *   one (linuxu: always; kvm: while its pool of split 2 MiB mappings
 *   lasts, 16 regions = 32 MiB of heap). Overflowing into it stops the
 *   image with KM_EXIT_CRASH and a report naming the thread and the
 *   address; every crash report also names the running thread.
 * - A thread ends by returning from @fn or calling km_thread_exit(); its
 *   value goes to km_thread_join(). Every thread MUST be joined once or
 *   detached once (not both); a detached thread's memory is freed when it
 *   ends, a joined one's when join returns. main returning ends the image
 *   (exit(status)) whatever other threads are doing.
 * - main MAY end through km_thread_exit() instead (its value is dropped:
 *   main is detached and cannot be joined). Only main's thread ends; the
 *   others keep running, and when the last of them ends the image exits
 *   with status 0 through exit() (atexit handlers run), like a process
 *   whose main called pthread_exit(). Threads that block forever keep the
 *   image running (the idle thread halts).
 * - km_sched_yield() lets every other runnable thread run once before the
 *   caller runs again (round robin).
 * - km_sched_sleep_until(deadline) blocks until the monotonic clock passes
 *   @deadline (ns, km/plat/time.h) and returns 0; it never returns early.
 *   Late by the platform timer's resolution plus scheduling delay (on an
 *   idle linuxu image typically well under 1 ms).
 * - When no thread is runnable the idle thread halts the CPU until the next
 *   timer deadline (km_plat_halt_until); it never busy-waits.
 * - Wait queues: see the KM_WAITQ section below. Wakers MAY run in
 *   interrupt context (timer functions).
 * - Under sched-coop a thread runs until it blocks, yields, sleeps or
 *   exits: a thread that spins starves all others (by design). Under
 *   sched-preempt a thread that keeps running is preempted by the timer
 *   after one to two time slices (CONFIG_LIBSCHED_PREEMPT_SLICE_US) when
 *   another thread is runnable; interrupts-off sections are never
 *   preempted.
 *
 * - Every thread has an id (km_thread_id): main's is 1, later threads get
 *   2, 3, ... in creation order (after INT_MAX it starts at 2 again, so
 *   only then can an id repeat). C libraries use it as the Linux thread id
 *   (gettid).
 * - Thread pointer: a thread starts with FS pointing at lib/sched's own
 *   TLS block for it, or at the @tp given to km_thread_create_on(); main
 *   keeps the one loaded before lib/sched started (a C library's, set
 *   through km_thread_tls_set), else gets lib/sched's. km_thread_tls_set()
 *   changes the calling thread's for good: every switch back to it loads
 *   it again. A C library whose functions read their thread descriptor at
 *   FS (musl) works only in threads it created itself (through
 *   km_thread_create_on), and in main.
 *
 * Non-goals: SMP, priorities, thread cancellation, signal delivery (only
 * the per-thread sets below are kept here), stack growth,
 * CPU-time accounting, killing other threads.
 */
#ifndef KM_SCHED_H
#define KM_SCHED_H

#include <stddef.h>
#include <stdint.h>
#include <km/essentials.h>
#include <km/plat/time.h>

#define KM_THREAD_NAME_MAX 32

struct km_thread;

typedef void *(*km_thread_fn_t)(void *arg);

struct km_thread *km_thread_create(const char *name, size_t stack_size, km_thread_fn_t fn,
				   void *arg);
/*
 * Starts @fn(@arg) on a stack the caller owns ([@stack, @stack + @stack_size),
 * used downwards from its top, 16-byte aligned by this call) with @tp as
 * its thread pointer (FS on x86_64): for C libraries whose thread creation
 * lays out stack, TLS and descriptor itself (musl's clone). lib/sched
 * neither guards nor frees that stack: it MUST stay valid until the thread
 * has ended (after its last switch away, e.g. when a later thread runs).
 * Everything else is as km_thread_create() (join/detach, exit, errno).
 * Returns NULL with errno = ENOMEM or EINVAL (NULL @fn or @stack, or a
 * stack smaller than 256 bytes).
 */
struct km_thread *km_thread_create_on(const char *name, void *stack, size_t stack_size,
				      uintptr_t tp, km_thread_fn_t fn, void *arg);
/* Makes @tp the calling thread's thread pointer, loaded now and at every
 * switch back to it. Before lib/sched starts it only loads it (main then
 * keeps it). */
void km_thread_tls_set(uintptr_t tp);
/* The thread's id (see above); 1 for NULL (the boot context, which
 * becomes main). */
int km_thread_id(const struct km_thread *t);
/* One pointer per thread for the library that created it (NULL at first):
 * e.g. lib/posix-thread's record of a clone()d thread. */
void km_thread_set_private(struct km_thread *t, void *p);
void *km_thread_private(const struct km_thread *t); /* NULL for NULL */
/*
 * Per-thread signal state for lib/posix-signal (lib/sched gives it no
 * meaning): the blocked set and the thread-directed pending set, bit
 * (sig - 1). A new thread starts with a copy of its creator's blocked set
 * (as Linux's clone) and nothing pending; main starts with both empty.
 * Never NULL: for NULL (before lib/sched starts) the boot context's.
 */
uint64_t *km_thread_sigmask(struct km_thread *t);
uint64_t *km_thread_sigpending(struct km_thread *t);
/*
 * Calls @fn(t, @arg) for every thread that has started and not yet ended
 * (main included while it runs, idle never), oldest first, with interrupts
 * off (so @fn MUST NOT block, allocate or create threads); stops at the
 * first non-zero return and returns it, else 0. Callable from interrupt
 * context.
 */
int km_thread_for_each(int (*fn)(struct km_thread *t, void *arg), void *arg);

/* Waits for @t to end, stores its value in *@retval (if non-NULL), frees it.
 * Returns 0, -EINVAL (t detached or already joined), -EDEADLK (t is the caller). */
int km_thread_join(struct km_thread *t, void **retval);
/* Returns 0 or -EINVAL (already detached or joined). */
int km_thread_detach(struct km_thread *t);
void km_thread_exit(void *retval) __km_noreturn;

struct km_thread *km_thread_current(void);
const char *km_thread_name(const struct km_thread *t);

void km_sched_yield(void);
int km_sched_sleep_until(km_nsec_t deadline);
int km_sched_sleep_ns(km_nsec_t ns);
/* Name of the registered policy ("coop", "preempt"). */
const char *km_sched_name(void);
/* Number of context switches so far (for tests and statistics). */
unsigned long km_sched_switches(void);

/*
 * Wait queues. A thread blocks on a queue until another thread or an
 * interrupt wakes it, or until an optional deadline.
 *
 * Lost wake-ups are avoided by checking the condition and blocking with
 * interrupts off (one CPU: nothing else runs in between):
 *
 *	#include <km/plat/timer.h>	// km_plat_irq_save/restore
 *
 *	unsigned long fl = km_plat_irq_save();
 *	while (!cond)
 *		km_waitq_wait_irqoff(&wq, 0);
 *	... consume ...
 *	km_plat_irq_restore(fl);
 *
 * km_waitq_wait_irqoff() MUST be called with interrupts off, from a thread
 * (never the idle thread or interrupt context); it returns with them still
 * off: 0 when woken, -ETIMEDOUT when @deadline (monotonic ns, 0 = none)
 * passed first. Wake-ups MAY be spurious from the caller's view (another
 * thread may have taken what it was woken for): always re-check.
 * km_waitq_wake_one() wakes the longest waiting thread, km_waitq_wake_all()
 * every one; both return how many they woke and work in any context.
 */
struct km_waitq {
	void *head_next, *head_prev; /* private */
};
#define KM_WAITQ_INIT(wq)                                                                          \
	{                                                                                          \
		&(wq), &(wq)                                                                       \
	}

void km_waitq_init(struct km_waitq *wq);
int km_waitq_wait_irqoff(struct km_waitq *wq, km_nsec_t deadline);
int km_waitq_wake_one(struct km_waitq *wq);
int km_waitq_wake_all(struct km_waitq *wq);
int km_waitq_empty(struct km_waitq *wq);

#endif /* KM_SCHED_H */
