/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/sched on linuxu: guard pages are mprotect(PROT_NONE)ed heap pages
 * (km_plat_page_protect), and SIGSEGV/SIGBUS are caught on an alternate
 * signal stack (the faulting thread's own stack is what overflowed) to
 * report the address and the thread's name before exiting with
 * KM_EXIT_CRASH.
 */
#include <km/exit.h>
#include <km/plat/lifecycle.h>
#include <km/print.h>
#include "sched_internal.h"
#include "syscall.h" /* plat/linuxu */

#define SYS_sigaltstack 131
#define SIGBUS 7
#define SIGSEGV 11
#define SA_SIGINFO 0x00000004UL
#define SA_ONSTACK 0x08000000UL
#define SA_RESTORER 0x04000000UL
#define ALTSTACK_SIZE (32 * 1024)

void linuxu_sigreturn(void); /* plat/linuxu/timer.c */

struct k_sigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

struct k_stack {
	void *sp;
	int flags;
	size_t size;
};

static char altstack[ALTSTACK_SIZE] __km_aligned(16);

static void on_fault(int sig, void *info, void *uc)
{
	uintptr_t addr = *(uintptr_t *)((char *)info + 16);   /* si_addr */
	uintptr_t rip = *(uintptr_t *)((char *)uc + 40 + 16 * 8); /* REG_RIP */
	struct km_thread *t = sched_cur;
	const char *name = t ? t->name : "boot";

	km_plat_irq_save();
	if (t && t->guarded && addr >= (uintptr_t)t->mem && addr < (uintptr_t)t->mem + SCHED_PAGE)
		km_pr_crit("crash: stack overflow in thread '%s': %s at %#lx (guard page), pc %#lx\n",
			   name, sig == SIGSEGV ? "SIGSEGV" : "SIGBUS", (unsigned long)addr,
			   (unsigned long)rip);
	else
		km_pr_crit("crash: %s at %#lx in thread '%s', pc %#lx\n",
			   sig == SIGSEGV ? "SIGSEGV" : "SIGBUS", (unsigned long)addr, name,
			   (unsigned long)rip);
	km_plat_terminate(KM_EXIT_CRASH);
}

int sched_plat_init(void)
{
	struct k_stack ss = { altstack, 0, sizeof(altstack) };
	struct k_sigaction sa = {
		.handler = (void *)on_fault,
		.flags = SA_SIGINFO | SA_ONSTACK | SA_RESTORER,
		.restorer = linuxu_sigreturn,
	};
	long r;

	r = linuxu_syscall(SYS_sigaltstack, &ss, 0, 0);
	if (r >= 0)
		r = linuxu_syscall6(LINUXU_SYS_rt_sigaction, SIGSEGV, (long)&sa, 0, 8, 0, 0);
	if (r >= 0)
		r = linuxu_syscall6(LINUXU_SYS_rt_sigaction, SIGBUS, (long)&sa, 0, 8, 0, 0);
	return r < 0 ? (int)r : 0;
}
