/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <km/plat/lifecycle.h>
#include "linuxu.h"

km_nsec_t linuxu_host_deadline(km_nsec_t deadline);

void km_plat_terminate(int status)
{
	for (;;)
		linuxu_syscall(LINUXU_SYS_exit_group, status, 0, 0);
}

/*
 * A blocking host sleep: the idle loop costs no CPU. A signal (the timer, a
 * device) ends it early, which is what "until the next event" means; one
 * that came after the idle thread last looked ends it before it begins
 * (linuxu_halt, timer.c).
 */
void km_plat_halt_until(km_nsec_t deadline)
{
	km_nsec_t host = linuxu_host_deadline(deadline);
	struct linuxu_timespec ts = {
		.tv_sec = (long)(host / KM_NSEC_PER_SEC),
		.tv_nsec = (long)(host % KM_NSEC_PER_SEC),
	};

	linuxu_halt(&ts);
}
