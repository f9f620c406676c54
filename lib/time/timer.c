/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Software timers on the platform's single one-shot timer: a list sorted by
 * deadline; the platform timer always holds the head's deadline.
 */
#include <km/init.h>
#include <km/plat/timer.h>
#include <km/time.h>

static struct km_timer *head;
static km_nsec_t armed; /* deadline the platform timer holds, 0: none */
static void (*irq_exit_hook)(void);

void km_timer_init(struct km_timer *t, km_timer_fn_t fn, void *arg)
{
	t->next = t->prev = NULL;
	t->deadline = 0;
	t->fn = fn;
	t->arg = arg;
	t->pending = 0;
}

static void unlink_timer(struct km_timer *t)
{
	if (t->prev)
		t->prev->next = t->next;
	else
		head = t->next;
	if (t->next)
		t->next->prev = t->prev;
	t->next = t->prev = NULL;
	t->pending = 0;
}

/* Called with interrupts off. */
static void rearm(void)
{
	if (!head) {
		if (armed)
			km_plat_timer_disarm();
		armed = 0;
	} else if (head->deadline != armed) {
		armed = head->deadline;
		km_plat_timer_arm(armed);
	}
}

void km_timer_start(struct km_timer *t, km_nsec_t deadline)
{
	unsigned long fl = km_plat_irq_save();
	struct km_timer *p, *last = NULL;

	if (t->pending)
		unlink_timer(t);
	t->deadline = deadline;
	for (p = head; p && p->deadline <= deadline; p = p->next)
		last = p;
	t->prev = last;
	t->next = p;
	if (p)
		p->prev = t;
	if (last)
		last->next = t;
	else
		head = t;
	t->pending = 1;
	if (head == t)
		rearm();
	km_plat_irq_restore(fl);
}

int km_timer_stop(struct km_timer *t)
{
	unsigned long fl = km_plat_irq_save();
	int was = t->pending;

	if (was) {
		int was_head = (head == t);

		unlink_timer(t);
		/* Leaving a later deadline armed only costs one spurious
		 * interrupt; re-arming costs a platform call every stop. */
		if (was_head && !head)
			rearm();
	}
	km_plat_irq_restore(fl);
	return was;
}

km_nsec_t km_timer_next_deadline(void)
{
	unsigned long fl = km_plat_irq_save();
	km_nsec_t d = head ? head->deadline : 0;

	km_plat_irq_restore(fl);
	return d;
}

void km_time_set_irq_exit(void (*hook)(void))
{
	irq_exit_hook = hook;
}

/* The platform timer's handler: interrupts are off. */
static void time_irq(void *arg)
{
	km_nsec_t now = km_plat_monotonic_ns();

	armed = 0;
	while (head && head->deadline <= now) {
		struct km_timer *t = head;

		unlink_timer(t);
		t->fn(t, t->arg);
		if (!head || head->deadline > now)
			now = km_plat_monotonic_ns();
	}
	rearm();
	if (irq_exit_hook)
		irq_exit_hook();
}

static int time_init(void)
{
	km_plat_timer_set_handler(time_irq, NULL);
	return 0;
}
KM_INIT_PLAT_REQUIRED(time_init, 9);
