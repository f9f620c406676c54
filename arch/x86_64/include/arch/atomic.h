/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64's half of km/atomic.h: one unlocked instruction per operation
 * (atomic on one CPU; see km/atomic.h for the contract).
 */
#ifndef KM_ARCH_ATOMIC_H
#define KM_ARCH_ATOMIC_H

static inline void km_arch_atomic_add(unsigned int *p, unsigned int v)
{
	__asm__ __volatile__("addl %1, %0" : "+m"(*p) : "ir"(v) : "memory", "cc");
}

/* Returns the value before the addition. */
static inline unsigned int km_arch_atomic_fetch_add(unsigned int *p, unsigned int v)
{
	__asm__ __volatile__("xaddl %0, %1" : "+r"(v), "+m"(*p) : : "memory", "cc");
	return v;
}

#endif
