/* SPDX-License-Identifier: BSD-3-Clause */
/* ELF TLS variant II blocks for static x86_64 images (see tls.h). */
#include <string.h>
#include <km/essentials.h>
#include "tls.h"

extern char __km_tls_start[], __km_tdata_size[], __km_tls_size[], __km_tls_align[];

/* The linker's absolute values: through asm, since the compiler assumes
 * that an array's address is never 0 and would fold the size test away. */
static inline uintptr_t sym_value(const void *sym)
{
	uintptr_t v;

	__asm__("" : "=r"(v) : "0"(sym));
	return v;
}
#define TLS_SIZE   sym_value(__km_tls_size)
#define TDATA_SIZE sym_value(__km_tdata_size)
#define TLS_ALIGN  sym_value(__km_tls_align)

#define TCB_SIZE 64 /* self pointer, rest reserved */
#define TP_ALIGN 64

/* ld places local-exec variables at tp - round_up(memsz, p_align) + offset. */
static size_t tls_offset(void)
{
	size_t a = KM_MAX((size_t)TLS_ALIGN, (size_t)1);

	return KM_ALIGN_UP((size_t)TLS_SIZE, a);
}

size_t km_arch_tls_area_size(void)
{
	if (TLS_SIZE == 0 || TLS_ALIGN > TP_ALIGN)
		return 0; /* none, or refused (see tls.h): the TLS test says so */
	return tls_offset() + TCB_SIZE + TP_ALIGN;
}

uintptr_t km_arch_tls_init(void *area)
{
	size_t off = tls_offset();
	size_t filesz = (size_t)TDATA_SIZE;
	size_t memsz = (size_t)TLS_SIZE;
	uintptr_t tp = KM_ALIGN_UP((uintptr_t)area + off, (uintptr_t)TP_ALIGN);
	char *block = (char *)(tp - off);

	memcpy(block, __km_tls_start, filesz);
	memset(block + filesz, 0, off - filesz);
	memset((void *)tp, 0, TCB_SIZE);
	*(uintptr_t *)tp = tp; /* %fs:0 reads the thread pointer itself */
	(void)memsz;
	return tp;
}
