/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Linux threads on lib/sched threads (see km/posix_thread.h): clone's
 * thread form as a function call, thread exit with clear_child_tid,
 * set_tid_address and gettid per thread, and the deferred unmapping of a
 * detached thread's own stack.
 */
#include <errno.h>
#include <stdint.h>
#include <km/plat/timer.h>
#include <km/plat/tls.h>
#include <km/posix_thread.h>
#include <km/print.h>
#include <km/sched.h>
#include <km/syscall.h>

#define CLONE_VM_	      0x00000100
#define CLONE_FS_	      0x00000200
#define CLONE_FILES_	      0x00000400
#define CLONE_SIGHAND_	      0x00000800
#define CLONE_THREAD_	      0x00010000
#define CLONE_SYSVSEM_	      0x00040000
#define CLONE_SETTLS_	      0x00080000
#define CLONE_PARENT_SETTID_  0x00100000
#define CLONE_CHILD_CLEARTID_ 0x00200000
#define CLONE_DETACHED_	      0x00400000
#define CLONE_CHILD_SETTID_   0x01000000

#define CLONE_REQUIRED (CLONE_VM_ | CLONE_FS_ | CLONE_FILES_ | CLONE_SIGHAND_ | CLONE_THREAD_)
#define CLONE_ALLOWED                                                                              \
	(CLONE_REQUIRED | CLONE_SYSVSEM_ | CLONE_SETTLS_ | CLONE_PARENT_SETTID_ |                  \
	 CLONE_CHILD_CLEARTID_ | CLONE_DETACHED_ | CLONE_CHILD_SETTID_)

/* What a thread of this library carries: at the top of its own stack for
 * clone()d threads (it lives exactly as long as the thread's memory). */
struct thread_rec {
	int (*fn)(void *);
	void *arg;
	int *clear_tid;
	void *unmap_base; /* km_posix_unmapself(): the mapping to free ... */
	size_t unmap_size;
	struct thread_rec *next_dead; /* ... once the thread is off it */
};

static struct thread_rec main_rec;     /* main, and threads not clone()d */
static struct thread_rec *dead_stacks; /* interrupts off to touch */

static struct thread_rec *rec_current(void)
{
	struct thread_rec *r = km_thread_private(km_thread_current());

	return r ? r : &main_rec;
}

static __km_noreturn void thread_exit(void)
{
	struct thread_rec *r = rec_current();

	/* Interrupts off to the end: the woken joiner frees this stack
	 * (musl's pthread_join unmaps it), so nothing may run before this
	 * thread has switched away from it for good. */
	km_plat_irq_save();
	if (r->clear_tid) {
		__atomic_store_n(r->clear_tid, 0, __ATOMIC_RELEASE);
		km_posix_futex_wake(r->clear_tid, 1);
	}
	km_thread_exit(NULL);
}

static void *clone_start(void *p)
{
	struct thread_rec *r = p;

	r->fn(r->arg); /* its value would be the thread's exit status: unused */
	thread_exit();
}

int km_posix_clone(int (*fn)(void *), void *stack, int flags, void *arg, int *ptid, void *tls,
		   int *ctid)
{
	static int warned;
	struct km_thread *t;
	struct thread_rec *r;
	unsigned long fl;
	int tid;

	if ((flags & CLONE_REQUIRED) != CLONE_REQUIRED || (flags & ~CLONE_ALLOWED)) {
		if (!__atomic_exchange_n(&warned, 1, __ATOMIC_RELAXED))
			km_pr_warn("clone: flags %#x: only threads (CLONE_VM|CLONE_FS|CLONE_FILES|"
				   "CLONE_SIGHAND|CLONE_THREAD, no exit signal) are supported: "
				   "-EINVAL\n",
				   (unsigned int)flags);
		return -EINVAL;
	}
	if (!fn || !stack)
		return -EINVAL;
	km_posix_reap();
	r = (struct thread_rec *)(((uintptr_t)stack & ~(uintptr_t)15) -
				  KM_ALIGN_UP(sizeof(*r), 16));
	*r = (struct thread_rec){ .fn = fn, .arg = arg };
	if (flags & CLONE_CHILD_CLEARTID_)
		r->clear_tid = ctid;
	/* Interrupts off until the ids are stored: the child cannot run
	 * (be preempted to) before its parent has seen its id. */
	fl = km_plat_irq_save();
	t = km_thread_create_on("pthread", (char *)r - 1024, 1024,
				flags & CLONE_SETTLS_ ? (uintptr_t)tls : km_plat_tls_get(),
				clone_start, r);
	if (!t) {
		km_plat_irq_restore(fl);
		return -ENOMEM;
	}
	km_thread_set_private(t, r);
	km_thread_detach(t); /* C libraries join through clear_child_tid */
	tid = km_thread_id(t);
	if (flags & CLONE_PARENT_SETTID_)
		*ptid = tid;
	if (flags & CLONE_CHILD_SETTID_)
		*ctid = tid;
	km_plat_irq_restore(fl);
	return tid;
}

void km_posix_reap(void)
{
	unsigned long fl = km_plat_irq_save();
	struct thread_rec *r = dead_stacks;

	dead_stacks = NULL;
	km_plat_irq_restore(fl);
	while (r) {
		/* The record lives in the mapping: read it before unmapping. */
		struct thread_rec *next = r->next_dead;
		long base = (long)r->unmap_base, size = (long)r->unmap_size;

		km_syscall(KM_SYS_munmap, base, size, 0, 0, 0, 0);
		r = next;
	}
}

void km_posix_unmapself(void *base, size_t size)
{
	struct thread_rec *r = rec_current();

	km_posix_reap();
	/* Interrupts stay off to the end (thread_exit): whoever reaps this
	 * stack finds the thread gone from it. */
	km_plat_irq_save();
	r->unmap_base = base;
	r->unmap_size = size;
	if (r != &main_rec) {
		r->next_dead = dead_stacks;
		dead_stacks = r;
	}
	thread_exit();
}

KM_SYSCALL_DEFINE(exit, 1)
{
	thread_exit();
}

KM_SYSCALL_DEFINE(set_tid_address, 1)
{
	struct km_thread *t = km_thread_current();
	struct thread_rec *r = km_thread_private(t);

	if (r || km_thread_id(t) == 1)
		rec_current()->clear_tid = (int *)a1;
	return km_thread_id(t);
}

KM_SYSCALL_DEFINE(gettid, 0)
{
	return km_thread_id(km_thread_current());
}

static int clone_warned;
KM_SYSCALL_DEFINE(clone, 5)
{
	if (!__atomic_exchange_n(&clone_warned, 1, __ATOMIC_RELAXED))
		km_pr_warn("clone: as a system call it cannot start a thread (a function call "
			   "returns once): use pthread_create: -ENOSYS\n");
	return -ENOSYS;
}
