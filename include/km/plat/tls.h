/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/plat/tls.h - the thread pointer (part of the platform contract).
 *
 * km_plat_tls_set() makes @tp the current CPU's thread pointer: on x86_64
 * the FS base, which `__thread` accesses (local-exec model, %fs:-offset)
 * and the TCB self pointer at %fs:0 use. A platform MUST implement it
 * (linuxu: arch_prctl(ARCH_SET_FS); kvm: wrmsr FS_BASE) and it MUST be
 * callable with interrupts disabled, from a context switch.
 * km_plat_tls_get() returns the value last set (0 before the first set).
 *
 * The layout of the TLS block around @tp is the arch's business
 * (arch/x86_64/tls.c, variant II); the platform only loads the register.
 *
 * Non-goals: the GS base, dynamic TLS (dlopen), SMP.
 */
#ifndef KM_PLAT_TLS_H
#define KM_PLAT_TLS_H

#include <stdint.h>

void km_plat_tls_set(uintptr_t tp);
uintptr_t km_plat_tls_get(void);

#endif /* KM_PLAT_TLS_H */
