/* SPDX-License-Identifier: BSD-3-Clause */
/* Cooperative round robin: one FIFO run queue, no timer ticks. */
#include <km/init.h>
#include <km/sched_impl.h>

static struct km_sched_link runq = { &runq, &runq };

static void coop_enqueue(struct km_thread *t)
{
	km_sched_list_append(&runq, &t->link);
}

static struct km_thread *coop_pick_next(void)
{
	struct km_sched_link *n = runq.next;

	if (n == &runq)
		return NULL;
	km_sched_list_del(n);
	return KM_CONTAINER_OF(n, struct km_thread, link);
}

static const struct km_sched_ops coop_ops = {
	.name = "coop",
	.enqueue = coop_enqueue,
	.pick_next = coop_pick_next,
};

static int coop_register(void)
{
	return km_sched_register(&coop_ops);
}
KM_INIT_EARLY_REQUIRED(coop_register, 5);
