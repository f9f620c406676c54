/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 thread-local storage layout (ELF TLS variant II, static image).
 *
 * The thread pointer (FS base) points at a TCB whose first word points to
 * itself; the TLS block (.tdata image, then .tbss zeroes) ends just below
 * it, at the offset the linker used for local-exec accesses. The image's
 * linker script MUST define __km_tls_start, __km_tdata_size,
 * __km_tls_size and __km_tls_align (see plat/linuxu/link.lds).
 *
 * km_arch_tls_area_size() is 0 when the image has no TLS at all; then
 * threads need no TLS area and switches never reload the FS base.
 * Limitation: TLS variables aligned to more than 64 bytes are refused.
 */
#ifndef KM_ARCH_X86_64_TLS_H
#define KM_ARCH_X86_64_TLS_H

#include <stddef.h>
#include <stdint.h>

size_t km_arch_tls_area_size(void);
/* Initialises a TLS area of km_arch_tls_area_size() bytes; returns its tp. */
uintptr_t km_arch_tls_init(void *area);

#endif
