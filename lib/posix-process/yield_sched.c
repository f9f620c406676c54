/* SPDX-License-Identifier: BSD-3-Clause */
/* sched_yield(2) with lib/sched: the next runnable thread runs. */
#include <km/sched.h>
#include <km/syscall.h>

KM_SYSCALL_DEFINE(sched_yield, 0)
{
	km_sched_yield();
	return 0;
}
