/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km_plat_terminate() on Xen: carry the exit status out.
 *
 * The initial domain under QEMU (make run, support/scripts/run-xen): it
 * has I/O privilege, so it writes status + 1 to QEMU's isa-debug-exit port
 * as a kvm image does, and QEMU exits with 2 * status + 3 (run-xen maps it
 * back). Xen itself would only power the machine off or reboot it: its
 * shutdown reasons carry no status.
 *
 * A domU (or an initial domain without that device): the status goes to
 * xenstore as data/exit-status (read it with xenstore-read
 * /local/domain/<id>/data/exit-status while the domain is kept, e.g.
 * on_poweroff="preserve") and to the console, then SCHEDOP_shutdown:
 * poweroff for 0, crash for KM_EXIT_CRASH (xl's on_crash applies), else
 * poweroff.
 */
#include <stdio.h>
#include <km/exit.h>
#include <km/plat/console.h>
#include <km/plat/lifecycle.h>
#include <x86/cpu.h>
#include <xen/sched.h>
#include "kvm.h"
#include "xen.h"

void km_plat_terminate(int status)
{
	struct sched_shutdown sd = { .reason = status == KM_EXIT_CRASH ? SHUTDOWN_crash
								       : SHUTDOWN_poweroff };
	char buf[80];
	int n;

	x86_cli();
	if (xen_is_initial_domain)
		kvm_debug_exit("xen", status);
	/* Still here: a domU, or no exit device. */
	snprintf(buf, sizeof(buf), "%d", status);
	xen_xenstore_write("data/exit-status", buf);
	if (status) {
		n = snprintf(buf, sizeof(buf), "xen: exit status %d\n", status);
		km_plat_console_write(buf, (size_t)n);
	}
	for (;;) {
		XEN_HC(__HYPERVISOR_sched_op, SCHEDOP_shutdown, &sd);
		kvm_reset_triple_fault();
	}
}
