/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one-shot timer on linuxu: a POSIX timer on the host's monotonic clock
 * delivering SIGALRM, armed with absolute deadlines.
 *
 * Interrupt masking is a flag in memory, not the host signal mask: a
 * SIGALRM (or a device's signal, linuxu_irq_register) that arrives while
 * "interrupts" are off is recorded and its handler runs from
 * km_plat_irq_restore() when they come back on, which is what a CPU does
 * with a pending interrupt at sti. Masking thus costs no
 * system call (every lock and every thread switch masks), and the host
 * never blocks SIGALRM for us (SA_NODEFER), so a handler that switches to
 * another thread (preemption) leaves that thread able to take the next one.
 */
#include <errno.h>
#include <km/plat/timer.h>
#include "linuxu.h"

#define LINUXU_SIGALRM	    14
#define LINUXU_SIGEV_SIGNAL 0

km_nsec_t linuxu_host_deadline(km_nsec_t deadline);

struct linuxu_sigevent {
	long value;
	int signo;
	int notify;
	int pad[12];
};

struct linuxu_itimerspec {
	struct linuxu_timespec interval;
	struct linuxu_timespec value;
};

__asm__(".text\n"
	".global linuxu_sigreturn\n"
	"linuxu_sigreturn:\n"
	"	mov $15, %eax\n" /* rt_sigreturn */
	"	syscall\n"
	"	ud2\n");

static km_timer_handler_t handler;
static void *handler_arg;
static int timer_id = -1;
static volatile int irq_off;
static unsigned long irq_pending; /* bit N: signal N came while masked */

static struct {
	void (*fn)(void *arg);
	void *arg;
} irq_handlers[64];

#define barrier() __atomic_signal_fence(__ATOMIC_SEQ_CST)

static void run_handler(int sig)
{
	if (irq_handlers[sig].fn)
		irq_handlers[sig].fn(irq_handlers[sig].arg);
}

static void on_signal(int sig, void *info, void *uc)
{
	(void)info;
	(void)uc;
	if (irq_off) {
		__atomic_fetch_or(&irq_pending, 1UL << sig, __ATOMIC_RELAXED);
		return;
	}
	irq_off = 1;
	barrier();
	run_handler(sig);
	/* The handler may have run other threads; the interrupted code had
	 * interrupts on, so that is what it gets back. */
	km_plat_irq_restore(0);
}

int linuxu_irq_register(int sig, void (*fn)(void *arg), void *arg)
{
	struct linuxu_sigaction sa = {
		.handler = (void *)on_signal,
		.flags = LINUXU_SA_SIGINFO | LINUXU_SA_RESTORER | LINUXU_SA_RESTART |
			 LINUXU_SA_NODEFER,
		.restorer = linuxu_sigreturn,
		.mask = 0,
	};
	unsigned long fl;
	long r;

	if (sig <= 0 || sig >= 64)
		return -EINVAL;
	fl = km_plat_irq_save();
	irq_handlers[sig].fn = fn;
	irq_handlers[sig].arg = arg;
	km_plat_irq_restore(fl);
	r = linuxu_sigaction(sig, &sa);
	return r < 0 ? (int)r : 0;
}

static void run_timer_handler(void *arg)
{
	(void)arg;
	if (handler)
		handler(handler_arg);
}

static int timer_setup(void)
{
	struct linuxu_sigevent sev = {
		.signo = LINUXU_SIGALRM,
		.notify = LINUXU_SIGEV_SIGNAL,
	};
	long r;

	r = linuxu_irq_register(LINUXU_SIGALRM, run_timer_handler, NULL);
	if (r < 0)
		return (int)r;
	r = linuxu_syscall(LINUXU_SYS_timer_create, LINUXU_CLOCK_MONOTONIC, &sev, &timer_id);
	return r < 0 ? (int)r : 0;
}

void km_plat_timer_set_handler(km_timer_handler_t h, void *arg)
{
	unsigned long fl = km_plat_irq_save();

	if (timer_id < 0 && timer_setup() < 0)
		timer_id = -1;
	handler = h;
	handler_arg = arg;
	km_plat_irq_restore(fl);
}

static void timer_set(km_nsec_t host_deadline)
{
	struct linuxu_itimerspec its = {
	    .value =
		{
		    .tv_sec = (long)(host_deadline / KM_NSEC_PER_SEC),
		    .tv_nsec = (long)(host_deadline % KM_NSEC_PER_SEC),
		},
	};

	if (timer_id < 0 && timer_setup() < 0)
		return;
	linuxu_syscall6(LINUXU_SYS_timer_settime, timer_id, LINUXU_TIMER_ABSTIME, (long)&its, 0, 0,
			0);
}

void km_plat_timer_arm(km_nsec_t deadline)
{
	/* Absolute 0 would disarm: a deadline at boot means "now". */
	timer_set(KM_MAX(linuxu_host_deadline(deadline), 1));
}

void km_plat_timer_disarm(void)
{
	if (timer_id >= 0)
		timer_set(0);
}

unsigned long km_plat_irq_save(void)
{
	unsigned long f = (unsigned long)irq_off;

	irq_off = 1;
	barrier();
	return f;
}

void km_plat_irq_restore(unsigned long flags)
{
	barrier();
	if (flags)
		return; /* nested: stays masked */
	for (;;) {
		unsigned long pending;
		int sig;

		irq_off = 0;
		barrier();
		if (!__atomic_load_n(&irq_pending, __ATOMIC_RELAXED))
			return;
		/* A signal came while masked: deliver it now. */
		irq_off = 1;
		barrier();
		pending = __atomic_load_n(&irq_pending, __ATOMIC_RELAXED);
		sig = __builtin_ctzl(pending);
		__atomic_fetch_and(&irq_pending, ~(1UL << sig), __ATOMIC_RELAXED);
		run_handler(sig);
	}
}
