/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/posix_thread.h - threads as Linux system calls see them, on lib/sched
 * (lib/posix-thread). For C libraries that bring their own pthreads (musl).
 *
 * Every thread is a lib/sched thread; its Linux thread id is its
 * km_thread_id() (main: 1 = the pid). System calls registered (Linux
 * x86_64 ABI, man pages futex(2), clone(2), set_tid_address(2), exit(2)):
 * - futex(2): FUTEX_WAIT, FUTEX_WAKE, FUTEX_REQUEUE, FUTEX_CMP_REQUEUE,
 *   each also with FUTEX_PRIVATE_FLAG (one address space: the same).
 *   WAIT blocks while *uaddr == val: -EAGAIN when it differs at the call,
 *   0 when woken, -ETIMEDOUT when the relative timeout (struct timespec,
 *   may be NULL = none) passed first; never early. WAKE wakes up to val
 *   waiters of uaddr, longest waiting first, and returns how many.
 *   REQUEUE wakes up to val and moves up to val2 (the 4th argument) of the
 *   rest to uaddr2; CMP_REQUEUE first checks *uaddr == val3 (-EAGAIN).
 *   -EINVAL: uaddr not 4-byte aligned, a timeout with tv_nsec outside
 *   0..999999999 or tv_sec < 0; -EFAULT: NULL uaddr; -ENOSYS (with one
 *   warning naming the operation): every other operation (PI, BITSET,
 *   WAKE_OP, FUTEX_CLOCK_REALTIME...), which musl falls back from.
 *   No signal interrupts a wait (no asynchronous signals: never -EINTR).
 * - exit(2): ends the calling thread only: the word set by CLONE_CHILD_-
 *   CLEARTID or set_tid_address (if any) is set to 0 and one futex waiter
 *   on it is woken, then the thread ends (km_thread_exit). When it is the
 *   last thread the image exits with status 0 (lib/sched's rule).
 *   exit_group(2) stays lib/posix-process's: the whole image.
 * - set_tid_address(2): records the calling thread's clear-child-tid word,
 *   returns its id. gettid(2): the calling thread's id.
 * - clone(2) as a system call: -ENOSYS with one warning: a function call
 *   cannot return twice; the C library calls km_posix_clone() instead.
 *
 * km_posix_clone() is what musl's __clone (src/thread/x86_64/clone.s,
 * lib/musl/patches) jumps to, with __clone's own arguments: it starts
 * @fn(@arg) in a new thread on @stack (the top: used downwards) with the
 * thread pointer @tls (CLONE_SETTLS; else the caller's), stores the new
 * id at *@ptid (CLONE_PARENT_SETTID) and records @ctid for exit
 * (CLONE_CHILD_CLEARTID; CLONE_CHILD_SETTID stores the id there too).
 * When @fn returns, the thread exits with its value as exit(2) does.
 * @flags MUST contain CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|
 * CLONE_THREAD and MAY contain CLONE_SYSVSEM, CLONE_SETTLS,
 * CLONE_PARENT_SETTID, CLONE_CHILD_CLEARTID, CLONE_CHILD_SETTID and
 * CLONE_DETACHED, with an exit signal of 0; anything else (fork-like
 * clones, vfork, namespaces) returns -EINVAL with one warning naming the
 * flags. Returns the new thread's id, -EINVAL for a NULL @fn or @stack,
 * -ENOMEM when no memory is left for the thread's control block.
 *
 * km_posix_unmapself() is musl's __unmapself (a detached thread freeing
 * its own stack): the thread exits as exit(0) does and the mapping
 * [@base, @base + @size) is unmapped (munmap(2) through km_syscall) once
 * the thread no longer runs on it: by the next thread that exits this
 * way, creates a thread or calls km_posix_reap().
 */
#ifndef KM_POSIX_THREAD_H
#define KM_POSIX_THREAD_H

#include <stddef.h>

int km_posix_clone(int (*fn)(void *), void *stack, int flags, void *arg, int *ptid, void *tls,
		   int *ctid);
void km_posix_unmapself(void *base, size_t size) __attribute__((noreturn));
/* Unmaps the stacks of threads that ended through km_posix_unmapself(). */
void km_posix_reap(void);

/* futex(2) wake, for the library's own use: wakes up to @n waiters on @uaddr. */
int km_posix_futex_wake(int *uaddr, int n);

#endif /* KM_POSIX_THREAD_H */
