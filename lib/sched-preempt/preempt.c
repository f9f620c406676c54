/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Preemptive round robin: the run queue of sched-coop plus a tick every
 * time slice. A thread still running at two consecutive ticks without any
 * switch in between has had at least a full slice: it goes to the back.
 */
#include <km/init.h>
#include <km/sched_impl.h>

static struct km_sched_link runq = { &runq, &runq };
static struct km_thread *seen;
static unsigned long seen_switches;

static void preempt_enqueue(struct km_thread *t)
{
	km_sched_list_append(&runq, &t->link);
}

static struct km_thread *preempt_pick_next(void)
{
	struct km_sched_link *n = runq.next;

	if (n == &runq)
		return NULL;
	km_sched_list_del(n);
	return KM_CONTAINER_OF(n, struct km_thread, link);
}

static int preempt_tick(struct km_thread *cur)
{
	unsigned long sw = km_sched_switches();

	if (cur == seen && sw == seen_switches && runq.next != &runq)
		return 1;
	seen = cur;
	seen_switches = sw;
	return 0;
}

static const struct km_sched_ops preempt_ops = {
	.name = "preempt",
	.enqueue = preempt_enqueue,
	.pick_next = preempt_pick_next,
	.tick = preempt_tick,
	.slice_ns = (km_nsec_t)CONFIG_LIBSCHED_PREEMPT_SLICE_US * 1000,
};

static int preempt_register(void)
{
	return km_sched_register(&preempt_ops);
}
KM_INIT_EARLY_REQUIRED(preempt_register, 5);
