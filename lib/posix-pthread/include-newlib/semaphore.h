/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * semaphore.h - POSIX unnamed semaphores for newlib (which has none for a
 * bare target), on lib/lock's counting semaphore (lib/posix-pthread's
 * sem.c). Each function returns 0, or -1 with errno:
 * - sem_init: EINVAL for a value above SEM_VALUE_MAX; @pshared is
 *   accepted either way (one address space).
 * - sem_wait blocks while the value is 0; sem_timedwait gives up at the
 *   absolute CLOCK_REALTIME time @abs (ETIMEDOUT; EINVAL for a tv_nsec
 *   outside 0..999999999); sem_trywait fails with EAGAIN instead of
 *   blocking. sem_wait and sem_timedwait are cancellation points.
 * - sem_post wakes the longest waiter (EOVERFLOW at SEM_VALUE_MAX);
 *   sem_getvalue stores the value (never negative).
 * - Named semaphores (sem_open, sem_close, sem_unlink) fail with ENOSYS:
 *   there is no file system to name them in.
 */
#ifndef KM_NEWLIB_SEMAPHORE_H
#define KM_NEWLIB_SEMAPHORE_H

#include <sys/types.h>
#include <time.h>

#define SEM_VALUE_MAX 0x7fffffff
#define SEM_FAILED    ((sem_t *)0)

typedef struct {
	long __km_sem[3]; /* lib/lock's struct km_sem */
} sem_t;

#ifdef __cplusplus
extern "C" {
#endif
int sem_init(sem_t *sem, int pshared, unsigned int value);
int sem_destroy(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *sem, const struct timespec *abs);
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *sem, int *value);
sem_t *sem_open(const char *name, int oflag, ...);
int sem_close(sem_t *sem);
int sem_unlink(const char *name);
#ifdef __cplusplus
}
#endif
#endif
