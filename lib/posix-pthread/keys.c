/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread-specific data: PTHREAD_KEYS_MAX keys, each with a generation so
 * that a deleted and re-created key reads NULL in every thread. A
 * thread's values are allocated at its first pthread_setspecific. At
 * pthread_exit (or the return of the thread's function) each non-NULL
 * value whose key has a destructor is set to NULL and the destructor
 * called with it, for up to PTHREAD_DESTRUCTOR_ITERATIONS rounds.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <km/plat/timer.h>
#include "pthread_impl.h"

static struct {
	int used;
	unsigned int gen;
	void (*dtor)(void *);
} keys[PTHREAD_KEYS_MAX];

int pthread_key_create(pthread_key_t *key, void (*dtor)(void *))
{
	unsigned long fl = km_plat_irq_save();

	for (unsigned int k = 0; k < PTHREAD_KEYS_MAX; k++)
		if (!keys[k].used) {
			keys[k].used = 1;
			keys[k].gen++;
			keys[k].dtor = dtor;
			km_plat_irq_restore(fl);
			*key = k;
			return 0;
		}
	km_plat_irq_restore(fl);
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
	if (key >= PTHREAD_KEYS_MAX || !keys[key].used)
		return EINVAL;
	keys[key].used = 0;
	keys[key].gen++; /* every thread's value becomes stale */
	return 0;
}

void *pthread_getspecific(pthread_key_t key)
{
	struct __km_pthread *p = pt_self();

	if (key >= PTHREAD_KEYS_MAX || !p->keys || p->keys[key].gen != keys[key].gen)
		return NULL;
	return p->keys[key].value;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	struct __km_pthread *p = pt_self();

	if (key >= PTHREAD_KEYS_MAX || !keys[key].used)
		return EINVAL;
	if (!p->keys) {
		p->keys = calloc(PTHREAD_KEYS_MAX, sizeof(*p->keys));
		if (!p->keys)
			return ENOMEM;
	}
	p->keys[key].value = (void *)value;
	p->keys[key].gen = keys[key].gen;
	return 0;
}

void pt_keys_exit(struct __km_pthread *p)
{
	for (int round = 0; p->keys && round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
		int called = 0;

		for (unsigned int k = 0; k < PTHREAD_KEYS_MAX; k++) {
			void *v = p->keys[k].value;

			if (!v || p->keys[k].gen != keys[k].gen || !keys[k].used || !keys[k].dtor)
				continue;
			p->keys[k].value = NULL;
			keys[k].dtor(v);
			called = 1;
		}
		if (!called)
			break;
	}
	free(p->keys);
	p->keys = NULL;
}
