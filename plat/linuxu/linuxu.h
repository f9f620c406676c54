/* SPDX-License-Identifier: BSD-3-Clause */
/* plat/linuxu internals shared between its files. */
#ifndef LINUXU_H
#define LINUXU_H

#include <km/essentials.h>
#include "syscall.h"

/* Records the host clock at entry so uptime starts near zero. */
void linuxu_time_init(void);
/* Reads the auxiliary vector above @initial_stack's argv and envp: whether
 * the host lets the process write its FS base itself (tls.c). */
void linuxu_tls_init(const long *initial_stack);
/* Reports the host's fault signals like kvm's exceptions (crash.c). */
int linuxu_crash_init(void);

#endif
