/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared by lib/posix-pthread's files; not installed. */
#ifndef KM_POSIX_PTHREAD_IMPL_H
#define KM_POSIX_PTHREAD_IMPL_H

#include <pthread.h>
#include <time.h>
#include <km/lock.h>

struct pt_key_value {
	void *value;
	unsigned int gen; /* the key's generation when value was set */
};

/* A thread as pthreads see it; pthread_t points at one. */
struct __km_pthread {
	struct km_thread *kt;
	void *(*fn)(void *);
	void *arg;
	struct pt_key_value *keys; /* PTHREAD_KEYS_MAX, at the first setspecific */
	struct _pthread_cleanup_context *cleanup;
	int detached; /* its record is freed by the thread itself */
	int joined;   /* pthread_join has it */
	int ended;    /* waits for pthread_join or pthread_detach */
	int cancel_pending;
	int cancel_disabled;
	int cancel_async;
};

/* The calling thread's record (main's and threads lib/sched started for
 * others get one at their first call). */
struct __km_pthread *pt_self(void);

/*
 * The lib/sched deadline (monotonic ns) for the absolute time @abs on
 * CLOCK_MONOTONIC (@monotonic) or CLOCK_REALTIME. Returns 0, EINVAL for a
 * tv_nsec outside 0..999999999, or ETIMEDOUT when @abs has passed.
 */
int pt_deadline(int monotonic, const struct timespec *abs, km_nsec_t *deadline);

/* Runs and clears the thread's key destructors (pthread_exit). */
void pt_keys_exit(struct __km_pthread *self);

/* lib/lock's mutex inside a pthread_mutex_t, set up at its first use. */
struct km_mutex *pt_mutex(pthread_mutex_t *m);

#endif
