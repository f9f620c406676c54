/* SPDX-License-Identifier: BSD-3-Clause */
/* plat/linuxu internals shared between its files. */
#ifndef LINUXU_H
#define LINUXU_H

#include <km/essentials.h>
#include "syscall.h"

/*
 * Finds the host's vDSO in the auxiliary vector after @initial_stack and
 * records the host clock at entry so uptime starts near zero.
 */
void linuxu_time_init(const long *initial_stack);
/* Whether the host lets the process write its FS base itself (tls.c),
 * from the auxiliary vector @auxv (vdso.h's linuxu_auxv_from_stack). */
void linuxu_tls_init(const unsigned long *auxv);
/* Reports the host's fault signals like kvm's exceptions (crash.c). */
int linuxu_crash_init(void);
/*
 * A device "interrupt": @fn(@arg) runs in interrupt context whenever host
 * signal @sig (1..63) arrives, masked by km_plat_irq_save() exactly like
 * the timer (delivered at km_plat_irq_restore() if it came while masked).
 * 0 or -errno. Replaces an earlier registration of @sig.
 */
int linuxu_irq_register(int sig, void (*fn)(void *arg), void *arg);
/* Sleeps until the absolute CLOCK_MONOTONIC @deadline or a signal, for the
 * idle thread with interrupts off: 0 or -EINTR (timer.c). */
long linuxu_halt(const struct linuxu_timespec *deadline);

/* The kernel's ucontext_t on x86_64, up to the general registers: gregs[]
 * is what the interrupted code had, and what it gets back (changed, if a
 * handler changes it) at sigreturn. */
enum {
	R8,
	R9,
	R10,
	R11,
	R12,
	R13,
	R14,
	R15,
	RDI,
	RSI,
	RBP,
	RBX,
	RDX,
	RAX,
	RCX,
	RSP,
	RIP,
	EFL,
	CSGSFS,
	ERR,
	TRAPNO,
	OLDMASK,
	CR2,
	NGREG
};

struct linuxu_ucontext {
	unsigned long flags;
	void *link;
	struct {
		void *sp;
		int flags;
		size_t size;
	} stack;
	uint64_t gregs[NGREG];
};

/*
 * Host signals that are faults (SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV):
 * every handler blocks all other signals while it runs, never these (the
 * host would kill the process on a blocked fault instead of reporting it).
 */
#define LINUXU_FAULT_SIGNALS ((1UL << 3) | (1UL << 4) | (1UL << 6) | (1UL << 7) | (1UL << 10))
#define LINUXU_HANDLER_MASK  (~LINUXU_FAULT_SIGNALS)

#endif
