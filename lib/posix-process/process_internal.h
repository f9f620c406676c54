/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/posix-process internals shared between its files. */
#ifndef POSIX_PROCESS_INTERNAL_H
#define POSIX_PROCESS_INTERNAL_H

#include <stdint.h>

/* Loads @tp as the calling thread's thread pointer (with_sched.c: kept per
 * thread by lib/sched; without_sched.c: the only one). */
void posix_process_tls_set(uintptr_t tp);

#endif
