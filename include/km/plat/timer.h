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
 * device interrupts) on the current CPU; they nest.
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

unsigned long km_plat_irq_save(void);
void km_plat_irq_restore(unsigned long flags);

#endif /* KM_PLAT_TIMER_H */
