/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's internal locks on lib/lock's mutexes. newlib is built with
 * --enable-newlib-retargetable-locking (lib/newlib/build-libc), so every
 * lock it takes (each FILE's, the stdio and atexit lists', the
 * environment's, the time zone's, ...) calls these functions, which the
 * system provides; without them newlib's locks are no-ops and two threads
 * using one FILE under sched-preempt corrupt it. newlib's own definitions
 * (misc/lock.c, empty) are never linked: every symbol of that file is
 * defined here, before libc.a.
 *
 * A lock newlib creates (a FILE's) comes from a small static pool while
 * the boot creates the standard streams (before lib/alloc's heap exists),
 * then from malloc. Before lib/sched starts there is one context and a
 * lock is never contended.
 */
#include <stdlib.h>
#include <sys/lock.h>
#include <km/plat/timer.h>
#include <km/lock.h>

struct __lock {
	struct km_mutex m;
	int pooled; /* from the pool: returned there by close */
};

#define RECURSIVE(name)                                                                            \
	{                                                                                          \
		.m = { NULL, 0, 1, KM_WAITQ_INIT(name.m.wq) }                                      \
	}
#define PLAIN(name)                                                                                \
	{                                                                                          \
		.m = KM_MUTEX_INIT(name.m)                                                         \
	}

struct __lock __lock___sinit_recursive_mutex = RECURSIVE(__lock___sinit_recursive_mutex);
struct __lock __lock___sfp_recursive_mutex = RECURSIVE(__lock___sfp_recursive_mutex);
struct __lock __lock___atexit_recursive_mutex = RECURSIVE(__lock___atexit_recursive_mutex);
struct __lock __lock___at_quick_exit_mutex = PLAIN(__lock___at_quick_exit_mutex);
struct __lock __lock___malloc_recursive_mutex = RECURSIVE(__lock___malloc_recursive_mutex);
struct __lock __lock___env_recursive_mutex = RECURSIVE(__lock___env_recursive_mutex);
struct __lock __lock___tz_mutex = PLAIN(__lock___tz_mutex);
struct __lock __lock___dd_hash_mutex = PLAIN(__lock___dd_hash_mutex);
struct __lock __lock___arc4random_mutex = PLAIN(__lock___arc4random_mutex);

#define POOL_LOCKS 16
static struct __lock pool[POOL_LOCKS];
static int pool_used[POOL_LOCKS];

static struct __lock *lock_new(int recursive)
{
	unsigned long fl = km_plat_irq_save();
	struct __lock *l = NULL;

	for (int i = 0; i < POOL_LOCKS && !l; i++)
		if (!pool_used[i]) {
			pool_used[i] = 1;
			l = &pool[i];
			l->pooled = 1;
		}
	km_plat_irq_restore(fl);
	if (!l) {
		l = malloc(sizeof(*l));
		if (!l)
			abort(); /* newlib's lock init cannot fail */
		l->pooled = 0;
	}
	km_mutex_init(&l->m, recursive);
	return l;
}

static void lock_free(struct __lock *l)
{
	if (!l)
		return;
	if (l->pooled)
		pool_used[l - pool] = 0;
	else
		free(l);
}

void __retarget_lock_init(_LOCK_T *lock)
{
	*lock = lock_new(0);
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
	*lock = lock_new(1);
}

void __retarget_lock_close(_LOCK_T lock)
{
	lock_free(lock);
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
	lock_free(lock);
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	km_mutex_lock(&lock->m);
}

void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
	km_mutex_lock(&lock->m);
}

/* 0 when taken, as newlib expects; non-zero when another holds it. */
int __retarget_lock_try_acquire(_LOCK_T lock)
{
	return km_mutex_trylock(&lock->m) ? 1 : 0;
}

int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
	return km_mutex_trylock(&lock->m) ? 1 : 0;
}

void __retarget_lock_release(_LOCK_T lock)
{
	km_mutex_unlock(&lock->m);
}

void __retarget_lock_release_recursive(_LOCK_T lock)
{
	km_mutex_unlock(&lock->m);
}
