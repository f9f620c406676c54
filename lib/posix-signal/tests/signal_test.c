/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/posix-signal: recorded actions and synchronous delivery to itself. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <km/syscall.h>
#include <km/test.h>
#include <km/time.h>

#define SIGUSR1_ 10
#define SIGUSR2_ 12
#define SIGCHLD_ 17
#define BIT(s)	 ((uint64_t)1 << ((s)-1))

struct k_sigaction {
	unsigned long handler, flags, restorer;
	uint64_t mask;
};

static int got_sig, got_count, got_code;
static uint64_t mask_in_handler;

static void handler(int sig)
{
	got_sig = sig;
	got_count++;
	km_syscall4(KM_SYS_rt_sigprocmask, 0, NULL, &mask_in_handler, 8);
}

static void info_handler(int sig, void *info, void *uc)
{
	got_sig = sig;
	got_count++;
	got_code = ((int *)info)[2];
	(void)uc;
}

static void set_action(int sig, unsigned long h, unsigned long flags)
{
	struct k_sigaction a = { h, flags, 0, 0 };

	km_syscall4(KM_SYS_rt_sigaction, sig, &a, NULL, 8);
}

KM_TEST(posix_signal, handler_runs_once_synchronously)
{
	got_count = 0;
	set_action(SIGUSR1_, (unsigned long)handler, 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_kill, 1, SIGUSR1_), 0);
	KM_EXPECT_EQ(got_count, 1);
	KM_EXPECT_EQ(got_sig, SIGUSR1_);
	KM_EXPECT_NE(mask_in_handler & BIT(SIGUSR1_), 0u); /* blocked while it runs */
	KM_EXPECT_EQ(km_syscall2(KM_SYS_kill, 0, SIGUSR1_), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_tkill, 1, SIGUSR1_), 0);
	KM_EXPECT_EQ(got_count, 3);
	set_action(SIGUSR1_, 0, 0);
}

KM_TEST(posix_signal, siginfo_and_resethand)
{
	struct k_sigaction old;

	got_count = 0;
	set_action(SIGUSR2_, (unsigned long)info_handler, 4 | 0x80000000UL);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_tgkill, 1, 1, SIGUSR2_), 0);
	KM_EXPECT_EQ(got_count, 1);
	KM_EXPECT_EQ(got_code, -6); /* SI_TKILL */
	KM_EXPECT_EQ(km_syscall4(KM_SYS_rt_sigaction, SIGUSR2_, NULL, &old, 8), 0);
	KM_EXPECT_EQ(old.handler, 0u); /* SA_RESETHAND */
}

KM_TEST(posix_signal, blocked_signal_waits_for_unblock)
{
	uint64_t set = BIT(SIGUSR1_), pend = 0, old;

	got_count = 0;
	set_action(SIGUSR1_, (unsigned long)handler, 0);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_rt_sigprocmask, 0, &set, &old, 8), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_kill, 1, SIGUSR1_), 0);
	KM_EXPECT_EQ(got_count, 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_rt_sigpending, &pend, 8), 0);
	KM_EXPECT_EQ(pend, BIT(SIGUSR1_));
	KM_EXPECT_EQ(km_syscall4(KM_SYS_rt_sigprocmask, 2, &old, NULL, 8), 0);
	KM_EXPECT_EQ(got_count, 1);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_rt_sigpending, &pend, 8), 0);
	KM_EXPECT_EQ(pend, 0u);
	set_action(SIGUSR1_, 0, 0);
	/* SIGKILL and SIGSTOP cannot be blocked. */
	set = ~0ULL;
	KM_EXPECT_EQ(km_syscall4(KM_SYS_rt_sigprocmask, 2, &set, &old, 8), 0);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_rt_sigprocmask, 2, &old, &set, 8), 0);
	KM_EXPECT_EQ(set & (BIT(9) | BIT(19)), 0u);
}

KM_TEST(posix_signal, ignored_signals_do_nothing)
{
	set_action(SIGUSR1_, 1, 0); /* SIG_IGN */
	KM_EXPECT_EQ(km_syscall2(KM_SYS_kill, 1, SIGUSR1_), 0);
	set_action(SIGUSR1_, 0, 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_kill, 1, SIGCHLD_), 0); /* ignored by default */
	KM_EXPECT_EQ(km_syscall2(KM_SYS_kill, 1, 0), 0);	/* existence check */
}

KM_TEST(posix_signal, errors)
{
	struct k_sigaction a = { 1, 0, 0, 0 };
	uint64_t set = 0;

	KM_EXPECT_EQ(km_syscall4(KM_SYS_rt_sigaction, 9, &a, NULL, 8), -EINVAL);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_rt_sigaction, 19, &a, NULL, 8), -EINVAL);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_rt_sigaction, 65, NULL, NULL, 8), -EINVAL);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_rt_sigaction, 0, NULL, NULL, 8), -EINVAL);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_rt_sigaction, 10, NULL, NULL, 4), -EINVAL);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_rt_sigprocmask, 7, &set, NULL, 8), -EINVAL);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_rt_sigprocmask, 0, &set, NULL, 16), -EINVAL);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_kill, 42, 0), -ESRCH);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_kill, 1, 65), -EINVAL);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_tkill, 0, 10), -EINVAL);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_tgkill, 2, 1, 10), -ESRCH);
	/* No live thread has that id. */
	KM_EXPECT_EQ(km_syscall2(KM_SYS_tkill, 0x7fffffff, 10), -ESRCH);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_tgkill, 1, 0x7fffffff, 0), -ESRCH);
}

/* The ucontext's uc_sigmask (byte 296) is the mask from before the
 * handler, and what the handler leaves there is restored (sigreturn). */
