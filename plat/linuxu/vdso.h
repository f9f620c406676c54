/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host kernel's vDSO, found without a host libc: clock_gettime without
 * entering the kernel. Pure logic on memory, so tests/host runs it in a
 * host process against the host's own vDSO.
 */
#ifndef LINUXU_VDSO_H
#define LINUXU_VDSO_H

#include <stdint.h>

/* The vDSO's clock_gettime: (clockid, struct timespec *) -> 0 or -errno. */
typedef long (*linuxu_vdso_clock_gettime_fn)(long clock, void *ts);

/*
 * The address of the auxiliary vector that follows the process's initial
 * stack at @initial_stack (argc, argv..., NULL, envp..., NULL, auxv).
 */
const unsigned long *linuxu_auxv_from_stack(const long *initial_stack);

/* The value of auxiliary vector entry @type, 0 when absent. */
unsigned long linuxu_auxv_get(const unsigned long *auxv, unsigned long type);

/*
 * The address of dynamic symbol @name (a function, defined) of the ELF64
 * image mapped at @base (the vDSO: AT_SYSINFO_EHDR), or NULL when @base is
 * 0, not an ELF64 x86_64 shared object, or has no such symbol. Reads only
 * the headers and the dynamic symbol table; never writes.
 */
void *linuxu_vdso_sym(uintptr_t base, const char *name);

#endif
