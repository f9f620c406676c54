/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Signals between newlib's numbering and Linux's. newlib's bare target
 * numbers its signals as BSD does (SIGUSR1 is 30, SIGCHLD 20) and keeps
 * signal n at bit n of a sigset_t; the syscall layer (lib/posix-signal)
 * is Linux's: SIGUSR1 10, SIGCHLD 17, signal n at bit n-1. Programs see
 * newlib's numbers and macros; every call that reaches the syscall layer
 * is translated here, handlers' arguments included. lib/posix-signal keeps
 * the actions and one mask per thread and delivers at system calls (its
 * README); kill or raise of the image itself ends it as it documents.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <km/syscall.h>
#include "newlib_glue.h"

#define LINUX_SIG_BLOCK	   0
#define LINUX_SIG_UNBLOCK  1
#define LINUX_SIG_SETMASK  2
#define LINUX_SA_NOCLDSTOP 1

/* Linux's number of newlib's signal i (0: Linux has none). */
static const unsigned char linux_sig[NSIG] = {
	[SIGHUP] = 1,	[SIGINT] = 2,	 [SIGQUIT] = 3,	 [SIGILL] = 4,	 [SIGTRAP] = 5,
	[SIGABRT] = 6,	[SIGFPE] = 8,	 [SIGKILL] = 9,	 [SIGBUS] = 7,	 [SIGSEGV] = 11,
	[SIGSYS] = 31,	[SIGPIPE] = 13,	 [SIGALRM] = 14, [SIGTERM] = 15, [SIGURG] = 23,
	[SIGSTOP] = 19, [SIGTSTP] = 20,	 [SIGCONT] = 18, [SIGCHLD] = 17, [SIGTTIN] = 21,
	[SIGTTOU] = 22, [SIGIO] = 29,	 [SIGXCPU] = 24, [SIGXFSZ] = 25, [SIGVTALRM] = 26,
	[SIGPROF] = 27, [SIGWINCH] = 28, [SIGLOST] = 30, /* Linux's SIGPWR, its nearest */
	[SIGUSR1] = 10, [SIGUSR2] = 12,
};

long newlib_linux_signal(int sig)
{
	if (sig == 0)
		return 0;
	if (sig < 0 || sig >= NSIG || !linux_sig[sig])
		return -1;
	return linux_sig[sig];
}

int newlib_signal_from_linux(long lsig)
{
	for (int i = 1; i < NSIG; i++)
		if (linux_sig[i] == lsig)
			return i;
	return -1;
}

uint64_t newlib_linux_sigset(const sigset_t *set)
{
	uint64_t out = 0;

	for (int i = 1; i < NSIG; i++)
		if ((*set >> i & 1) && linux_sig[i])
			out |= 1ULL << (linux_sig[i] - 1);
	return out;
}

static sigset_t set_from_linux(uint64_t lset)
{
	sigset_t out = 0;

	for (int i = 1; i < NSIG; i++)
		if (linux_sig[i] && (lset >> (linux_sig[i] - 1) & 1))
			out |= (sigset_t)1 << i;
	return out;
}

/* The kernel's struct sigaction (x86_64), as rt_sigaction(2) takes it. */
struct linux_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

/* A program's handlers take newlib's numbers; lib/posix-signal calls with
 * Linux's: every handler is installed as this one, which translates. */
static void (*volatile program_handler[NSIG])(int);

static void handler_in_newlib_numbers(int lsig)
{
	int sig = newlib_signal_from_linux(lsig);

	if (sig > 0 && program_handler[sig])
		program_handler[sig](sig);
}

static int is_function(void (*h)(int))
{
	return h != SIG_DFL && h != SIG_IGN && h != SIG_ERR;
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	struct linux_sigaction la, lo = { 0 };
	long lsig = newlib_linux_signal(sig);
	long ret;
	void (*previous)(int);

	if (lsig <= 0) {
		errno = EINVAL;
		return -1;
	}
	previous = program_handler[sig];
	if (act && is_function(act->sa_handler))
		program_handler[sig] = act->sa_handler;
	if (act)
		la = (struct linux_sigaction){
			.handler = is_function(act->sa_handler) ? handler_in_newlib_numbers
								: act->sa_handler,
			.flags = act->sa_flags & SA_NOCLDSTOP ? LINUX_SA_NOCLDSTOP : 0,
			.mask = newlib_linux_sigset(&act->sa_mask),
		};
	ret = km_syscall4(KM_SYS_rt_sigaction, lsig, act ? &la : NULL, old ? &lo : NULL, 8);
	if (ret != 0)
		program_handler[sig] = previous;
	if (ret == 0 && old)
		*old = (struct sigaction){
			.sa_handler =
				lo.handler == handler_in_newlib_numbers ? previous : lo.handler,
			.sa_mask = set_from_linux(lo.mask),
			.sa_flags = lo.flags & LINUX_SA_NOCLDSTOP ? SA_NOCLDSTOP : 0,
		};
	return (int)newlib_result(ret);
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	uint64_t lset = 0, lold = 0;
	long lhow, ret;

	switch (how) {
	case SIG_BLOCK:
		lhow = LINUX_SIG_BLOCK;
		break;
	case SIG_UNBLOCK:
		lhow = LINUX_SIG_UNBLOCK;
		break;
	case SIG_SETMASK:
		lhow = LINUX_SIG_SETMASK;
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	if (set)
		lset = newlib_linux_sigset(set);
	ret = km_syscall4(KM_SYS_rt_sigprocmask, lhow, set ? &lset : NULL, old ? &lold : NULL, 8);
	if (ret == 0 && old)
		*old = set_from_linux(lold);
	return (int)newlib_result(ret);
}

int sigpending(sigset_t *set)
{
	uint64_t lset = 0;
	long ret = km_syscall2(KM_SYS_rt_sigpending, &lset, 8);

	if (ret == 0)
		*set = set_from_linux(lset);
	return (int)newlib_result(ret);
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~(sigset_t)1; /* every signal; bit 0 is no signal */
	return 0;
}

static int bad_signal(int sig)
{
	if (sig > 0 && sig < NSIG)
		return 0;
	errno = EINVAL;
	return 1;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	*set |= (sigset_t)1 << sig;
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	*set &= ~((sigset_t)1 << sig);
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	return (int)(*set >> sig & 1);
}

int tgkill(pid_t tgid, pid_t tid, int sig)
{
	long lsig = newlib_linux_signal(sig);

	if (lsig < 0) {
		errno = EINVAL;
		return -1;
	}
	return (int)newlib_result(km_syscall3(KM_SYS_tgkill, tgid, tid, lsig));
}
