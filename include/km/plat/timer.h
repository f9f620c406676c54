/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/plat/timer.h - one-shot timer and interrupt masking (platform contract).
 *
 * A platform MUST provide a single one-shot timer: km_plat_timer_arm()
 * schedules one call of the registered handler at or after @deadline
 * (monotonic ns); arming again replaces the previous deadline; a deadline in
 * the past fires as soon as possible. The handler runs in interrupt context
 * (linuxu: a signal handler) with interrupts disabled, MUST be short and
 * MUST NOT block.
 *
 * km_plat_irq_save()/restore() mask and unmask the timer (and, on kvm, all
 * device interrupts) on the current CPU; they nest. The value saved MUST be
 * KM_PLAT_IRQ_ON (0) when interrupts were enabled and non-zero when they
 * were already masked, on every platform: portable code MAY pass
 * KM_PLAT_IRQ_ON to km_plat_irq_restore() to enable interrupts in a context
 * that never saved them (lib/sched does, in a new thread's first code,
 * since threads are switched with interrupts masked). An interrupt that
 * came while masked MUST be delivered when they are enabled again.
 *
 * Non-goals: multiple timers (the time library multiplexes), SMP.
 */
#ifndef KM_PLAT_TIMER_H
#define KM_PLAT_TIMER_H

#include <km/plat/time.h>

typedef void (*km_timer_handler_t)(void *arg);

void km_plat_timer_set_handler(km_timer_handler_t handler, void *arg);
void km_plat_timer_arm(km_nsec_t deadline);
void km_plat_timer_disarm(void);

#define KM_PLAT_IRQ_ON 0UL

unsigned long km_plat_irq_save(void);
void km_plat_irq_restore(unsigned long flags);

#endif /* KM_PLAT_TIMER_H */
