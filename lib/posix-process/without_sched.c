/* SPDX-License-Identifier: BSD-3-Clause */
/* Without a scheduler the caller is the only thread: sched_yield(2) returns
 * at once, and arch_prctl(2) loads the one thread pointer. */
#include <km/plat/tls.h>
#include <km/syscall.h>
#include "process_internal.h"

KM_SYSCALL_DEFINE(sched_yield, 0)
{
	return 0;
}

void posix_process_tls_set(uintptr_t tp)
{
	km_plat_tls_set(tp);
}
