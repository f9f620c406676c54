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
 * system call (every lock and every thread switch masks).
 *
 * Where handlers run. The host's signal frame is large (the whole
 * XSAVE area: 3.5 KiB here, 11 KiB and more with AMX) and a thread stack
 * is small (64 KiB is common for servers): frames stacked on a thread
 * stack, by signals nesting or by a thread switched away inside a
 * handler, overflowed it under load. So the host delivers every signal on
 * the alternate stack (crash.c's) with all other signals blocked, and the
 * signal handler only records the signal. When interrupts were on, it
 * then makes the interrupted code call linuxu_irq_entry (below) on its own
 * stack, as a CPU does with an interrupt: the frame is the registers and
 * the SSE state (about 700 bytes, past the 128-byte red zone), and the
 * handlers run there after the host's frame is gone, free to switch
 * threads. A thread switched away there is resumed by a normal switch.
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

/*
 * linuxu_irq_entry: where the signal handler sends code interrupted with
 * interrupts on. It comes as if called, with the interrupted RIP at (%rsp)
 * and 128 bytes (the red zone) above that left alone; linuxu_irq_off is 1.
 * It saves what C code may change, runs the pending handlers, clears
 * linuxu_irq_off and returns to the interrupted code, taking signals that
 * came meanwhile first. A signal in the last instructions, after the
 * flag is clear, enters again below this frame.
 */
__asm__(".text\n"
	".global linuxu_irq_entry\n"
	".type linuxu_irq_entry, @function\n"
	"linuxu_irq_entry:\n"
	"	pushq %rbp\n"
	"	movq %rsp, %rbp\n" /* backtraces go on into the interrupted code */
	"	pushfq\n"
	"1:	pushq %rax\n"
	"	pushq %rcx\n"
	"	pushq %rdx\n"
	"	pushq %rsi\n"
	"	pushq %rdi\n"
	"	pushq %r8\n"
	"	pushq %r9\n"
	"	pushq %r10\n"
	"	pushq %r11\n"
	"	pushq %rbx\n"
	"	movq %rsp, %rbx\n"
	"	subq $512, %rsp\n"
	"	andq $-16, %rsp\n"
	"	fxsave64 (%rsp)\n"
	/* The ABI's state for C, as the host gives a handler: an empty x87
	 * stack (one switched to next would inherit it otherwise) and the
	 * default control words. */
	"	fninit\n"
	"	ldmxcsr linuxu_mxcsr_default(%rip)\n"
	"	cld\n"
	"	call linuxu_irq_drain\n"
	"	fxrstor64 (%rsp)\n"
	"	movq %rbx, %rsp\n"
	"	popq %rbx\n"
	"	popq %r11\n"
	"	popq %r10\n"
	"	popq %r9\n"
	"	popq %r8\n"
	"	popq %rdi\n"
	"	popq %rsi\n"
	"	popq %rdx\n"
	"	popq %rcx\n"
	"	popq %rax\n"
	"	movl $0, linuxu_irq_off(%rip)\n"
	"	cmpq $0, linuxu_irq_pending(%rip)\n"
	"	jne 2f\n"
	"	popfq\n"
	"	popq %rbp\n"
	"	ret $128\n"
	"2:	movl $1, linuxu_irq_off(%rip)\n"
	"	jmp 1b\n"
	".size linuxu_irq_entry, . - linuxu_irq_entry\n");

/*
 * long linuxu_halt(const struct linuxu_timespec *deadline): an absolute
 * CLOCK_MONOTONIC sleep for the idle thread, which calls it with
 * interrupts off. A signal recorded after the idle thread last looked
 * would not end a sleep that had not begun yet: the handler moves code
 * caught between linuxu_halt_check and the syscall past it, and the check
 * sees a signal that came before.
 */
__asm__(".text\n"
	".global linuxu_halt\n"
	".type linuxu_halt, @function\n"
	"linuxu_halt:\n"
	"	movq %rdi, %rdx\n"
	"	movl $1, %edi\n" /* CLOCK_MONOTONIC */
	"	movl $1, %esi\n" /* TIMER_ABSTIME */
	"	xorl %r10d, %r10d\n"
	"	movl $-4, %eax\n" /* -EINTR, when skipped */
	".global linuxu_halt_check\n"
	"linuxu_halt_check:\n"
	"	cmpq $0, linuxu_irq_pending(%rip)\n"
	"	jne linuxu_halt_done\n"
	"	movl $230, %eax\n" /* clock_nanosleep */
	"	syscall\n"
	".global linuxu_halt_done\n"
	"linuxu_halt_done:\n"
	"	ret\n"
	".size linuxu_halt, . - linuxu_halt\n");

extern const unsigned int linuxu_mxcsr_default;
const unsigned int linuxu_mxcsr_default = 0x1f80;
void linuxu_irq_entry(void);
extern const char linuxu_halt_check[], linuxu_halt_done[];

static km_timer_handler_t handler;
static void *handler_arg;
static int timer_id = -1;
/* Global for linuxu_irq_entry and linuxu_halt. */
volatile int linuxu_irq_off;
unsigned long linuxu_irq_pending; /* bit N: signal N came while masked */
#define irq_off	    linuxu_irq_off
#define irq_pending linuxu_irq_pending

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

/* Runs the pending handlers, interrupts off (linuxu_irq_entry calls it). */
void linuxu_irq_drain(void);
void linuxu_irq_drain(void)
{
	unsigned long pending;

	while ((pending = __atomic_load_n(&irq_pending, __ATOMIC_RELAXED))) {
		int sig = __builtin_ctzl(pending);

		__atomic_fetch_and(&irq_pending, ~(1UL << sig), __ATOMIC_RELAXED);
		run_handler(sig);
	}
}

/* On the alternate stack, every other signal blocked: see the top. */
static void on_signal(int sig, void *info, struct linuxu_ucontext *uc)
{
	uint64_t *g = uc->gregs, sp;

	(void)info;
	__atomic_fetch_or(&irq_pending, 1UL << sig, __ATOMIC_RELAXED);
	if (g[RIP] >= (uintptr_t)linuxu_halt_check && g[RIP] < (uintptr_t)linuxu_halt_done)
		g[RIP] = (uintptr_t)linuxu_halt_done; /* the idle thread: do not sleep */
	if (irq_off)
		return;
	irq_off = 1;
	sp = g[RSP] - 128 - 8;
	*(uint64_t *)sp = g[RIP];
	g[RSP] = sp;
	g[RIP] = (uintptr_t)linuxu_irq_entry;
}

int linuxu_irq_register(int sig, void (*fn)(void *arg), void *arg)
{
	struct linuxu_sigaction sa = {
		.handler = (void *)on_signal,
		.flags = LINUXU_SA_SIGINFO | LINUXU_SA_RESTORER | LINUXU_SA_RESTART |
			 LINUXU_SA_ONSTACK,
		.restorer = linuxu_sigreturn,
		.mask = LINUXU_HANDLER_MASK,
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
		irq_off = 0;
		barrier();
		if (!__atomic_load_n(&irq_pending, __ATOMIC_RELAXED))
			return;
		/* A signal came while masked: deliver it now. */
		irq_off = 1;
		barrier();
		linuxu_irq_drain();
	}
}
