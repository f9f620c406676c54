/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The crash report for unhandled CPU exceptions:
 *
 *   [crash] page fault (#PF, vector 14), error 0x2 (not-present write kernel)
 *   [crash] at 0x101234 crash_null+0x14, address (CR2) 0x0
 *   [crash] RAX ... (all general registers, RFLAGS, CS/SS, CR0/CR3/CR4)
 *   [crash] backtrace:
 *   [crash]   #0 0x101234 crash_null+0x14
 *   [crash]   #1 0x1010f0 main+0x30
 *
 * It writes straight to the platform console (no locks, no allocation),
 * then terminates with KM_EXIT_CRASH. A fault while reporting stops at once.
 */
#include <stdarg.h>
#include <stdio.h>
#include <km/exit.h>
#include <km/plat/console.h>
#include <km/plat/lifecycle.h>
#include <x86/cpu.h>
#include <x86/traps.h>

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
		km_plat_console_write(buf, (size_t)n);
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

/* What was running: the platform asks whoever registered (lib/sched names
 * the thread); @addr is the faulting data address or 0. */
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

#define BT_MAX 32

void x86_backtrace_print(uintptr_t rip, uintptr_t rbp, uintptr_t rsp)
{
	uintptr_t off;

	out("[crash] backtrace:\n");
	out_addr("[crash]   #0 ", rip);
	/* A function without a frame of its own (a leaf, or the first
	 * instructions of any function) has its return address on the stack
	 * top; it is printed marked "?" as it may be stale data. */
	if (x86_addr_readable(rsp, 8) && *(const uintptr_t *)rsp != rip &&
	    x86_symbol_lookup(*(const uintptr_t *)rsp, &off) &&
	    !(x86_addr_readable(rbp, 16) && ((const uintptr_t *)rbp)[1] == *(const uintptr_t *)rsp))
		out_addr("[crash]   ?  ", *(const uintptr_t *)rsp);
	for (int i = 1; i < BT_MAX && rbp; i++) {
		const uintptr_t *fp = (const uintptr_t *)rbp;
		char prefix[24];

		if ((rbp & 7) || !x86_addr_readable(rbp, 16))
			break;
		if (!fp[1])
			break;
		snprintf(prefix, sizeof(prefix), "[crash]   #%d ", i);
		/* The return address points after the call; name the call. */
		out_addr(prefix, fp[1]);
		if (fp[0] <= rbp) /* frames go up the stack; stop on garbage */
			break;
		rbp = fp[0];
	}
}

static void pf_detail(uint64_t err)
{
	out("[crash] page fault: %s %s%s%s\n", (err & 1) ? "protection violation on" : "not-present page on",
	    (err & 16) ? "instruction fetch" : (err & 2) ? "write" : "read",
	    (err & 8) ? ", reserved bit set" : "", (err & 4) ? ", user mode" : "");
}

static volatile int in_crash;

void x86_crash(struct x86_trap_frame *f)
{
	unsigned int v = (unsigned int)f->vector;

	if (in_crash++) {
		static const char msg[] = "[crash] fault while reporting a crash\n";

		km_plat_console_write(msg, sizeof(msg) - 1);
		km_plat_terminate(KM_EXIT_CRASH);
	}
	out("\n[crash] %s, vector %u, error code 0x%lx\n",
	    v < 32 && exc_names[v] ? exc_names[v] : "reserved exception", v,
	    (unsigned long)f->error);
	{
		char what[96];
		const char *d = x86_crash_describe((v == 14 || v == 8) ? x86_read_cr2() : 0,
						   what, sizeof(what));

		if (d)
			out("[crash] %s\n", d);
	}
	out_addr("[crash] RIP ", f->rip);
	if (v == 14) {
		out("[crash] CR2 0x%016lx (faulting address)\n", x86_read_cr2());
		pf_detail(f->error);
	}
	out("[crash] RAX %016lx RBX %016lx RCX %016lx\n", f->rax, f->rbx, f->rcx);
	out("[crash] RDX %016lx RSI %016lx RDI %016lx\n", f->rdx, f->rsi, f->rdi);
	out("[crash] RBP %016lx RSP %016lx R8  %016lx\n", f->rbp, f->rsp, f->r8);
	out("[crash] R9  %016lx R10 %016lx R11 %016lx\n", f->r9, f->r10, f->r11);
	out("[crash] R12 %016lx R13 %016lx R14 %016lx\n", f->r12, f->r13, f->r14);
	out("[crash] R15 %016lx RFLAGS %08lx CS %04lx SS %04lx\n", f->r15, f->rflags, f->cs, f->ss);
	out("[crash] CR0 %08lx CR3 %08lx CR4 %08lx\n", x86_read_cr0(), x86_read_cr3(), x86_read_cr4());
	x86_backtrace_print(f->rip, f->rbp, f->rsp);
	out("[crash] stopping with status %d\n", KM_EXIT_CRASH);
	km_plat_terminate(KM_EXIT_CRASH);
}

void x86_trap_handler(struct x86_trap_frame *f)
{
	x86_crash(f);
}
