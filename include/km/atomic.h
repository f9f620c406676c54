/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/atomic.h - read-modify-write operations for a one-CPU image.
 *
 * Contract: each operation is one instruction, so it is atomic against
 * everything that can run on the image's one CPU: interrupts, host
 * signals (linuxu) and thread switches, which all come between
 * instructions. It is a compiler barrier (the compiler neither caches nor
 * moves memory accesses across it).
 * Why not __atomic_*: on x86_64 those always carry the lock prefix, which
 * orders memory against other CPUs and must first drain the store buffer:
 * after a 4 KiB copy, a reference drop cost more than the rest of pread.
 * Non-goals: SMP (Kumiki images run on one CPU, DESIGN.md §4; with a
 * second CPU these become the __atomic builtins), device memory (drivers
 * use their own barriers and km/x86/mmio.h-style accessors).
 */
#ifndef KM_ATOMIC_H
#define KM_ATOMIC_H

#include <arch/atomic.h>

/* *p += 1. */
static inline void km_atomic_inc(unsigned int *p)
{
	km_arch_atomic_add(p, 1);
}

/* *p -= 1; returns the new value (0 when this was the last reference). */
static inline unsigned int km_atomic_dec_return(unsigned int *p)
{
	return km_arch_atomic_fetch_add(p, (unsigned int)-1) - 1;
}

#endif
