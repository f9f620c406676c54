/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86/mmio.h - device memory (MMIO) accessors.
 *
 * Contract: each call is exactly one access of the named width, done with a
 * general-purpose register (a plain mov), never merged, split, reordered
 * against other device accesses, or vectorised. @addr is a physical=virtual
 * address in an uncached mapping (plat/kvm/paging.c maps [3 GiB, 4 GiB)
 * that way) and MUST be naturally aligned for the width.
 *
 * Why an accessor and not a volatile pointer: under KVM every MMIO access
 * traps to the hypervisor, whose instruction emulator decodes only
 * general-purpose loads and stores. A compiler is free to turn a volatile
 * struct copy or a loop into SSE moves, and KVM then stops the guest with
 * "emulation failure". The asm below leaves the compiler no such choice.
 * Every driver that touches device memory (LAPIC, virtio, PCI BARs, ACPI
 * registers) MUST use these; see doc/porting.md.
 *
 * Non-goals: I/O ports (x86/cpu.h has x86_in/out*), barriers beyond the
 * compiler barrier each access implies ("memory" clobber).
 */
#ifndef X86_MMIO_H
#define X86_MMIO_H

#include <stdint.h>

#define X86_MMIO_ACCESSORS(bits, suffix)                                                           \
	static inline uint##bits##_t km_mmio_read##bits(uintptr_t addr)                            \
	{                                                                                          \
		uint##bits##_t v;                                                                  \
		__asm__ __volatile__("mov" suffix " %1, %0"                                        \
				     : "=r"(v)                                                     \
				     : "m"(*(volatile uint##bits##_t *)addr)                       \
				     : "memory");                                                  \
		return v;                                                                          \
	}                                                                                          \
	static inline void km_mmio_write##bits(uintptr_t addr, uint##bits##_t v)                   \
	{                                                                                          \
		__asm__ __volatile__("mov" suffix " %1, %0"                                        \
				     : "=m"(*(volatile uint##bits##_t *)addr)                      \
				     : "r"(v)                                                      \
				     : "memory");                                                  \
	}

X86_MMIO_ACCESSORS(8, "b")
X86_MMIO_ACCESSORS(16, "w")
X86_MMIO_ACCESSORS(32, "l")
X86_MMIO_ACCESSORS(64, "q")

#endif /* X86_MMIO_H */
