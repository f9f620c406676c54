/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The thread pointer on linuxu: the host kernel owns the FS base. When it
 * lets user space write it (AT_HWCAP2 has HWCAP2_FSGSBASE: Linux 5.9 and
 * later on CPUs with FSGSBASE) it is one `wrfsbase` instruction; else
 * arch_prctl(ARCH_SET_FS), a system call per switch between threads that
 * have TLS. The value is cached so that switching to a thread with the
 * same pointer costs nothing.
 */
#include <km/plat/tls.h>
#include "linuxu.h"
#include "vdso.h"

#define LINUXU_SYS_arch_prctl 158
#define LINUXU_ARCH_SET_FS    0x1002

#define AT_HWCAP2_	 26
#define HWCAP2_FSGSBASE_ 2

static uintptr_t cur_tp;
static int have_wrfsbase;

void linuxu_tls_init(const unsigned long *auxv)
{
	have_wrfsbase = !!(linuxu_auxv_get(auxv, AT_HWCAP2_) & HWCAP2_FSGSBASE_);
}

void km_plat_tls_set(uintptr_t tp)
{
	if (tp == cur_tp)
		return;
	if (have_wrfsbase)
		__asm__ __volatile__("wrfsbase %0" ::"r"(tp) : "memory");
	else
		linuxu_syscall(LINUXU_SYS_arch_prctl, LINUXU_ARCH_SET_FS, tp, 0);
	cur_tp = tp;
}

uintptr_t km_plat_tls_get(void)
{
	return cur_tp;
}
