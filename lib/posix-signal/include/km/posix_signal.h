/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/posix_signal.h - minimal signals (lib/posix-signal).
 *
 * Registered system calls (Linux x86_64 ABI, signal(7)); signals are
 * 1..64, sets are 8 bytes (sigsetsize MUST be 8, else -EINVAL):
 * - rt_sigaction(sig, act, oact, 8): records the process's struct k_sigaction
 *   {handler, flags, restorer, mask} (32 bytes) and returns the old one.
 *   -EINVAL: sig outside 1..64, or a new action for SIGKILL/SIGSTOP.
 * - rt_sigprocmask(how, set, oset, 8): the calling thread's mask (one per
 *   lib/sched thread; a new thread starts with its creator's, as Linux's
 *   clone): SIG_BLOCK (0), SIG_UNBLOCK (1), SIG_SETMASK (2); SIGKILL and
 *   SIGSTOP are never blocked; -EINVAL for another how. Unblocking a
 *   pending signal delivers it before the call returns.
 * - rt_sigpending(set, 8): the signals pending for the caller or the
 *   process that the caller blocks (Linux's sigpending).
 * - kill(pid, sig): the image is pid 1 (kill of 0, -1 and 1 is kill of
 *   itself; any other pid: -ESRCH); the signal is the process's (below).
 *   tkill(tid, sig), tgkill(tgid, tid, sig): for live thread @tid alone
 *   (km_thread_id; -ESRCH for none, or a tgid other than 1; -EINVAL for
 *   ids <= 0). sig 0 only checks; sig outside 0..64: -EINVAL.
 * - sigaltstack(2): the stack is recorded and reported (SS_DISABLE at
 *   first); -EINVAL for flags other than 0/SS_DISABLE (with or without
 *   SS_AUTODISARM), -ENOMEM for a size below MINSIGSTKSZ (2048). Handlers
 *   never run on it (they run on the receiving thread's stack).
 * - setitimer(2)/getitimer(2) (ITIMER_REAL only; ITIMER_VIRTUAL and
 *   ITIMER_PROF: -EINVAL; struct itimerval, microseconds 0..999999 and
 *   seconds below 2^32, else -EINVAL; NULL new value: -EFAULT) and
 *   alarm(2) (returns the previous alarm's seconds left, rounded, at
 *   least 1 when one was pending). One timer for both, on lib/time.
 *   When it expires (interrupt context) SIGALRM with the default action
 *   and a thread not blocking it ends the image at once (status 142);
 *   otherwise it is made pending for the process and delivered as below. Sleeps are
 *   not interrupted (no EINTR); expirations before delivery coalesce.
 *   The timer fires when the platform takes interrupts: always on
 *   linuxu, on kvm without lib/sched only while the image sleeps or
 *   waits (a loop making no call is not stopped there).
 * Delivery, as Linux chooses the thread: a signal for one thread waits
 * while that thread blocks it; one for the process goes to a thread not
 * blocking it, else waits until a thread unblocks it. The default action
 * that ends the image does so as soon as the signal is sent when a thread
 * (the target of tkill) does not block it. Otherwise the sender takes its
 * own deliverable signals before the call returns, and every other thread
 * when one of its system calls returns (km_syscall_exit_work_request):
 * sleeps are not cut short. SIG_IGN discards a signal; a handler
 * runs once in the receiving thread before its call returns, with the action's mask and the
 * signal itself blocked, as handler(sig) or, with SA_SIGINFO (4),
 * handler(sig, siginfo with si_signo/si_code SI_USER or SI_TKILL/si_pid 1,
 * a zeroed ucontext of 1024 bytes: there is no interrupted context, and
 * C libraries read it unconditionally, as musl's cancellation handler
 * does; but uc_sigmask (byte 296) holds the mask from before the handler,
 * and what it holds when the handler returns becomes the thread's mask,
 * as sigreturn does); SA_RESETHAND (0x80000000) resets the action first. The default
 * action ignores SIGCHLD, SIGCONT, SIGURG, SIGWINCH and the stop signals
 * (no job control), and ends the image for every other signal with
 * status 128 + sig (the shell's convention: SIGABRT 134, SIGKILL 137,
 * SIGTERM 143), after the message "killed by signal N (SIGNAME)".
 *
 * Non-goals: asynchronous delivery into running code (faults, handlers of
 * other threads; timers only as above), EINTR, signal
 * frames and sigreturn, running handlers on the alternate stack,
 * real-time queueing.
 */
#ifndef KM_POSIX_SIGNAL_H
#define KM_POSIX_SIGNAL_H

#define KM_SIGNAL_EXIT_BASE 128

#endif /* KM_POSIX_SIGNAL_H */
