/* SPDX-License-Identifier: BSD-3-Clause */
/* arch_prctl(2): the x86_64 thread pointer a C library sets for each thread. */
#include <errno.h>
#include <km/plat/tls.h>
#include <km/syscall.h>
#include "process_internal.h"

#define ARCH_SET_GS_ 0x1001
#define ARCH_SET_FS_ 0x1002
#define ARCH_GET_FS_ 0x1003
#define ARCH_GET_GS_ 0x1004

KM_SYSCALL_DEFINE(arch_prctl, 2)
{
	switch (a1) {
	case ARCH_SET_FS_:
		posix_process_tls_set((uintptr_t)a2);
		return 0;
	case ARCH_GET_FS_:
		if (!a2)
			return -EFAULT;
		*(unsigned long *)a2 = km_plat_tls_get();
		return 0;
	default: /* the GS base is the platform's; other codes are unknown */
		return -EINVAL;
	}
}
