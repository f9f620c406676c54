/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Threads: create, join, detach, exit, self, attributes, deferred
 * cancellation and cleanup handlers, on lib/sched threads. Each pthread_t
 * is a record (struct __km_pthread) next to its lib/sched thread. A
 * joinable thread's record is freed by pthread_join, a detached one's by
 * the thread as it ends (or by pthread_detach when it has already ended).
 * State changes between threads happen with interrupts off: one CPU, so
 * nothing else runs in between.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <km/plat/timer.h>
#include "pthread_impl.h"

static __thread struct __km_pthread *self;
static struct __km_pthread main_record;

struct __km_pthread *pt_self(void)
{
	struct __km_pthread *p = self;

	if (__builtin_expect(!p, 0)) {
		/* main, or a thread that lib/sched started for someone else:
		 * neither can be joined through pthreads. */
		p = km_thread_id(km_thread_current()) == 1 ? &main_record : calloc(1, sizeof(*p));
		if (!p)
			abort(); /* no memory for a 88-byte record: nothing sane is left */
		p->kt = km_thread_current();
		p->detached = 1;
		self = p;
	}
	return p;
}

static void *start(void *arg)
{
	struct __km_pthread *p = arg;

	self = p;
	p->kt = km_thread_current();
	pthread_exit(p->fn(p->arg));
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
	pthread_attr_t def;
	struct __km_pthread *p;
	struct km_thread *kt;

	if (!attr) {
		pthread_attr_init(&def);
		attr = &def;
	}
	if (!fn || attr->__km_stackaddr)
		return EINVAL; /* stacks are lib/sched's, with a guard page */
	p = calloc(1, sizeof(*p));
	if (!p)
		return EAGAIN;
	p->fn = fn;
	p->arg = arg;
	p->detached = attr->__km_detachstate == PTHREAD_CREATE_DETACHED;
	*thread = p;
	kt = km_thread_create("pthread", attr->__km_stacksize, start, p);
	if (!kt) {
		free(p);
		return EAGAIN;
	}
	/* A detached thread may have ended and freed @p already (under
	 * sched-preempt); a joinable one's record lives until it is joined. */
	if (attr->__km_detachstate == PTHREAD_CREATE_DETACHED)
		km_thread_detach(kt);
	else
		p->kt = kt;
	return 0;
}

void pthread_exit(void *value)
{
	struct __km_pthread *p = pt_self();
	unsigned long fl;
	int free_it;

	p->cancel_disabled = 1; /* no cancellation inside the handlers */
	while (p->cleanup) {
		struct _pthread_cleanup_context *c = p->cleanup;

		p->cleanup = c->_previous;
		c->_routine(c->_arg);
	}
	pt_keys_exit(p);
	fl = km_plat_irq_save();
	free_it = p->detached && p != &main_record;
	if (!free_it)
		p->ended = 1;
	km_plat_irq_restore(fl);
	if (free_it) {
		self = NULL;
		free(p);
	}
	km_thread_exit(value);
}

int pthread_join(pthread_t t, void **value)
{
	struct __km_pthread *me = pt_self();
	unsigned long fl;
	int ret;

	pthread_testcancel();
	if (t == me)
		return EDEADLK;
	fl = km_plat_irq_save();
	ret = t->detached || t->joined ? EINVAL : 0;
	if (!ret)
		t->joined = 1; /* a second join or a detach now fails */
	km_plat_irq_restore(fl);
	if (ret)
		return ret;
	ret = -km_thread_join(t->kt, value);
	if (!ret)
		free(t);
	return ret;
}

int pthread_detach(pthread_t t)
{
	unsigned long fl = km_plat_irq_save();
	int ended = t->ended;

	if (t->detached || t->joined) {
		km_plat_irq_restore(fl);
		return EINVAL;
	}
	t->detached = 1;
	km_thread_detach(t->kt); /* frees an ended thread's stack now */
	km_plat_irq_restore(fl);
	if (ended)
		free(t);
	return 0;
}

