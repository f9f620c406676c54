/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Symbol names for crash backtraces (x86/crash.h), from the table the
 * two-pass link embeds after the code (gensyms.sh, KM_SYMTAB_LINK_CMD in
 * plat/common/Makefile.uk; used by kvm and linuxu).
 * Layout: uint32 count, uint32 0, count x {uint32 address, uint32 name
 * offset} sorted by address, then the names. An image linked without the
 * table (first pass) has an empty section and reports bare addresses.
 * Addresses outside [first symbol, __km_text_end) are not code: NULL.
 */
#include <stddef.h>
#include <stdint.h>
#include <x86/crash.h>

extern const uint32_t __km_symtab_start[], __km_symtab_end[];
extern char __km_text_end[];

const char *x86_symbol_lookup(uintptr_t addr, uintptr_t *offset)
{
	const uint32_t *t = __km_symtab_start;
	uint32_t n, lo = 0, hi;
	const char *names;

	if ((uintptr_t)__km_symtab_end - (uintptr_t)__km_symtab_start < 8 || !t[0])
		return NULL;
	n = t[0];
	if (addr < t[2] || addr >= (uintptr_t)__km_text_end)
		return NULL;
	names = (const char *)(t + 2 + 2 * n);
	hi = n;
	while (hi - lo > 1) { /* largest entry with address <= addr */
		uint32_t mid = (lo + hi) / 2;

		if (t[2 + 2 * mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - t[2 + 2 * lo];
	return names + t[3 + 2 * lo];
}
