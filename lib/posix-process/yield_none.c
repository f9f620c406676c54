/* SPDX-License-Identifier: BSD-3-Clause */
/* sched_yield(2) without a scheduler: the caller is the only thread. */
#include <km/syscall.h>

KM_SYSCALL_DEFINE(sched_yield, 0)
{
	return 0;
}
