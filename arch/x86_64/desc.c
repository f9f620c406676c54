/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GDT, TSS and IDT for the single boot CPU. The TSS exists for its IST1
 * stack: double faults, NMIs and machine checks switch to it, so a kernel
 * stack overflow (a #PF on the guard page that cannot push its frame)
 * becomes a reported #DF rather than a triple fault.
 */
#include <errno.h>
#include <stdint.h>
#include <km/essentials.h>
#include <x86/cpu.h>
#include <x86/traps.h>

#define X86_NR_STUBS (48 + 16)
#define X86_IST_DF   1

struct x86_tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __km_packed;

struct x86_idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t zero;
} __km_packed;

struct x86_desc_ptr {
	uint16_t limit;
	uint64_t base;
} __km_packed;

extern const uintptr_t x86_trap_vectors[X86_NR_STUBS];

static uint64_t gdt[5] __km_aligned(16) = {
	0,
	0x00af9a000000ffffULL, /* X86_SEL_KCODE: 64-bit code */
	0x00cf92000000ffffULL, /* X86_SEL_KDATA: data */
	0,
	0, /* X86_SEL_TSS: filled at init (16 bytes) */
};
static struct x86_tss tss __km_aligned(16);
static struct x86_idt_gate idt[256] __km_aligned(16);
static uint8_t ist_df_stack[4096] __km_aligned(16);
x86_irq_handler_t x86_irq_handlers[256];

static void set_gate(unsigned int vec, uintptr_t fn, unsigned int ist)
{
	idt[vec].offset_lo = (uint16_t)fn;
	idt[vec].selector = X86_SEL_KCODE;
	idt[vec].ist = (uint8_t)ist;
	idt[vec].type_attr = 0x8e; /* present, DPL 0, 64-bit interrupt gate */
	idt[vec].offset_mid = (uint16_t)(fn >> 16);
	idt[vec].offset_hi = (uint32_t)(fn >> 32);
}

void x86_traps_init(void)
{
	uintptr_t base = (uintptr_t)&tss;
	uint64_t limit = sizeof(tss) - 1;
	struct x86_desc_ptr gp = { sizeof(gdt) - 1, (uintptr_t)gdt };
	struct x86_desc_ptr ip = { sizeof(idt) - 1, (uintptr_t)idt };

	tss.ist[X86_IST_DF - 1] = (uintptr_t)(ist_df_stack + sizeof(ist_df_stack));
	tss.iomap_base = sizeof(tss); /* no I/O bitmap */
	gdt[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
		 (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[4] = base >> 32;

	/* Without branches (under emulation each basic block is translated
	 * before it runs): vectors 0-47, then 240-255; NMI, #DF and #MC on
	 * the IST stack (bits 2, 8, 18 of a mask no vector >= 48 reaches). */
	for (unsigned int i = 0; i < X86_NR_STUBS; i++) {
		unsigned int vec = i + (unsigned int)(i >= 48) * (240 - 48);
		unsigned int ist =
			(unsigned int)(((1ULL << 2 | 1ULL << 8 | 1ULL << 18) >> (vec & 63)) & 1);

		set_gate(vec, x86_trap_vectors[i], ist * X86_IST_DF);
	}

	__asm__ __volatile__("lgdt %0\n\t"
			     "pushq %1\n\t"
			     "leaq 1f(%%rip), %%rax\n\t"
			     "pushq %%rax\n\t"
			     "lretq\n"
			     "1:\n\t"
			     "movl %2, %%eax\n\t"
			     "movl %%eax, %%ds\n\t"
			     "movl %%eax, %%es\n\t"
			     "movl %%eax, %%ss\n\t"
			     "ltr %w3\n\t"
			     "lidt %4"
			     :
			     : "m"(gp), "i"(X86_SEL_KCODE), "i"(X86_SEL_KDATA), "r"(X86_SEL_TSS),
			       "m"(ip)
			     : "rax", "memory");
}

int x86_irq_register(unsigned int vector, x86_irq_handler_t handler)
{
	if (vector < 32 || vector > 255 || (vector >= 48 && vector < 240))
		return -EINVAL; /* no stub for that vector */
	x86_irq_handlers[vector] = handler;
	return 0;
}

void x86_irq_dispatch(struct x86_trap_frame *f)
{
	x86_irq_handler_t h = x86_irq_handlers[f->vector & 0xff];

	/* Unclaimed vectors (PIC spurious IRQ 7/15, APIC spurious) are ignored. */
	if (h)
		h(f);
}

/* Vectors 0-31: every CPU exception is fatal. */
void x86_trap_handler(struct x86_trap_frame *f)
{
	struct x86_crash c = {
		.frame = f,
		.fault_addr = (f->vector == 14 || f->vector == 8) ? x86_read_cr2() : 0,
		.has_cr = 1,
		.cr0 = x86_read_cr0(),
		.cr3 = x86_read_cr3(),
		.cr4 = x86_read_cr4(),
	};

	x86_crash_report(&c);
}
