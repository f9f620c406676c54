/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/lock.h - locks for lib/sched threads (consumer API of lib/lock).
 *
 * One CPU. Every lock is a plain struct the caller owns, statically
 * initialised with its KM_*_INIT macro or with its _init function; none
 * allocates. Deadlines are monotonic ns (km/plat/time.h), 0 = wait forever;
 * a wait that reaches its deadline returns -ETIMEDOUT. Waiters are woken in
 * FIFO order, but a woken waiter competes again with threads that arrive
 * before it runs (no hand-off), so fairness is not guaranteed.
 *
 * - Spinlock: disables interrupts (so also preemption) while held; for
 *   short sections shared with timer functions. MUST NOT be held across
 *   anything that blocks. Taking a held spinlock is a deadlock on one CPU
 *   and, with CONFIG_ASSERTIONS, aborts.
 * - Mutex: blocking, owned; unlocking a mutex the caller does not hold
 *   returns -EPERM. km_mutex_init(m, 1) makes it recursive (counted);
 *   locking a non-recursive mutex the caller holds returns -EDEADLK.
 *   Not for interrupt context.
 * - Semaphore: counting; km_sem_up() MAY be called from interrupt context.
 * - Condition variable: wait atomically releases the mutex and blocks, and
 *   re-acquires it before returning (also on timeout). Spurious wake-ups
 *   are possible: wait in a loop on the predicate.
 * - Rwlock: many readers or one writer; writers are preferred (a waiting
 *   writer blocks new readers). Not recursive: a writer taking it again
 *   gets -EDEADLK. The _until forms give up at @deadline (-ETIMEDOUT);
 *   the try forms never block (-EBUSY when they would).
 *
 * Non-goals: SMP, priority inheritance, robust or process-shared locks.
 */
#ifndef KM_LOCK_H
#define KM_LOCK_H

#include <km/sched.h>

struct km_spinlock {
	volatile int locked;
	unsigned long flags;
};
#define KM_SPINLOCK_INIT                                                                           \
	{                                                                                          \
		0, 0                                                                               \
	}
void km_spin_init(struct km_spinlock *l);
void km_spin_lock(struct km_spinlock *l);
int km_spin_trylock(struct km_spinlock *l); /* 1 when taken */
void km_spin_unlock(struct km_spinlock *l);

struct km_mutex {
	struct km_thread *owner;
	unsigned int count;
	int recursive;
	struct km_waitq wq;
};
#define KM_MUTEX_INIT(m)                                                                           \
	{                                                                                          \
		NULL, 0, 0, KM_WAITQ_INIT((m).wq)                                                  \
	}
void km_mutex_init(struct km_mutex *m, int recursive);
int km_mutex_lock(struct km_mutex *m);
int km_mutex_lock_until(struct km_mutex *m, km_nsec_t deadline);
int km_mutex_trylock(struct km_mutex *m); /* 0, or -EBUSY */
int km_mutex_unlock(struct km_mutex *m);
int km_mutex_held(const struct km_mutex *m); /* by the calling thread */

struct km_sem {
	long count;
	struct km_waitq wq;
};
#define KM_SEM_INIT(s, n)                                                                          \
	{                                                                                          \
		(n), KM_WAITQ_INIT((s).wq)                                                         \
	}
void km_sem_init(struct km_sem *s, long count);
int km_sem_down(struct km_sem *s);
int km_sem_down_until(struct km_sem *s, km_nsec_t deadline);
int km_sem_trydown(struct km_sem *s); /* 0, or -EAGAIN */
void km_sem_up(struct km_sem *s);

struct km_cond {
	struct km_waitq wq;
};
#define KM_COND_INIT(c)                                                                            \
	{                                                                                          \
		KM_WAITQ_INIT((c).wq)                                                              \
	}
void km_cond_init(struct km_cond *c);
/* 0 or -ETIMEDOUT; -EPERM when the caller does not hold @m. */
int km_cond_wait(struct km_cond *c, struct km_mutex *m);
int km_cond_wait_until(struct km_cond *c, struct km_mutex *m, km_nsec_t deadline);
void km_cond_signal(struct km_cond *c);
void km_cond_broadcast(struct km_cond *c);

struct km_rwlock {
	unsigned int readers;
	struct km_thread *writer;
	unsigned int writers_waiting;
	struct km_waitq rq, wq;
};
#define KM_RWLOCK_INIT(l)                                                                          \
	{                                                                                          \
		0, NULL, 0, KM_WAITQ_INIT((l).rq), KM_WAITQ_INIT((l).wq)                           \
	}
void km_rwlock_init(struct km_rwlock *l);
int km_rwlock_rdlock(struct km_rwlock *l);
int km_rwlock_wrlock(struct km_rwlock *l);
int km_rwlock_rdlock_until(struct km_rwlock *l, km_nsec_t deadline);
int km_rwlock_wrlock_until(struct km_rwlock *l, km_nsec_t deadline);
int km_rwlock_tryrdlock(struct km_rwlock *l); /* 0, or -EBUSY */
int km_rwlock_trywrlock(struct km_rwlock *l); /* 0, or -EBUSY */
int km_rwlock_unlock(struct km_rwlock *l);    /* -EPERM when not held */

#endif /* KM_LOCK_H */
