/* SPDX-License-Identifier: BSD-3-Clause */
/* The thread pointer on kvm: the FS base MSR (see km/plat/tls.h). */
#include <km/plat/tls.h>

#define MSR_FS_BASE 0xc0000100

static uintptr_t cur_tp;

void km_plat_tls_set(uintptr_t tp)
{
	if (tp == cur_tp)
		return;
	__asm__ __volatile__("wrmsr" ::"c"(MSR_FS_BASE), "a"((uint32_t)tp),
			     "d"((uint32_t)(tp >> 32)));
	cur_tp = tp;
}

uintptr_t km_plat_tls_get(void)
{
	return cur_tp;
}
