/* SPDX-License-Identifier: BSD-3-Clause */
/* Recorded signal state and synchronous delivery (see km/posix_signal.h). */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <km/init.h>
#include <km/plat/lifecycle.h>
#include <km/plat/timer.h>
#include <km/posix_signal.h>
#include <km/print.h>
#include <km/syscall.h>
#include <km/time.h>
#include "sigthread.h"

#define NSIG_	      64
#define SIGKILL_      9
#define SIGSTOP_      19
#define SA_SIGINFO_   4UL
#define SA_RESETHAND_ 0x80000000UL
#define SIG_DFL_      0UL
#define SIG_IGN_      1UL
#define SI_USER_      0
#define SI_TKILL_     (-6)
#define SI_KERNEL_    0x80
#define SIGALRM_      14
/* ucontext's uc_sigmask: after uc_flags, uc_link, uc_stack (24 bytes) and
 * uc_mcontext (256 bytes), byte 296 (x86_64). */
#define UC_SIGMASK_WORD (296 / 8)

struct k_sigaction {
	unsigned long handler, flags, restorer;
	uint64_t mask;
};

struct k_siginfo {
	int si_signo, si_errno, si_code, pad;
	int si_pid, si_uid;
	char rest[128 - 24];
};

/* Dispositions are the process's; masks and thread-directed pending sets
 * are per thread (sigthread.h); process_pending is kill's and alarm's. */
static struct k_sigaction actions[NSIG_ + 1];
static uint64_t process_pending;

#define BIT(sig)    ((uint64_t)1 << ((sig)-1))
#define UNBLOCKABLE (BIT(SIGKILL_) | BIT(SIGSTOP_))

static const char *const names[] = {
	[1] = "SIGHUP", "SIGINT",    "SIGQUIT", "SIGILL",  "SIGTRAP",	"SIGABRT", "SIGBUS",
	"SIGFPE",	"SIGKILL",   "SIGUSR1", "SIGSEGV", "SIGUSR2",	"SIGPIPE", "SIGALRM",
	"SIGTERM",	"SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP",	"SIGTSTP", "SIGTTIN",
	"SIGTTOU",	"SIGURG",    "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
	"SIGIO",	"SIGPWR",    "SIGSYS",
};

static int ignored_by_default(int sig)
{
	switch (sig) {
	case 17:
	case 18:
	case 23:
	case 28: /* CHLD CONT URG WINCH */
	case 19:
	case 20:
	case 21:
	case 22: /* STOP TSTP TTIN TTOU */
		return 1;
	default:
		return 0;
	}
}

static int default_is_fatal(int sig)
{
	return actions[sig].handler == SIG_DFL_ && !ignored_by_default(sig);
}

static __km_noreturn void die_of(int sig)
{
	const char *name = sig < (int)KM_ARRAY_SIZE(names) ? names[sig] : NULL;

	km_pr_err("killed by signal %d (%s): exit status %d\n", sig, name ? name : "SIGRT",
		  KM_SIGNAL_EXIT_BASE + sig);
	km_plat_terminate(KM_SIGNAL_EXIT_BASE + sig);
}

static void deliver(int sig, int code)
{
	struct k_sigaction act = actions[sig];

	if (act.handler == SIG_IGN_ || (act.handler == SIG_DFL_ && ignored_by_default(sig)))
		return;
	if (act.handler == SIG_DFL_)
		die_of(sig);
	if (act.flags & SA_RESETHAND_)
		actions[sig].handler = SIG_DFL_;
	uint64_t *blocked = sigthread_mask();
	uint64_t saved = *blocked;

	*blocked |= (act.mask | BIT(sig)) & ~UNBLOCKABLE;
	if (act.flags & SA_SIGINFO_) {
		struct k_siginfo info;
		/* No interrupted context to describe: an empty one (Linux's
		 * x86_64 ucontext_t is 936 bytes), never NULL, but with the
		 * mask to return to in uc_sigmask, which a handler may change
		 * (musl's cancellation handler blocks SIGCANCEL there). */
		uint64_t uc[128];

		memset(&info, 0, sizeof(info));
		memset(uc, 0, sizeof(uc));
		uc[UC_SIGMASK_WORD] = saved;
		info.si_signo = sig;
		info.si_code = code;
		info.si_pid = 1;
		((void (*)(int, void *, void *))act.handler)(sig, &info, uc);
		/* As sigreturn: the context's mask becomes the thread's. */
		saved = uc[UC_SIGMASK_WORD] & ~UNBLOCKABLE;
	} else {
		((void (*)(int))act.handler)(sig);
	}
	*blocked = saved;
}

static int take_lowest(uint64_t *set, uint64_t ready)
{
	int sig = __builtin_ctzll(ready) + 1;

	__atomic_fetch_and(set, ~BIT(sig), __ATOMIC_RELAXED);
	return sig;
}

