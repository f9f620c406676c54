/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Page protection on linuxu (km/plat/memprot.h): mprotect on the heap,
 * which plat/linuxu maps with mmap. Faults are SIGSEGV, which crash.c turns
 * into the shared crash report; that report asks the describe hook.
 */
#include <errno.h>
#include <km/plat/bootinfo.h>
#include <km/plat/memprot.h>
#include <x86/crash.h>
#include "syscall.h"

#define SYS_mprotect 10

static km_plat_fault_describe_t describe;

int km_plat_page_protect(void *addr, size_t npages, int prot)
{
	uintptr_t a = (uintptr_t)addr;
	size_t len = npages * KM_PLAT_PAGE_SIZE;
	long r;

	if ((a & (KM_PLAT_PAGE_SIZE - 1)) || !npages || len / npages != KM_PLAT_PAGE_SIZE ||
	    (prot != KM_PLAT_PROT_NONE && prot != KM_PLAT_PROT_RW))
		return -EINVAL;
	r = linuxu_syscall(SYS_mprotect, addr, len, prot == KM_PLAT_PROT_NONE ? 0 : 3);
	return r < 0 ? (int)r : 0;
}

void km_plat_fault_describe_register(km_plat_fault_describe_t fn)
{
	describe = fn;
}

/* Called by the crash report (overrides crash.c's weak default). */
const char *x86_crash_describe(uintptr_t addr, char *buf, size_t len)
{
	return describe ? describe(addr, buf, len) : NULL;
}
