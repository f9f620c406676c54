/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's operating system layer (lwip/sys.h) on lib/lock, lib/sched and
 * lib/time. Every object is allocated here and named by a pointer in
 * lwIP's structures (port/arch/sys_arch.h says why).
 *
 * Mailboxes are rings of pointers counted by two semaphores (messages,
 * free slots): posting and fetching block on those, and the ring itself
 * is touched only with interrupts masked, so a driver MAY trypost from
 * interrupt context.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <km/exit.h>
#include <km/lock.h>
#include <km/plat/lifecycle.h>
#include <km/plat/timer.h>
#include <km/print.h>
#include <km/random.h>
#include <km/sched.h>
#include <km/time.h>

#include "lwip/opt.h"
#include "lwip/sys.h"

struct km_lwip_sem {
	struct km_sem sem;
};

struct km_lwip_mutex {
	struct km_mutex mutex;
};

struct km_lwip_mbox {
	struct km_sem msgs;  /* messages waiting */
	struct km_sem slots; /* free slots */
	unsigned int size, head, count;
	void *ring[];
};

void sys_init(void)
{
}

u32_t sys_now(void)
{
	return (u32_t)(km_time_monotonic_ns() / KM_NSEC_PER_MSEC);
}

sys_prot_t sys_arch_protect(void)
{
	return km_plat_irq_save();
}

void sys_arch_unprotect(sys_prot_t pval)
{
	km_plat_irq_restore(pval);
}

/* lwIP's timeouts are milliseconds, 0 = forever; ours are deadlines. */
static km_nsec_t deadline_after_ms(u32_t timeout)
{
	return timeout ? km_time_monotonic_ns() + (km_nsec_t)timeout * KM_NSEC_PER_MSEC : 0;
}

static u32_t ms_since(km_nsec_t start)
{
	return (u32_t)((km_time_monotonic_ns() - start) / KM_NSEC_PER_MSEC);
}

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
	struct km_lwip_sem *s = malloc(sizeof(*s));

	if (!s)
		return ERR_MEM;
	km_sem_init(&s->sem, count);
	*sem = s;
	return ERR_OK;
}

void sys_sem_free(sys_sem_t *sem)
{
	free(*sem);
	*sem = NULL;
}

void sys_sem_signal(sys_sem_t *sem)
{
	km_sem_up(&(*sem)->sem);
}

u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout)
{
	km_nsec_t start = km_time_monotonic_ns();

	if (km_sem_down_until(&(*sem)->sem, deadline_after_ms(timeout)) == -ETIMEDOUT)
		return SYS_ARCH_TIMEOUT;
	return ms_since(start);
}

err_t sys_mutex_new(sys_mutex_t *mutex)
{
	struct km_lwip_mutex *m = malloc(sizeof(*m));

	if (!m)
		return ERR_MEM;
	km_mutex_init(&m->mutex, 0);
	*mutex = m;
	return ERR_OK;
}

void sys_mutex_free(sys_mutex_t *mutex)
{
	free(*mutex);
	*mutex = NULL;
}

void sys_mutex_lock(sys_mutex_t *mutex)
{
	km_mutex_lock(&(*mutex)->mutex);
}

void sys_mutex_unlock(sys_mutex_t *mutex)
{
	km_mutex_unlock(&(*mutex)->mutex);
}

err_t sys_mbox_new(sys_mbox_t *mbox, int size)
{
	struct km_lwip_mbox *b;

	if (size <= 0)
		size = 16;
	b = malloc(sizeof(*b) + (size_t)size * sizeof(void *));
	if (!b)
		return ERR_MEM;
	km_sem_init(&b->msgs, 0);
	km_sem_init(&b->slots, size);
	b->size = (unsigned int)size;
	b->head = b->count = 0;
	*mbox = b;
	return ERR_OK;
}

void sys_mbox_free(sys_mbox_t *mbox)
{
	free(*mbox);
	*mbox = NULL;
}

static void ring_put(struct km_lwip_mbox *b, void *msg)
{
	unsigned long fl = km_plat_irq_save();

	b->ring[(b->head + b->count) % b->size] = msg;
	b->count++;
	km_plat_irq_restore(fl);
	km_sem_up(&b->msgs);
}

static void *ring_get(struct km_lwip_mbox *b)
{
	unsigned long fl = km_plat_irq_save();
	void *msg = b->ring[b->head];

	b->head = (b->head + 1) % b->size;
	b->count--;
	km_plat_irq_restore(fl);
	km_sem_up(&b->slots);
	return msg;
}

void sys_mbox_post(sys_mbox_t *mbox, void *msg)
{
	km_sem_down(&(*mbox)->slots);
	ring_put(*mbox, msg);
}

err_t sys_mbox_trypost(sys_mbox_t *mbox, void *msg)
{
	if (km_sem_trydown(&(*mbox)->slots))
		return ERR_MEM;
	ring_put(*mbox, msg);
	return ERR_OK;
}

err_t sys_mbox_trypost_fromisr(sys_mbox_t *mbox, void *msg)
{
	return sys_mbox_trypost(mbox, msg);
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mbox, void **msg, u32_t timeout)
{
	km_nsec_t start = km_time_monotonic_ns();
	void *m;

	if (km_sem_down_until(&(*mbox)->msgs, deadline_after_ms(timeout)) == -ETIMEDOUT)
		return SYS_ARCH_TIMEOUT;
	m = ring_get(*mbox);
	if (msg)
		*msg = m;
	return ms_since(start);
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mbox, void **msg)
{
	void *m;

	if (km_sem_trydown(&(*mbox)->msgs))
		return SYS_MBOX_EMPTY;
	m = ring_get(*mbox);
	if (msg)
		*msg = m;
	return 0;
}

struct thread_start {
	lwip_thread_fn fn;
	void *arg;
};

static void *thread_entry(void *p)
{
	struct thread_start start = *(struct thread_start *)p;

	free(p);
	start.fn(start.arg);
	return NULL;
}

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn thread, void *arg, int stacksize,
			    int prio)
{
	struct thread_start *start = malloc(sizeof(*start));
	struct km_thread *t;

	if (!start)
		goto fail;
	start->fn = thread;
	start->arg = arg;
	t = km_thread_create(name, (size_t)stacksize, thread_entry, start);
	if (!t) {
		free(start);
		goto fail;
	}
	km_thread_detach(t);
	return t;
fail:
	/* lwIP cannot run without its threads (the tcpip thread). */
	km_pr_crit("cannot start thread %s (stack %d bytes): out of memory\n", name, stacksize);
	km_plat_terminate(KM_EXIT_INIT_FAILED);
}

void km_lwip_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	km_vprintk(KM_LOG_DEBUG, KM_LIBNAME_STR, fmt, ap);
	va_end(ap);
}

void km_lwip_assert(const char *msg, const char *file, int line)
{
	km_pr_crit("lwIP assertion failed: %s (%s:%d)\n", msg, file, line);
	km_plat_terminate(KM_EXIT_CRASH);
}

unsigned int km_lwip_rand(void)
{
	unsigned int r;

	km_random_fill(&r, sizeof(r));
	return r;
}

unsigned int km_lwip_tcp_isn(void)
{
	static unsigned int boot_offset;

	if (!boot_offset)
		boot_offset = km_lwip_rand() | 1;
	/* RFC 6528's clock (4 us), a secret per boot, and per-connection
	 * randomness well below the clock's pace over a connection's life. */
	return (unsigned int)(km_time_monotonic_ns() / 4000) + boot_offset +
	       (km_lwip_rand() & 0xffff);
}
