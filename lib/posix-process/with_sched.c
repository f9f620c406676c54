/* SPDX-License-Identifier: BSD-3-Clause */
/* What changes with lib/sched: sched_yield(2) lets the next runnable thread
 * run, and the thread pointer arch_prctl(2) sets is the calling thread's. */
#include <km/sched.h>
#include <km/syscall.h>
#include "process_internal.h"

KM_SYSCALL_DEFINE(sched_yield, 0)
{
	km_sched_yield();
	return 0;
}

void posix_process_tls_set(uintptr_t tp)
{
	km_thread_tls_set(tp);
}