/*
 * Delivers, in the calling thread, every signal pending for it or for the
 * process that it does not block, lowest first (thread-directed ones
 * before the process's, as Linux). What stays pending for another thread
 * that can take it makes the next system call's return look again.
 */
static void deliver_pending(int code)
{
	uint64_t *mine = sigthread_pending(), ready;

	for (;;) {
		uint64_t blocked = *sigthread_mask();

		if ((ready = __atomic_load_n(mine, __ATOMIC_RELAXED) & ~blocked))
			deliver(take_lowest(mine, ready), SI_TKILL_);
		else if ((ready = __atomic_load_n(&process_pending, __ATOMIC_RELAXED) & ~blocked))
			deliver(take_lowest(&process_pending, ready), code);
		else
			break;
	}
	if (sigthread_any_deliverable(__atomic_load_n(&process_pending, __ATOMIC_RELAXED)))
		km_syscall_exit_work_request();
}

/*
 * A signal for the whole image (kill, alarm), as Linux's complete_signal:
 * the default action that ends the image does so at once when any thread
 * does not block the signal; otherwise it stays pending for the process and
 * goes to the first thread not blocking it that returns from a system
 * call (the sender first, when @deliver_now and it does not block it).
 */
static void send_process(int sig, int code, int deliver_now)
{
	if (default_is_fatal(sig) && sigthread_any_unblocked(BIT(sig)))
		die_of(sig);
	__atomic_fetch_or(&process_pending, BIT(sig), __ATOMIC_RELAXED);
	if (deliver_now)
		deliver_pending(code);
	else
		km_syscall_exit_work_request();
}

static long send_thread(long tid, long sig)
{
	uint64_t mask, *pending;

	if (sig < 0 || sig > NSIG_)
		return -EINVAL;
	pending = sigthread_find(tid, &mask);
	if (!pending)
		return -ESRCH;
	if (sig == 0)
		return 0;
	/* A fatal default action ends the whole image, as on Linux. */
	if (default_is_fatal((int)sig) && !(mask & BIT(sig)))
		die_of((int)sig);
	__atomic_fetch_or(pending, BIT(sig), __ATOMIC_RELAXED);
	deliver_pending(SI_TKILL_);
	return 0;
}

KM_SYSCALL_DEFINE(rt_sigaction, 4)
{
	const struct k_sigaction *act = (const struct k_sigaction *)a2;
	struct k_sigaction *oact = (struct k_sigaction *)a3;

	if (a4 != 8 || a1 < 1 || a1 > NSIG_)
		return -EINVAL;
	if (act && (a1 == SIGKILL_ || a1 == SIGSTOP_))
		return -EINVAL;
	if (oact)
		*oact = actions[a1];
	if (act)
		actions[a1] = *act;
	return 0;
}

KM_SYSCALL_DEFINE(rt_sigprocmask, 4)
{
	const uint64_t *set = (const uint64_t *)a2;
	uint64_t *oset = (uint64_t *)a3, *blocked = sigthread_mask();

	if (a4 != 8)
		return -EINVAL;
	if (set && (a1 < 0 || a1 > 2))
		return -EINVAL;
	if (oset)
		*oset = *blocked;
	if (!set)
		return 0;
	switch (a1) {
	case 0:
		*blocked |= *set;
		break;
	case 1:
		*blocked &= ~*set;
		break;
	default:
		*blocked = *set;
		break;
	}
	*blocked &= ~UNBLOCKABLE;
	deliver_pending(SI_USER_);
	return 0;
}

KM_SYSCALL_DEFINE(rt_sigpending, 2)
{
	if (a2 != 8)
		return -EINVAL;
	if (!a1)
		return -EFAULT;
	*(uint64_t *)a1 = (*sigthread_pending() | process_pending) & *sigthread_mask();
	return 0;
}

KM_SYSCALL_DEFINE(kill, 2)
{
	if (a1 != 0 && a1 != -1 && a1 != 1)
		return -ESRCH;
	if (a2 < 0 || a2 > NSIG_)
		return -EINVAL;
	if (a2)
		send_process((int)a2, SI_USER_, 1);
	return 0;
}

KM_SYSCALL_DEFINE(tkill, 2)
{
	return a1 <= 0 ? -EINVAL : send_thread(a1, a2);
}

KM_SYSCALL_DEFINE(tgkill, 3)
{
	if (a1 <= 0 || a2 <= 0)
		return -EINVAL;
	if (a1 != 1)
		return -ESRCH;
	return send_thread(a2, a3);
}

/* Recorded only: handlers run on the receiving thread's own stack. */
struct k_stack {
	void *sp;
	int flags, pad;
	size_t size;
};
#define SS_ONSTACK_    1
#define SS_DISABLE_    2
#define SS_AUTODISARM_ (1U << 31)
#define MINSIGSTKSZ_   2048

static struct k_stack alt_stack = { NULL, SS_DISABLE_, 0, 0 };

