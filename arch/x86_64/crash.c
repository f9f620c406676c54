/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The crash report (x86/crash.h), shared by kvm (CPU exceptions, desc.c)
 * and linuxu (the host's fault signals, plat/linuxu/crash.c). It writes
 * straight to the platform console's error stream (the host's stderr on
 * linuxu, like the log): no locks, no allocation.
 */
#include <stdarg.h>
#include <stdio.h>
#include <km/exit.h>
#include <km/plat/console.h>
#include <km/plat/lifecycle.h>
#include <x86/crash.h>

static const char *const exc_names[32] = {
	[0] = "divide error (#DE)",
	[1] = "debug (#DB)",
	[2] = "non-maskable interrupt (NMI)",
	[3] = "breakpoint (#BP)",
	[4] = "overflow (#OF)",
	[5] = "bound range exceeded (#BR)",
	[6] = "invalid opcode (#UD)",
	[7] = "device not available (#NM)",
	[8] = "double fault (#DF)",
	[9] = "coprocessor segment overrun",
	[10] = "invalid TSS (#TS)",
	[11] = "segment not present (#NP)",
	[12] = "stack-segment fault (#SS)",
	[13] = "general protection fault (#GP)",
	[14] = "page fault (#PF)",
	[16] = "x87 floating-point error (#MF)",
	[17] = "alignment check (#AC)",
	[18] = "machine check (#MC)",
	[19] = "SIMD floating-point exception (#XM)",
	[20] = "virtualization exception (#VE)",
	[21] = "control protection (#CP)",
	[28] = "hypervisor injection (#HV)",
	[29] = "VMM communication (#VC)",
	[30] = "security exception (#SX)",
};

#define X86_VEC_PF 14

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...)
{
	char buf[160];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	if (n > 0)
		km_plat_console_write_err(buf, (size_t)n);
}

__attribute__((weak)) const char *x86_symbol_lookup(uintptr_t addr, uintptr_t *offset)
{
	(void)addr;
	(void)offset;
	return NULL;
}

__attribute__((weak)) int x86_addr_readable(uintptr_t addr, uintptr_t len)
{
	return addr >= 4096 && addr + len > addr;
}

__attribute__((weak)) const char *x86_crash_describe(uintptr_t addr, char *buf, size_t len)
{
	(void)addr;
	(void)buf;
	(void)len;
	return NULL;
}

static void out_addr(const char *prefix, uintptr_t addr)
{
	uintptr_t off;
	const char *name = x86_symbol_lookup(addr, &off);

	if (name)
		out("%s0x%lx %s+0x%lx\n", prefix, (unsigned long)addr, name, (unsigned long)off);
	else
		out("%s0x%lx\n", prefix, (unsigned long)addr);
}

/* Whether @addr may be a return address. Without a symbol table (an image
 * linked without one) nothing can be told apart, so anything non-zero is. */
static int code_addr(uintptr_t addr)
{
	uintptr_t off;

	return addr &&
	       (x86_symbol_lookup(addr, &off) || !x86_symbol_lookup((uintptr_t)code_addr, &off));
}

#define BT_LINES 32	     /* frames printed */
#define BT_WALK	 (1UL << 20) /* frames walked: a deep recursion still ends in main */

