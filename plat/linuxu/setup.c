/* SPDX-License-Identifier: BSD-3-Clause */
/* From the process's initial stack to km_boot(). */
#include <km/plat/bootinfo.h>
#include "linuxu.h"
#include "vdso.h"

static struct km_bootinfo boot_info;

void linuxu_entry(long *initial_stack) __km_noreturn;
void linuxu_entry(long *initial_stack)
{
	linuxu_crash_init(); /* without it, faults are only the host's default report */
	linuxu_time_init(initial_stack);
	linuxu_tls_init(linuxu_auxv_from_stack(initial_stack));
	boot_info.plat_name = "linuxu";
	boot_info.argc = (int)initial_stack[0];
	boot_info.argv = (char **)&initial_stack[1];
	km_boot(&boot_info);
}
