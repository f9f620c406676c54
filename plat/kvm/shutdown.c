/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km_plat_terminate(): carry the exit status out of QEMU.
 *
 * 1. isa-debug-exit (I/O port 0xf4, which support/scripts/run-kvm adds):
 *    kvm_debug_exit() (debug_exit.c); QEMU exits with 2 * status + 3 and
 *    run-kvm maps the exit code back: (code - 3) / 2.
 * 2. ACPI S5 power-off (QEMU exits 0): the status is lost, so it is
 *    printed first when it is not 0.
 * 3. A triple fault: with -no-reboot QEMU exits (0).
 */
#include <stdio.h>
#include <km/plat/console.h>
#include <km/plat/lifecycle.h>
#include <x86/cpu.h>
#include "kvm.h"

void km_plat_terminate(int status)
{
	x86_cli();
	kvm_debug_exit("kvm", status);
	/* Still here: no exit device. */
	if (status) {
		char buf[96];
		int n = snprintf(buf, sizeof(buf),
				 "kvm: no isa-debug-exit device; exit status %d is lost\n", status);

		km_plat_console_write(buf, (size_t)n);
	}
	kvm_acpi_poweroff();
	kvm_reset_triple_fault();
}