KM_SYSCALL_DEFINE(sigaltstack, 2)
{
	const struct k_stack *ss = (const struct k_stack *)a1;
	struct k_stack *old = (struct k_stack *)a2;

	if (ss) {
		unsigned int mode = (unsigned int)ss->flags & ~SS_AUTODISARM_;

		if (mode != 0 && mode != SS_DISABLE_)
			return -EINVAL;
		if (mode == 0 && ss->size < MINSIGSTKSZ_)
			return -ENOMEM;
	}
	if (old)
		*old = alt_stack;
	if (ss)
		alt_stack = ((unsigned int)ss->flags & SS_DISABLE_)
				    ? (struct k_stack){ NULL, SS_DISABLE_, 0, 0 }
				    : *ss;
	return 0;
}

/*
 * ITIMER_REAL: a lib/time timer raises SIGALRM for the process in interrupt
 * context (send_process). With the default action and a thread not
 * blocking it, it ends the image right there (a program stuck in a loop is
 * still stopped); otherwise the signal is delivered when the next system
 * call of a thread not blocking it returns.
 */
static struct km_timer alarm_timer;
static km_nsec_t alarm_deadline, alarm_interval;

static void alarm_fire(struct km_timer *t, void *arg)
{
	(void)arg;
	send_process(SIGALRM_, SI_KERNEL_, 0);
	if (alarm_interval) {
		alarm_deadline += alarm_interval;
		km_timer_start(t, alarm_deadline);
	} else {
		alarm_deadline = 0;
	}
	km_syscall_exit_work_request();
}

static void deliver_at_syscall_exit(void)
{
	deliver_pending(SI_KERNEL_);
}

static int signal_init(void)
{
	km_timer_init(&alarm_timer, alarm_fire, NULL);
	km_syscall_exit_work_set(deliver_at_syscall_exit);
	return 0;
}
KM_INIT_LIB(signal_init, 5);

struct k_timeval {
	long sec, usec;
};
struct k_itimerval {
	struct k_timeval interval, value;
};

static km_nsec_t tv_ns(const struct k_timeval *tv)
{
	return (km_nsec_t)tv->sec * KM_NSEC_PER_SEC + (km_nsec_t)tv->usec * KM_NSEC_PER_USEC;
}

static void ns_tv(struct k_timeval *tv, km_nsec_t ns)
{
	tv->sec = (long)(ns / KM_NSEC_PER_SEC);
	tv->usec = (long)(ns % KM_NSEC_PER_SEC / KM_NSEC_PER_USEC);
}

static int tv_valid(const struct k_timeval *tv)
{
	/* Far futures are refused rather than wrapped (about 292 years). */
	return tv->sec >= 0 && tv->sec < (1L << 32) && tv->usec >= 0 && tv->usec < 1000000;
}

static void itimer_get(struct k_itimerval *cur)
{
	km_nsec_t now = km_time_monotonic_ns();

	ns_tv(&cur->interval, alarm_interval);
	ns_tv(&cur->value, alarm_deadline > now ? alarm_deadline - now : 0);
	/* A timer about to fire still shows time left, as Linux does. */
	if (alarm_deadline && !cur->value.sec && !cur->value.usec)
		cur->value.usec = 1;
}

static long itimer_set(const struct k_itimerval *nv, struct k_itimerval *old)
{
	unsigned long irq;

	if (!tv_valid(&nv->interval) || !tv_valid(&nv->value))
		return -EINVAL;
	irq = km_plat_irq_save();
	if (old)
		itimer_get(old);
	km_timer_stop(&alarm_timer);
	alarm_interval = tv_ns(&nv->interval);
	alarm_deadline = 0;
	if (tv_ns(&nv->value)) {
		alarm_deadline = km_time_monotonic_ns() + tv_ns(&nv->value);
		km_timer_start(&alarm_timer, alarm_deadline);
	}
	km_plat_irq_restore(irq);
	return 0;
}

KM_SYSCALL_DEFINE(setitimer, 3)
{
	if (a1 != 0) /* ITIMER_REAL only */
		return -EINVAL;
	if (!a2)
		return -EFAULT;
	return itimer_set((const struct k_itimerval *)a2, (struct k_itimerval *)a3);
}

KM_SYSCALL_DEFINE(getitimer, 2)
{
	unsigned long irq;

	if (a1 != 0)
		return -EINVAL;
	if (!a2)
		return -EFAULT;
	irq = km_plat_irq_save();
	itimer_get((struct k_itimerval *)a2);
	km_plat_irq_restore(irq);
	return 0;
}

/* alarm(2): the seconds left of the previous alarm, rounded to nearest
 * and at least 1 when one was pending. */
KM_SYSCALL_DEFINE(alarm, 1)
{
	struct k_itimerval nv = { { 0, 0 }, { (long)(unsigned int)a1, 0 } }, old;

	itimer_set(&nv, &old);
	if (!old.value.sec && !old.value.usec)
		return 0;
	return old.value.sec + (old.value.usec >= 500000 || !old.value.sec);
}
