/* SPDX-License-Identifier: BSD-3-Clause */
/* x86_64: Linux's AT_HWCAP is CPUID leaf 1's EDX. */
#include <stdint.h>
#include "hwcap.h"

unsigned long km_hwcap(void)
{
	uint32_t a, b, c, d;

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
	return d;
}

const char *km_hwcap_platform(void)
{
	return "x86_64";
}
