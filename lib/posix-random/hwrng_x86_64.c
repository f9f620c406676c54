/* SPDX-License-Identifier: BSD-3-Clause */
/* RDRAND, RDSEED and the TSC (Intel SDM vol. 1 ch. 7.3.17). */
#include <errno.h>
#include "hwrng.h"

static void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

int km_hwrng_has_rdrand(void)
{
	uint32_t r[4];

	cpuid(1, 0, r);
	return !!(r[2] & (1u << 30));
}

int km_hwrng_has_rdseed(void)
{
	uint32_t r[4];

	cpuid(0, 0, r);
	if (r[0] < 7)
		return 0;
	cpuid(7, 0, r);
	return !!(r[1] & (1u << 18));
}

int km_hwrng_rdrand(uint64_t *v)
{
	for (int i = 0; i < 10; i++) {
		unsigned char ok;

		__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
		if (ok)
			return 0;
	}
	return -EIO;
}

int km_hwrng_rdseed(uint64_t *v)
{
	for (int i = 0; i < 10; i++) {
		unsigned char ok;

		__asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
		if (ok)
			return 0;
		__asm__ volatile("pause");
	}
	return -EIO;
}

uint64_t km_hwrng_cycles(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}
