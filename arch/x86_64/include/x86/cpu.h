/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86/cpu.h - inline access to x86_64 CPU state: CPUID, MSRs, control
 * registers, port I/O, TSC, interrupt flag.
 *
 * Contract: header-only, no side effects beyond the instruction each helper
 * names; usable before paging and from exception handlers.
 * Non-goals: feature policy (see x86/cpufeature.h).
 */
#ifndef X86_CPU_H
#define X86_CPU_H

#include <stdint.h>

#define X86_CR0_PE (1UL << 0)
#define X86_CR0_MP (1UL << 1)
#define X86_CR0_EM (1UL << 2)
#define X86_CR0_WP (1UL << 16)
#define X86_CR0_PG (1UL << 31)

#define X86_CR4_PAE	   (1UL << 5)
#define X86_CR4_PGE	   (1UL << 7)
#define X86_CR4_OSFXSR	   (1UL << 9)
#define X86_CR4_OSXMMEXCPT (1UL << 10)

#define X86_RFLAGS_IF (1UL << 9)

#define X86_MSR_APIC_BASE    0x0000001b
#define X86_MSR_TSC_DEADLINE 0x000006e0
#define X86_MSR_EFER	     0xc0000080
#define X86_EFER_LME	     (1UL << 8)
#define X86_EFER_NXE	     (1UL << 11)

struct x86_cpuid {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct x86_cpuid x86_cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct x86_cpuid r;

	__asm__ __volatile__("cpuid"
			     : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			     : "a"(leaf), "c"(subleaf));
	return r;
}

static inline uint64_t x86_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void x86_wrmsr(uint32_t msr, uint64_t val)
{
	__asm__ __volatile__("wrmsr" ::"c"(msr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32))
			     : "memory");
}

/* Serialising enough for interval measurement under KVM and TCG. */
static inline uint64_t x86_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("lfence; rdtsc" : "=a"(lo), "=d"(hi)::"memory");
	return ((uint64_t)hi << 32) | lo;
}

#define X86_DEFINE_CR(n)                                                                           \
	static inline unsigned long x86_read_cr##n(void)                                           \
	{                                                                                          \
		unsigned long v;                                                                   \
		__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));                              \
		return v;                                                                          \
	}                                                                                          \
	static inline void x86_write_cr##n(unsigned long v)                                        \
	{                                                                                          \
		__asm__ __volatile__("mov %0, %%cr" #n ::"r"(v) : "memory");                       \
	}
X86_DEFINE_CR(0)
X86_DEFINE_CR(2)
X86_DEFINE_CR(3)
X86_DEFINE_CR(4)
#undef X86_DEFINE_CR

static inline void x86_outb(uint16_t port, uint8_t v)
{
	__asm__ __volatile__("outb %0, %1" ::"a"(v), "Nd"(port));
}
static inline void x86_outw(uint16_t port, uint16_t v)
{
	__asm__ __volatile__("outw %0, %1" ::"a"(v), "Nd"(port));
}
static inline void x86_outl(uint16_t port, uint32_t v)
{
	__asm__ __volatile__("outl %0, %1" ::"a"(v), "Nd"(port));
}
static inline uint8_t x86_inb(uint16_t port)
{
	uint8_t v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline uint16_t x86_inw(uint16_t port)
{
	uint16_t v;

	__asm__ __volatile__("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline uint32_t x86_inl(uint16_t port)
{
	uint32_t v;

	__asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline unsigned long x86_save_flags(void)
{
	unsigned long f;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(f)::"memory");
	return f;
}

static inline void x86_cli(void)
{
	__asm__ __volatile__("cli" ::: "memory");
}

static inline void x86_sti(void)
{
	__asm__ __volatile__("sti" ::: "memory");
}

/* sti's one-instruction shadow: an interrupt pending now wakes the hlt. */
static inline void x86_sti_hlt(void)
{
	__asm__ __volatile__("sti; hlt" ::: "memory");
}

static inline void x86_pause(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

static inline void x86_invlpg(uintptr_t va)
{
	__asm__ __volatile__("invlpg (%0)" ::"r"(va) : "memory");
}

static inline uintptr_t x86_read_rbp(void)
{
	uintptr_t v;

	__asm__ __volatile__("mov %%rbp, %0" : "=r"(v));
	return v;
}

#endif /* X86_CPU_H */