pthread_t pthread_self(void)
{
	return pt_self();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

void pthread_yield(void)
{
	km_sched_yield();
}

int pthread_getconcurrency(void)
{
	return 0;
}

int pthread_setconcurrency(int level)
{
	return level < 0 ? EINVAL : 0;
}

/* ---- cancellation: deferred, acted on at the cancellation points ---- */

int pthread_cancel(pthread_t t)
{
	t->cancel_pending = 1;
	if (t == pt_self() && t->cancel_async)
		pthread_testcancel();
	return 0;
}

void pthread_testcancel(void)
{
	struct __km_pthread *p = pt_self();

	if (p->cancel_pending && !p->cancel_disabled)
		pthread_exit(PTHREAD_CANCELED);
}

int pthread_setcancelstate(int state, int *old)
{
	struct __km_pthread *p = pt_self();

	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
		return EINVAL;
	if (old)
		*old = p->cancel_disabled ? PTHREAD_CANCEL_DISABLE : PTHREAD_CANCEL_ENABLE;
	p->cancel_disabled = state == PTHREAD_CANCEL_DISABLE;
	return 0;
}

int pthread_setcanceltype(int type, int *old)
{
	struct __km_pthread *p = pt_self();

	if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS)
		return EINVAL;
	if (old)
		*old = p->cancel_async ? PTHREAD_CANCEL_ASYNCHRONOUS : PTHREAD_CANCEL_DEFERRED;
	p->cancel_async = type == PTHREAD_CANCEL_ASYNCHRONOUS;
	return 0;
}

void _pthread_cleanup_push(struct _pthread_cleanup_context *c, void (*fn)(void *), void *arg)
{
	struct __km_pthread *p = pt_self();

	c->_routine = fn;
	c->_arg = arg;
	c->_canceltype = p->cancel_async;
	c->_previous = p->cleanup;
	p->cleanup = c;
}

void _pthread_cleanup_pop(struct _pthread_cleanup_context *c, int execute)
{
	pt_self()->cleanup = c->_previous;
	if (execute)
		c->_routine(c->_arg);
}

/* ---- attributes ---- */

int pthread_attr_init(pthread_attr_t *a)
{
	*a = (pthread_attr_t){ .__km_guardsize = 4096,
			       .__km_detachstate = PTHREAD_CREATE_JOINABLE,
			       .__km_inheritsched = PTHREAD_INHERIT_SCHED };
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *a)
{
	(void)a;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *a, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	a->__km_detachstate = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *a, int *state)
{
	*state = a->__km_detachstate;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *a, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	a->__km_stacksize = size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *a, size_t *size)
{
	*size = a->__km_stacksize ? a->__km_stacksize : (size_t)CONFIG_LIBSCHED_STACK_KIB * 1024;
	return 0;
}

/* A stack of the caller's: recorded, but pthread_create refuses it
 * (EINVAL): every stack is lib/sched's, with its guard page. */
int pthread_attr_setstack(pthread_attr_t *a, void *addr, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	a->__km_stackaddr = addr;
	a->__km_stacksize = size;
	return 0;
}

int pthread_attr_getstack(const pthread_attr_t *a, void **addr, size_t *size)
{
	*addr = a->__km_stackaddr;
	return pthread_attr_getstacksize(a, size);
}

int pthread_attr_setguardsize(pthread_attr_t *a, size_t size)
{
	a->__km_guardsize = size; /* lib/sched's guard is one page whatever this says */
	return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *a, size_t *size)
{
	*size = a->__km_guardsize;
	return 0;
}

int pthread_attr_setschedparam(pthread_attr_t *a, const struct sched_param *param)
{
	a->__km_schedparam = *param; /* one priority: accepted, not used */
	return 0;
}

int pthread_attr_getschedparam(const pthread_attr_t *a, struct sched_param *param)
{
	*param = a->__km_schedparam;
	return 0;
}

int pthread_getname_np(pthread_t t, char *buf, size_t len)
{
	const char *name = km_thread_name(t->kt);

	if (strlen(name) >= len)
		return ERANGE;
	strcpy(buf, name);
	return 0;
}

int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
	(void)prepare, (void)parent, (void)child;
	return 0; /* no fork: the handlers never run */
}
