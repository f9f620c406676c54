/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The calls a C library makes at start to set up its main thread:
 * arch_prctl(2) for the x86_64 thread pointer and set_tid_address(2).
 */
#include <errno.h>
#include <km/plat/tls.h>
#include <km/posix_process.h>
#include <km/syscall.h>

#define ARCH_SET_GS_ 0x1001
#define ARCH_SET_FS_ 0x1002
#define ARCH_GET_FS_ 0x1003
#define ARCH_GET_GS_ 0x1004

KM_SYSCALL_DEFINE(arch_prctl, 2)
{
	switch (a1) {
	case ARCH_SET_FS_:
		km_plat_tls_set((uintptr_t)a2);
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

/* Where the main thread's tid is cleared when it exits (no one waits). */
static int *clear_child_tid;

KM_SYSCALL_DEFINE(set_tid_address, 1)
{
	clear_child_tid = (int *)a1;
	return KM_POSIX_PID;
}
