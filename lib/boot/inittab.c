/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Running the init table. The linker script sorts .km_inittab.* by name
 * (class digit, priority digit, function name), so this is one walk.
 */
#include <string.h>
#include <km/exit.h>
#include <km/init.h>
#include <km/plat/lifecycle.h>
#include <km/print.h>
#include "boot_impl.h"

extern const struct km_init_entry __km_inittab_start[], __km_inittab_end[];

const char *km_init_class_name(unsigned int cls)
{
	static const char *const names[] = { "?", "early", "plat", "lib", "rootfs", "sys", "late" };

	return cls < KM_ARRAY_SIZE(names) ? names[cls] : "?";
}

void km_run_inittab(void)
{
	for (const struct km_init_entry *e = __km_inittab_start; e < __km_inittab_end; e++) {
		int ret;

		km_pr_debug("init %s %u %s %s %s %s\n", km_init_class_name(e->cls), e->prio,
			    e->fn_name, e->lib, e->config, e->required ? "required" : "optional");
		ret = e->fn();
		if (ret >= 0)
			continue;
		if (e->required) {
			km_pr_crit("%s (%s, %s) failed: %s; halting\n", e->fn_name, e->lib,
				   e->config, strerror(-ret));
			km_plat_terminate(KM_EXIT_INIT_FAILED);
		}
		km_pr_warn("%s (%s) failed: %s; continuing without %s\n", e->fn_name, e->lib,
			   strerror(-ret), e->config);
	}
}
