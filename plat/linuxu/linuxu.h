/* SPDX-License-Identifier: BSD-3-Clause */
/* plat/linuxu internals shared between its files. */
#ifndef LINUXU_H
#define LINUXU_H

#include <km/essentials.h>
#include "syscall.h"

/*
 * Finds the host's vDSO in the auxiliary vector after @initial_stack and
 * records the host clock at entry so uptime starts near zero.
 */
void linuxu_time_init(const long *initial_stack);
/* Whether the host lets the process write its FS base itself (tls.c),
 * from the auxiliary vector @auxv (vdso.h's linuxu_auxv_from_stack). */
void linuxu_tls_init(const unsigned long *auxv);
/* Reports the host's fault signals like kvm's exceptions (crash.c). */
int linuxu_crash_init(void);
/*
 * A device "interrupt": @fn(@arg) runs in interrupt context whenever host
 * signal @sig (1..63) arrives, masked by km_plat_irq_save() exactly like
 * the timer (delivered at km_plat_irq_restore() if it came while masked).
 * 0 or -errno. Replaces an earlier registration of @sig.
 */
int linuxu_irq_register(int sig, void (*fn)(void *arg), void *arg);

#endif
