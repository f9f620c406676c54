/* SPDX-License-Identifier: BSD-3-Clause */
/* Spinlocks on one CPU: interrupts off, plus a flag that catches misuse. */
#include <assert.h>
#include <km/lock.h>
#include <km/plat/timer.h>

void km_spin_init(struct km_spinlock *l)
{
	l->locked = 0;
	l->flags = 0;
}

void km_spin_lock(struct km_spinlock *l)
{
	unsigned long fl = km_plat_irq_save();

	/* Nothing else runs with interrupts off: a held lock never frees. */
	assert(!l->locked && "spinlock taken twice (deadlock)");
	l->locked = 1;
	l->flags = fl;
}

int km_spin_trylock(struct km_spinlock *l)
{
	unsigned long fl = km_plat_irq_save();

	if (l->locked) {
		km_plat_irq_restore(fl);
		return 0;
	}
	l->locked = 1;
	l->flags = fl;
	return 1;
}

void km_spin_unlock(struct km_spinlock *l)
{
	unsigned long fl = l->flags;

	l->locked = 0;
	km_plat_irq_restore(fl);
}
