/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km_plat_terminate(): carry the exit status out of QEMU.
 *
 * 1. isa-debug-exit (I/O port 0xf4, which support/scripts/run-kvm adds):
 *    the guest writes status + 1, QEMU exits with ((status + 1) << 1) | 1,
 *    i.e. 2 * status + 3. The +1 keeps every guest status away from QEMU's
 *    own failure code 1: status 0 -> 3, 1 -> 5, 125 (crash) -> 253.
 *    Statuses 0..125 map one to one; 126 and above are sent as 126 (255).
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

#define STATUS_MAX 126

void km_plat_terminate(int status)
{
	unsigned int v =
		(status < 0 || status > STATUS_MAX - 1) ? STATUS_MAX : (unsigned int)status;

	x86_cli();
	x86_outb(KVM_DEBUG_EXIT_PORT, (uint8_t)(v + 1));
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
