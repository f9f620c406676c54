/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * futex(2) on lib/sched wait queues. A waiter is a record on its own
 * stack, linked into one of a fixed set of buckets by address hash; each
 * waiter blocks on a wait queue of its own, so a wake picks exactly the
 * waiters of one address and requeue only relinks records. Interrupts are
 * off from the value check to the block (one CPU: no wake can be lost).
 */
#include <errno.h>
#include <stdint.h>
#include <km/plat/time.h>
#include <km/plat/timer.h>
#include <km/posix_thread.h>
#include <km/posix_time.h>
#include <km/print.h>
#include <km/sched_impl.h>
#include <km/syscall.h>

#define FUTEX_WAIT_	      0
#define FUTEX_WAKE_	      1
#define FUTEX_REQUEUE_	      3
#define FUTEX_CMP_REQUEUE_    4
#define FUTEX_PRIVATE_FLAG_   128
#define FUTEX_CLOCK_REALTIME_ 256

#define NBUCKETS 64 /* a power of two */

struct futex_waiter {
	struct km_sched_link link; /* first: the bucket list's element */
	int *uaddr;
	struct km_waitq wq;
	int woken;
};

static struct km_sched_link buckets[NBUCKETS];
static int buckets_ready;

static struct km_sched_link *bucket_of(const int *uaddr)
{
	uint64_t h = ((uintptr_t)uaddr >> 2) * 0x9e3779b97f4a7c15ULL;

	if (!buckets_ready) {
		for (int i = 0; i < NBUCKETS; i++)
			km_sched_list_init(&buckets[i]);
		buckets_ready = 1;
	}
	return &buckets[h >> 58]; /* the top 6 bits */
}

/* Interrupts off. Wakes up to @nwake waiters of @uaddr, then moves up to
 * @nmove of the rest to @to (if non-NULL); returns how many it woke (plus
 * moved, for requeue, as Linux counts). */
static int wake_and_move(int *uaddr, int nwake, int *to, int nmove)
{
	struct km_sched_link *b = bucket_of(uaddr), *l, *next;
	int done = 0;

	for (l = b->next; l != b && (nwake > 0 || (to && nmove > 0)); l = next) {
		struct futex_waiter *w = (struct futex_waiter *)l;

		next = l->next;
		if (w->uaddr != uaddr)
			continue;
		km_sched_list_del(&w->link);
		if (nwake > 0) {
			nwake--;
			w->woken = 1;
			km_waitq_wake_one(&w->wq);
		} else {
			nmove--;
			w->uaddr = to;
			km_sched_list_append(bucket_of(to), &w->link);
		}
		done++;
	}
	return done;
}

int km_posix_futex_wake(int *uaddr, int n)
{
	unsigned long fl = km_plat_irq_save();
	int r = wake_and_move(uaddr, n, NULL, 0);

	km_plat_irq_restore(fl);
	return r;
}

static long futex_wait(int *uaddr, int val, const struct km_linux_timespec *rel)
{
	struct futex_waiter w = { .woken = 0 };
	km_nsec_t deadline = 0, ns;
	unsigned long fl;
	long r = 0;

	if (rel) {
		r = km_posix_timespec_ns(rel, &ns);
		if (r)
			return r;
		deadline = km_plat_monotonic_ns() + ns;
		if (deadline == 0)
			deadline = 1; /* 0 means "none" to the wait queue */
	}
	fl = km_plat_irq_save();
	if (__atomic_load_n(uaddr, __ATOMIC_RELAXED) != val) {
		km_plat_irq_restore(fl);
		return -EAGAIN;
	}
	km_waitq_init(&w.wq);
	w.uaddr = uaddr;
	km_sched_list_append(bucket_of(uaddr), &w.link);
	while (!w.woken) {
		if (km_waitq_wait_irqoff(&w.wq, deadline) == -ETIMEDOUT && !w.woken) {
			km_sched_list_del(&w.link);
			r = -ETIMEDOUT;
			break;
		}
	}
	km_plat_irq_restore(fl);
	return r;
}

static void warn_op(int op)
{
	static uint64_t warned; /* one bit per base operation 0..63 */
	int base = op & 63;

	if (!(__atomic_fetch_or(&warned, 1ULL << base, __ATOMIC_RELAXED) & (1ULL << base)))
		km_pr_warn("futex: operation %d (flags %#x) is not supported: -ENOSYS\n", op & 127,
			   op & ~127);
}

KM_SYSCALL_DEFINE(futex, 6)
{
	int *uaddr = (int *)a1;
	int op = (int)a2, val = (int)a3;
	int cmd = op & ~FUTEX_PRIVATE_FLAG_;
	unsigned long fl;
	long r;

	if (!uaddr)
		return -EFAULT;
	if ((uintptr_t)uaddr & 3)
		return -EINVAL;
	switch (cmd) {
	case FUTEX_WAIT_:
		return futex_wait(uaddr, val, (const struct km_linux_timespec *)a4);
	case FUTEX_WAKE_:
		return val <= 0 ? 0 : km_posix_futex_wake(uaddr, val);
	case FUTEX_REQUEUE_:
	case FUTEX_CMP_REQUEUE_:
		if (!a5)
			return -EFAULT;
		if ((uintptr_t)a5 & 3)
			return -EINVAL;
		fl = km_plat_irq_save();
		if (cmd == FUTEX_CMP_REQUEUE_ &&
		    __atomic_load_n(uaddr, __ATOMIC_RELAXED) != (int)a6)
			r = -EAGAIN;
		else
			r = wake_and_move(uaddr, val < 0 ? 0 : val, (int *)a5,
					  (int)a4 < 0 ? 0 : (int)a4);
		km_plat_irq_restore(fl);
		return r;
	default:
		warn_op(op);
		return -ENOSYS;
	}
}
