/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/time.h - clocks, software timers and sleep (consumer API of lib/time).
 *
 * Clocks: km_time_monotonic_ns() never goes backwards and counts from about
 * boot; km_time_wall_ns() is nanoseconds since the Unix epoch and MAY jump.
 *
 * Timers: a struct km_timer is owned by the caller (no allocation). After
 * km_timer_start(t, deadline) its function is called once, at or after
 * @deadline (monotonic ns), in interrupt context: interrupts are off, it
 * MUST be short and MUST NOT block or sleep; it MAY start timers (itself
 * included) and wake threads. Starting a running timer moves it. Any
 * number of timers share the platform's one timer; the platform timer is
 * armed for the earliest deadline only, and disarmed when none is left.
 * Timers with equal deadlines fire in the order they were started.
 * km_timer_stop() returns 1 if the timer was pending (it will not fire),
 * 0 if it had already fired or was never started. All calls are safe from
 * threads and from timer functions.
 *
 * km_time_set_irq_exit() registers one hook that runs after the expired
 * timers of each platform timer interrupt, with interrupts off; the
 * scheduler uses it to preempt, and it MAY switch threads.
 *
 * Sleep: km_sleep_until()/km_sleep_ns() block the calling thread when a
 * scheduler registered itself with km_time_set_sleeper(), else they halt
 * the CPU until the deadline (km_plat_halt_until, no busy loop). They
 * return 0 once the deadline has passed.
 *
 * Cost: starting a timer walks a sorted list (O(number of pending timers)).
 * Non-goals: periodic timers (restart from the function), timer slack,
 * per-CPU timers, CLOCK_PROCESS_CPUTIME.
 */
#ifndef KM_TIME_H
#define KM_TIME_H

#include <km/essentials.h>
#include <km/plat/time.h>

static inline km_nsec_t km_time_monotonic_ns(void)
{
	return km_plat_monotonic_ns();
}
static inline km_nsec_t km_time_wall_ns(void)
{
	return km_plat_wall_ns();
}

struct km_timer;
typedef void (*km_timer_fn_t)(struct km_timer *t, void *arg);

struct km_timer {
	/* private */
	struct km_timer *next, *prev;
	km_nsec_t deadline;
	km_timer_fn_t fn;
	void *arg;
	int pending;
};

void km_timer_init(struct km_timer *t, km_timer_fn_t fn, void *arg);
void km_timer_start(struct km_timer *t, km_nsec_t deadline);
int km_timer_stop(struct km_timer *t);
/* Earliest pending deadline, or 0 when no timer is pending. */
km_nsec_t km_timer_next_deadline(void);

void km_time_set_irq_exit(void (*hook)(void));
void km_time_set_sleeper(int (*sleep_until)(km_nsec_t deadline));

int km_sleep_until(km_nsec_t deadline);
int km_sleep_ns(km_nsec_t ns);

#endif /* KM_TIME_H */
