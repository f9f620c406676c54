/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm_debug_exit(): the exit status through QEMU's isa-debug-exit port,
 * shared by kvm and by xen's initial domain (both run under
 * support/scripts/run-kvm's or run-xen's QEMU).
 *
 * The guest writes status + 1 and QEMU exits with ((status + 1) << 1) | 1,
 * i.e. 2 * status + 3; the +1 keeps every guest status away from QEMU's own
 * failure code 1. An exit code is 8 bits, so statuses 0..125 map one to
 * one and the rest are sent as 126 (255): a larger one (128 + a signal,
 * exit(200)) is printed first, so that the console says which it was.
 */
#include <stdio.h>
#include <km/plat/console.h>
#include <x86/cpu.h>
#include "kvm.h"

#define STATUS_MAX 126

void kvm_debug_exit(const char *plat, int status)
{
	unsigned int v = (status < 0 || status > STATUS_MAX) ? STATUS_MAX : (unsigned int)status;

	if ((int)v != status) {
		char buf[112];
		int n = snprintf(
			buf, sizeof(buf),
			"%s: exit status %d leaves QEMU as %d (its exit device carries 0-%d)\n",
			plat, status, STATUS_MAX, STATUS_MAX);

		km_plat_console_write(buf, (size_t)n);
	}
	x86_outb(KVM_DEBUG_EXIT_PORT, (uint8_t)(v + 1));
}
