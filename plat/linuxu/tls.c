/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The thread pointer on linuxu: the host kernel owns the FS base, so it is
 * set with arch_prctl(ARCH_SET_FS). That is a system call per switch
 * between threads that have TLS; the value is cached so that switching to
 * a thread with the same pointer costs nothing.
 */
#include <km/plat/tls.h>
#include "linuxu.h"

#define LINUXU_SYS_arch_prctl 158
#define LINUXU_ARCH_SET_FS    0x1002

static uintptr_t cur_tp;

void km_plat_tls_set(uintptr_t tp)
{
	if (tp == cur_tp)
		return;
	linuxu_syscall(LINUXU_SYS_arch_prctl, LINUXU_ARCH_SET_FS, tp, 0);
	cur_tp = tp;
}

uintptr_t km_plat_tls_get(void)
{
	return cur_tp;
}
