/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/_pthreadtypes.h - the POSIX thread types of lib/posix-pthread, in
 * place of newlib's (which are handles into an RTOS's object tables, for a
 * pthread library newlib's bare x86_64-elf target does not have). newlib's
 * <sys/types.h> includes this file; lib/posix-pthread's Makefile.uk puts
 * its folder before newlib's headers. newlib's own objects never use these
 * types, so replacing them changes no compiled code.
 *
 * Every synchronisation object is a plain structure the program owns.
 * All-zero is a valid, unlocked object of the default kind, which is what
 * the static initialisers give: the first operation sets up the rest. The
 * __km_* members are private (lib/lock's objects).
 *
 * The feature macros below say what the program can rely on
 * (<unistd.h>'s _POSIX_THREADS and friends, which newlib leaves unset for
 * a bare target).
 */
#ifndef _SYS__PTHREADTYPES_H_
#define _SYS__PTHREADTYPES_H_

#include <sys/sched.h>

#ifndef _POSIX_THREADS
#define _POSIX_THREADS 200809L
#endif
#ifndef _POSIX_READER_WRITER_LOCKS
#define _POSIX_READER_WRITER_LOCKS 200809L
#endif
#ifndef _POSIX_BARRIERS
#define _POSIX_BARRIERS 200809L
#endif
#ifndef _POSIX_SPIN_LOCKS
#define _POSIX_SPIN_LOCKS 200809L
#endif
#ifndef _POSIX_THREAD_SAFE_FUNCTIONS
#define _POSIX_THREAD_SAFE_FUNCTIONS 200809L
#endif
#ifndef _POSIX_THREAD_ATTR_STACKSIZE
#define _POSIX_THREAD_ATTR_STACKSIZE 200809L
#endif
#ifndef _POSIX_TIMEOUTS
#define _POSIX_TIMEOUTS 200809L
#endif
#ifndef _UNIX98_THREAD_MUTEX_ATTRIBUTES
#define _UNIX98_THREAD_MUTEX_ATTRIBUTES 1
#endif

typedef struct __km_pthread *pthread_t;

#define PTHREAD_SCOPE_SYSTEM	0
#define PTHREAD_SCOPE_PROCESS	1
#define PTHREAD_INHERIT_SCHED	0
#define PTHREAD_EXPLICIT_SCHED	1
#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1
#define PTHREAD_PROCESS_PRIVATE 0
#define PTHREAD_PROCESS_SHARED	1
#define PTHREAD_PRIO_NONE	0
#define PTHREAD_PRIO_INHERIT	1
#define PTHREAD_PRIO_PROTECT	2

#define PTHREAD_MUTEX_NORMAL	 0
#define PTHREAD_MUTEX_RECURSIVE	 1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT	 PTHREAD_MUTEX_NORMAL

typedef struct {
	unsigned long __km_stacksize; /* 0: lib/sched's default */
	void *__km_stackaddr;
	unsigned long __km_guardsize;
	int __km_detachstate;
	int __km_scope;
	int __km_inheritsched;
	int __km_schedpolicy;
	struct sched_param __km_schedparam;
} pthread_attr_t;

typedef struct {
	void *__km_lock[4]; /* lib/lock's struct km_mutex */
	int __km_type;
	int __km_ready;
} pthread_mutex_t;

typedef struct {
	int __km_type;
	int __km_pshared;
	int __km_protocol;
} pthread_mutexattr_t;

typedef struct {
	void *__km_wq[2];   /* lib/lock's struct km_cond */
	int __km_monotonic; /* timed waits on CLOCK_MONOTONIC, else REALTIME */
	int __km_ready;
} pthread_cond_t;

typedef struct {
	int __km_monotonic;
	int __km_pshared;
} pthread_condattr_t;

typedef struct {
	void *__km_lock[7]; /* lib/lock's struct km_rwlock */
	int __km_ready;
} pthread_rwlock_t;

typedef struct {
	int __km_pshared;
} pthread_rwlockattr_t;

typedef struct {
	pthread_mutex_t __km_lock;
	pthread_cond_t __km_cond;
	unsigned int __km_count;
	unsigned int __km_waiting;
	unsigned long __km_cycle;
} pthread_barrier_t;

typedef struct {
	int __km_pshared;
} pthread_barrierattr_t;

typedef volatile int pthread_spinlock_t;
typedef unsigned int pthread_key_t;
typedef volatile int pthread_once_t;

#define _PTHREAD_MUTEX_INITIALIZER                                                                 \
	{                                                                                          \
		{ 0 }, PTHREAD_MUTEX_DEFAULT, 0                                                    \
	}
#define _PTHREAD_COND_INITIALIZER                                                                  \
	{                                                                                          \
		{ 0 }, 0, 0                                                                        \
	}
#define _PTHREAD_RWLOCK_INITIALIZER                                                                \
	{                                                                                          \
		{ 0 }, 0                                                                           \
	}
#define _PTHREAD_ONCE_INIT 0

#endif /* _SYS__PTHREADTYPES_H_ */
