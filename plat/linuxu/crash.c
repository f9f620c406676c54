/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Faults on linuxu: the host turns a CPU exception into a signal (SIGSEGV,
 * SIGBUS, SIGFPE, SIGILL, SIGTRAP). Left alone, the host kills the process
 * with 128 + signal; instead every one of them gets the crash report that
 * kvm prints (x86/crash.h) and KM_EXIT_CRASH.
 *
 * The kernel saves the CPU's vector, error code and CR2 in the signal's
 * context, so the report names the same exception kvm would. Handlers run
 * on an alternate stack (a stack overflow has no room left on the stack
 * that overflowed) and are installed at entry, before anything can fault,
 * with no library needed. SA_NODEFER lets a fault inside the report reach
 * the report's own guard instead of the host's default action. The same
 * alternate stack takes the timer's and the devices' signals (timer.c).
 */
#include <errno.h>
#include <stdio.h>
#include <km/plat/memprot.h>
#include <km/plat/timer.h>
#include <x86/crash.h>
#include "linuxu.h"

#define SIGILL	      4
#define SIGTRAP	      5
#define SIGBUS	      7
#define SIGFPE	      8
#define SIGSEGV	      11
#define SI_KERNEL     0x80
#define ALTSTACK_SIZE (64 * 1024)
/* Close enough to the stack pointer to be the stack growing past its end. */
#define STACK_SLACK (64 * 1024)

/* The start of the kernel's siginfo_t and ucontext_t on x86_64. */
struct linuxu_siginfo {
	int signo, err, code, pad;
	union {
		uintptr_t addr; /* SIGSEGV/SIGBUS: data address; others: the instruction */
		int pid;	/* sent by a process (code <= 0) */
	};
};

struct linuxu_stack {
	void *sp;
	int flags;
	size_t size;
};

static const struct {
	int sig;
	const char *name;
	const char *codes[9]; /* by si_code, 1-based */
} signals[] = {
	{ SIGSEGV,
	  "SIGSEGV",
	  { "address not mapped", "access not permitted", "bounds check", "protection key" } },
	{ SIGBUS,
	  "SIGBUS",
	  { "misaligned address", "address beyond the object", "hardware error" } },
	{ SIGFPE,
	  "SIGFPE",
	  { "integer divide by zero", "integer overflow", "float divide by zero", "float overflow",
	    "float underflow", "float inexact", "float invalid", "float subscript out of range" } },
	{ SIGILL,
	  "SIGILL",
	  { "illegal opcode", "illegal operand", "illegal addressing mode", "illegal trap",
	    "privileged opcode", "privileged register", "coprocessor error",
	    "internal stack error" } },
	{ SIGTRAP, "SIGTRAP", { "breakpoint", "trace trap" } },
};

static char altstack[ALTSTACK_SIZE] __km_aligned(16);

static void on_fault(int sig, struct linuxu_siginfo *si, struct linuxu_ucontext *uc)
{
	const uint64_t *g = uc->gregs;
	struct x86_trap_frame f = {
		.r15 = g[R15],
		.r14 = g[R14],
		.r13 = g[R13],
		.r12 = g[R12],
		.r11 = g[R11],
		.r10 = g[R10],
		.r9 = g[R9],
		.r8 = g[R8],
		.rdi = g[RDI],
		.rsi = g[RSI],
		.rbp = g[RBP],
		.rbx = g[RBX],
		.rdx = g[RDX],
		.rcx = g[RCX],
		.rax = g[RAX],
		.vector = g[TRAPNO],
		.error = g[ERR],
		.rip = g[RIP],
		.cs = g[CSGSFS] & 0xffff,
		.rflags = g[EFL],
		.rsp = g[RSP],
		.ss = (g[CSGSFS] >> 48) & 0xffff,
	};
	struct x86_crash c = { .frame = &f };
	const char *name = "a fault signal", *code = NULL;
	char origin[128];
	int mem = sig == SIGSEGV || sig == SIGBUS;

	km_plat_irq_save(); /* no timer interrupt (thread switch) from here on */
	for (unsigned int i = 0; i < KM_ARRAY_SIZE(signals); i++)
		if (signals[i].sig == sig) {
			name = signals[i].name;
			if (si->code >= 1 && si->code <= (int)KM_ARRAY_SIZE(signals[i].codes))
				code = signals[i].codes[si->code - 1];
		}
	if (si->code <= 0) {
		/* kill(2) and friends: no exception, the registers are where it landed */
		snprintf(origin, sizeof(origin), "host signal %s sent by process %d, not a fault",
			 name, si->pid);
		c.cause = origin;
	} else if (si->code == SI_KERNEL) {
		snprintf(origin, sizeof(origin), "host signal %s (raised by the kernel)", name);
	} else {
		if (mem)
			c.fault_addr = si->addr;
		snprintf(origin, sizeof(origin), "host signal %s (%s)%s", name, code ? code : "?",
			 mem && si->addr < f.rsp + KM_PLAT_PAGE_SIZE &&
					 si->addr + STACK_SLACK > f.rsp
				 ? " next to the stack pointer: a stack overflow"
				 : "");
	}
	if (!c.cause)
		c.origin = origin;
	x86_crash_report(&c);
}

int linuxu_crash_init(void)
{
	struct linuxu_stack ss = { altstack, 0, sizeof(altstack) };
	struct linuxu_sigaction sa = {
		.handler = (void *)on_fault,
		.flags = LINUXU_SA_SIGINFO | LINUXU_SA_ONSTACK | LINUXU_SA_RESTORER |
			 LINUXU_SA_NODEFER,
		.restorer = linuxu_sigreturn,
		/* No device signal or timer runs (and switches threads) from
		 * within the report. */
		.mask = LINUXU_HANDLER_MASK,
	};
	long r = linuxu_syscall(LINUXU_SYS_sigaltstack, &ss, 0, 0);

	for (unsigned int i = 0; r >= 0 && i < KM_ARRAY_SIZE(signals); i++)
		r = linuxu_sigaction(signals[i].sig, &sa);
	return r < 0 ? (int)r : 0;
}

struct linuxu_iovec {
	const void *base;
	size_t len;
};

/* Backtraces check each frame pointer first: the host says whether our
 * own memory is readable (a fault in the report would cut it short). */
int x86_addr_readable(uintptr_t addr, uintptr_t len)
{
	static long pid;
	char buf[64];
	struct linuxu_iovec local = { buf, 0 }, remote = { (const void *)addr, 0 };
	long r;

	if (!len || addr + len < addr || len > sizeof(buf))
		return 0;
	if (!pid)
		pid = linuxu_syscall(LINUXU_SYS_getpid, 0, 0, 0);
	local.len = remote.len = len;
	r = linuxu_syscall6(LINUXU_SYS_process_vm_readv, pid, (long)&local, 1, (long)&remote, 1, 0);
	if (r == -ENOSYS || r == -EPERM) /* a sandbox forbids asking: trust what is above page 0 */
		return addr >= KM_PLAT_PAGE_SIZE;
	return r == (long)len;
}
