/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/posix-signal's view of threads: sigthread_sched.c on lib/sched
 * (one mask and pending set per thread), sigthread_one.c without it (the
 * image is one thread). Makefile.uk picks one.
 */
#ifndef SIGTHREAD_H
#define SIGTHREAD_H

#include <stdint.h>

/* The calling thread's blocked set and thread-directed pending set. */
uint64_t *sigthread_mask(void);
uint64_t *sigthread_pending(void);
/* Non-zero when some live thread does not block every signal in @set. */
int sigthread_any_unblocked(uint64_t set);
/* Non-zero when some live thread has a thread-directed signal pending that
 * it does not block, or does not block one of @process_pending. */
int sigthread_any_deliverable(uint64_t process_pending);
/*
 * Finds thread @tid for tkill/tgkill: returns its pending set (for the
 * calling thread, sigthread_pending()) and stores its blocked set in
 * *@mask, or NULL when no live thread has that id.
 */
uint64_t *sigthread_find(long tid, uint64_t *mask);

#endif
