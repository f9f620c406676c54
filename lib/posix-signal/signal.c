/* SPDX-License-Identifier: BSD-3-Clause */
/* Recorded signal state and synchronous delivery (see km/posix_signal.h). */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <km/plat/lifecycle.h>
#include <km/posix_signal.h>
#include <km/print.h>
#include <km/syscall.h>

#define NSIG_ 64
#define SIGKILL_ 9
#define SIGSTOP_ 19
#define SA_SIGINFO_ 4UL
#define SA_RESETHAND_ 0x80000000UL
#define SIG_DFL_ 0UL
#define SIG_IGN_ 1UL
#define SI_USER_ 0
#define SI_TKILL_ (-6)

struct k_sigaction {
	unsigned long handler, flags, restorer;
	uint64_t mask;
};

struct k_siginfo {
	int si_signo, si_errno, si_code, pad;
	int si_pid, si_uid;
	char rest[128 - 24];
};

static struct k_sigaction actions[NSIG_ + 1];
static uint64_t blocked, pending;

#define BIT(sig) ((uint64_t)1 << ((sig) - 1))
#define UNBLOCKABLE (BIT(SIGKILL_) | BIT(SIGSTOP_))

static const char *const names[] = {
	[1] = "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
	"SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
	"SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
	"SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
	"SIGIO", "SIGPWR", "SIGSYS",
};

static int ignored_by_default(int sig)
{
	switch (sig) {
	case 17: case 18: case 23: case 28:      /* CHLD CONT URG WINCH */
	case 19: case 20: case 21: case 22:      /* STOP TSTP TTIN TTOU */
		return 1;
	default:
		return 0;
	}
}

static void deliver(int sig, int code)
{
	struct k_sigaction act = actions[sig];

	if (act.handler == SIG_IGN_ || (act.handler == SIG_DFL_ && ignored_by_default(sig)))
		return;
	if (act.handler == SIG_DFL_) {
		const char *name = sig < (int)KM_ARRAY_SIZE(names) ? names[sig] : NULL;

		km_pr_err("killed by signal %d (%s): exit status %d\n", sig,
			  name ? name : "SIGRT", KM_SIGNAL_EXIT_BASE + sig);
		km_plat_terminate(KM_SIGNAL_EXIT_BASE + sig);
	}
	if (act.flags & SA_RESETHAND_)
		actions[sig].handler = SIG_DFL_;
	uint64_t saved = blocked;

	blocked |= (act.mask | BIT(sig)) & ~UNBLOCKABLE;
	if (act.flags & SA_SIGINFO_) {
		struct k_siginfo info;

		memset(&info, 0, sizeof(info));
		info.si_signo = sig;
		info.si_code = code;
		info.si_pid = 1;
		((void (*)(int, void *, void *))act.handler)(sig, &info, NULL);
	} else {
		((void (*)(int))act.handler)(sig);
	}
	blocked = saved;
}

/* Deliver every pending signal that is not blocked, lowest first. */
static void deliver_pending(int code)
{
	uint64_t ready;

	while ((ready = pending & ~blocked)) {
		int sig = __builtin_ctzll(ready) + 1;

		pending &= ~BIT(sig);
		deliver(sig, code);
	}
}

static long send_self(long sig, int code)
{
	if (sig < 0 || sig > NSIG_)
		return -EINVAL;
	if (sig == 0)
		return 0;
	pending |= BIT(sig);
	deliver_pending(code);
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
	uint64_t *oset = (uint64_t *)a3;

	if (a4 != 8)
		return -EINVAL;
	if (set && (a1 < 0 || a1 > 2))
		return -EINVAL;
	if (oset)
		*oset = blocked;
	if (!set)
		return 0;
	switch (a1) {
	case 0:
		blocked |= *set;
		break;
	case 1:
		blocked &= ~*set;
		break;
	default:
		blocked = *set;
		break;
	}
	blocked &= ~UNBLOCKABLE;
	deliver_pending(SI_USER_);
	return 0;
}

KM_SYSCALL_DEFINE(rt_sigpending, 2)
{
	if (a2 != 8)
		return -EINVAL;
	if (!a1)
		return -EFAULT;
	*(uint64_t *)a1 = pending;
	return 0;
}

KM_SYSCALL_DEFINE(kill, 2)
{
	if (a1 != 0 && a1 != -1 && a1 != 1)
		return -ESRCH;
	return send_self(a2, SI_USER_);
}

KM_SYSCALL_DEFINE(tkill, 2)
{
	return a1 <= 0 ? -EINVAL : send_self(a2, SI_TKILL_);
}

KM_SYSCALL_DEFINE(tgkill, 3)
{
	if (a1 <= 0 || a2 <= 0)
		return -EINVAL;
	if (a1 != 1)
		return -ESRCH;
	return send_self(a3, SI_TKILL_);
}

/* Recorded only: handlers run on the sender's stack (synchronous delivery). */
struct k_stack {
	void *sp;
	int flags, pad;
	size_t size;
};
#define SS_ONSTACK_ 1
#define SS_DISABLE_ 2
#define SS_AUTODISARM_ (1U << 31)
#define MINSIGSTKSZ_ 2048

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