void x86_backtrace_print(uintptr_t rip, uintptr_t rbp, uintptr_t rsp)
{
	uintptr_t last = 0, off;
	unsigned long repeats = 0, lines = 1, i;

	out("[crash] backtrace:\n");
	out_addr("[crash]   #0 ", rip);
	/* A function without a frame of its own (a leaf, or the first
	 * instructions of any function) has its return address on the stack
	 * top; it is printed marked "?" as it may be stale data. */
	if (x86_addr_readable(rsp, 8) && *(const uintptr_t *)rsp != rip &&
	    x86_symbol_lookup(*(const uintptr_t *)rsp, &off) &&
	    !(x86_addr_readable(rbp, 16) && ((const uintptr_t *)rbp)[1] == *(const uintptr_t *)rsp))
		out_addr("[crash]   ?  ", *(const uintptr_t *)rsp);
	for (i = 1; i < BT_WALK && rbp; i++) {
		const uintptr_t *fp = (const uintptr_t *)rbp;
		char prefix[24];

		if ((rbp & 7) || !x86_addr_readable(rbp, 16) || !code_addr(fp[1]))
			break;
		/* A recursion prints its frame once, then how often it repeats. */
		if (fp[1] == last) {
			repeats++;
		} else {
			if (repeats)
				out("[crash]   ... the same %lu more time%s\n", repeats,
				    repeats > 1 ? "s" : "");
			repeats = 0;
			if (lines++ == BT_LINES) {
				out("[crash]   ... (more frames not shown)\n");
				return;
			}
			snprintf(prefix, sizeof(prefix), "[crash]   #%lu ", i);
			/* The return address points after the call; name the call. */
			out_addr(prefix, fp[1]);
			last = fp[1];
		}
		if (fp[0] <= rbp) /* frames go up the stack; stop on garbage */
			break;
		rbp = fp[0];
	}
	if (repeats)
		out("[crash]   ... the same %lu more time%s\n", repeats, repeats > 1 ? "s" : "");
}

static void pf_detail(uint64_t err)
{
	out("[crash] page fault: %s %s%s%s\n",
	    (err & 1) ? "protection violation on" : "not-present page on",
	    (err & 16)	? "instruction fetch"
	    : (err & 2) ? "write"
			: "read",
	    (err & 8) ? ", reserved bit set" : "", (err & 4) ? ", user mode" : "");
}

static volatile int in_crash;

void x86_crash_report(const struct x86_crash *c)
{
	const struct x86_trap_frame *f = c->frame;
	unsigned int v = (unsigned int)f->vector;
	char what[96];
	const char *d;

	if (in_crash++) {
		static const char msg[] = "[crash] fault while reporting a crash\n";

		km_plat_console_write_err(msg, sizeof(msg) - 1);
		km_plat_terminate(KM_EXIT_CRASH);
	}
	if (c->cause)
		out("\n[crash] %s\n", c->cause);
	else
		out("\n[crash] %s, vector %u, error code 0x%lx\n",
		    v < 32 && exc_names[v] ? exc_names[v] : "reserved exception", v,
		    (unsigned long)f->error);
	if (c->origin)
		out("[crash] %s\n", c->origin);
	d = x86_crash_describe(c->fault_addr, what, sizeof(what));
	if (d)
		out("[crash] %s\n", d);
	out_addr("[crash] RIP ", f->rip);
	if (!c->cause && v == X86_VEC_PF) {
		out("[crash] CR2 0x%016lx (faulting address)\n", (unsigned long)c->fault_addr);
		pf_detail(f->error);
	}
	out("[crash] RAX %016lx RBX %016lx RCX %016lx\n", f->rax, f->rbx, f->rcx);
	out("[crash] RDX %016lx RSI %016lx RDI %016lx\n", f->rdx, f->rsi, f->rdi);
	out("[crash] RBP %016lx RSP %016lx R8  %016lx\n", f->rbp, f->rsp, f->r8);
	out("[crash] R9  %016lx R10 %016lx R11 %016lx\n", f->r9, f->r10, f->r11);
	out("[crash] R12 %016lx R13 %016lx R14 %016lx\n", f->r12, f->r13, f->r14);
	out("[crash] R15 %016lx RFLAGS %08lx CS %04lx SS %04lx\n", f->r15, f->rflags, f->cs, f->ss);
	if (c->has_cr)
		out("[crash] CR0 %08lx CR3 %08lx CR4 %08lx\n", c->cr0, c->cr3, c->cr4);
	x86_backtrace_print(f->rip, f->rbp, f->rsp);
	out("[crash] stopping with status %d\n", KM_EXIT_CRASH);
	km_plat_terminate(KM_EXIT_CRASH);
}