static uint64_t mask_in_uc;

static void block_usr2_on_return(int sig, void *info, void *uc)
{
	(void)sig;
	(void)info;
	mask_in_uc = ((uint64_t *)uc)[296 / 8];
	((uint64_t *)uc)[296 / 8] |= BIT(SIGUSR2_);
}

KM_TEST(posix_signal, ucontext_sigmask_restored)
{
	uint64_t none = 0, old, now;

	KM_ASSERT_EQ(km_syscall4(KM_SYS_rt_sigprocmask, 2, &none, &old, 8), 0);
	set_action(SIGUSR1_, (unsigned long)block_usr2_on_return, 4 /* SA_SIGINFO */);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_kill, 1, SIGUSR1_), 0);
	KM_EXPECT_EQ(mask_in_uc, 0u);
	KM_ASSERT_EQ(km_syscall4(KM_SYS_rt_sigprocmask, 2, &old, &now, 8), 0);
	KM_EXPECT_EQ(now, BIT(SIGUSR2_));
	set_action(SIGUSR1_, 0, 0);
}

KM_TEST(posix_signal, sigaltstack_recorded)
{
	static char stack[8192];
	struct {
		void *sp;
		int flags, pad;
		size_t size;
	} ss = { stack, 0, 0, sizeof(stack) }, old;

	KM_ASSERT_EQ(km_syscall2(KM_SYS_sigaltstack, NULL, &old), 0);
	KM_EXPECT_EQ(old.flags, 2); /* SS_DISABLE */
	KM_EXPECT_EQ(km_syscall2(KM_SYS_sigaltstack, &ss, NULL), 0);
	KM_ASSERT_EQ(km_syscall2(KM_SYS_sigaltstack, NULL, &old), 0);
	KM_EXPECT_EQ((uintptr_t)old.sp, (uintptr_t)stack);
	KM_EXPECT_EQ(old.size, sizeof(stack));
	ss.size = 100;
	KM_EXPECT_EQ(km_syscall2(KM_SYS_sigaltstack, &ss, NULL), -ENOMEM);
	ss.flags = 5;
	KM_EXPECT_EQ(km_syscall2(KM_SYS_sigaltstack, &ss, NULL), -EINVAL);
	ss.flags = 2;
	KM_EXPECT_EQ(km_syscall2(KM_SYS_sigaltstack, &ss, &old), 0);
	KM_ASSERT_EQ(km_syscall2(KM_SYS_sigaltstack, NULL, &old), 0);
	KM_EXPECT_EQ(old.flags, 2);
}

struct itv_ {
	long isec, iusec, vsec, vusec;
};

static int alarms;
static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/* lib/time's sleep (nanosleep belongs to posix-time, which may be out),
 * then a system call of this library (a mask query), whose return
 * delivers what became pending. */
static void sleep_ms(long ms)
{
	km_sleep_ns((km_nsec_t)ms * KM_NSEC_PER_MSEC);
	km_syscall4(KM_SYS_rt_sigprocmask, 0, 0, 0, 8);
}

KM_TEST(posix_signal, itimer_delivers_at_syscall_return)
{
	struct itv_ nv = { 0, 0, 0, 20000 }, cur;

	alarms = 0;
	set_action(14, (unsigned long)on_alarm, 0);
	KM_ASSERT_EQ(km_syscall3(KM_SYS_setitimer, 0, &nv, NULL), 0);
	KM_ASSERT_EQ(km_syscall2(KM_SYS_getitimer, 0, &cur), 0);
	KM_EXPECT_LE(cur.vusec, 20000);
	KM_EXPECT_GT(cur.vusec + cur.vsec, 0);
	sleep_ms(60); /* fires during the sleep... */
	/* ...and is delivered by now */
	KM_EXPECT_EQ(alarms, 1);
	KM_ASSERT_EQ(km_syscall2(KM_SYS_getitimer, 0, &cur), 0);
	KM_EXPECT_EQ(cur.vsec + cur.vusec + cur.isec + cur.iusec, 0);
	/* Periodic, then stopped. */
	nv = (struct itv_){ 0, 10000, 0, 10000 };
	KM_ASSERT_EQ(km_syscall3(KM_SYS_setitimer, 0, &nv, NULL), 0);
	for (int i = 0; i < 4; i++)
		sleep_ms(25);
	nv = (struct itv_){ 0, 0, 0, 0 };
	KM_ASSERT_EQ(km_syscall3(KM_SYS_setitimer, 0, &nv, &cur), 0);
	KM_EXPECT_EQ(cur.iusec, 10000);
	KM_EXPECT_GE(alarms, 3);
	set_action(14, 0, 0);
}

KM_TEST(posix_signal, alarm_and_itimer_errors)
{
	struct itv_ nv = { 0, 0, 0, 1000000 };

	KM_EXPECT_EQ(km_syscall1(KM_SYS_alarm, 0), 0);
	set_action(14, 1, 0); /* SIG_IGN: an expiry must not end the test */
	KM_EXPECT_EQ(km_syscall1(KM_SYS_alarm, 100), 0);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_alarm, 5), 100);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_alarm, 0), 5);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_setitimer, 0, &nv, NULL), -EINVAL);
	nv.vusec = 0;
	nv.vsec = -1;
	KM_EXPECT_EQ(km_syscall3(KM_SYS_setitimer, 0, &nv, NULL), -EINVAL);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_setitimer, 1, &nv, NULL), -EINVAL);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_setitimer, 0, NULL, NULL), -EFAULT);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_getitimer, 2, &nv), -EINVAL);
	set_action(14, 0, 0);
}
