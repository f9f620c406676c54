/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The heap is one anonymous mapping, made in a plat-class init so that the
 * boot parameter linuxu.heap_size has been applied. It becomes a free region
 * of the boot info for the allocator to take.
 */
#include <errno.h>
#include <km/init.h>
#include <km/param.h>
#include <km/plat/bootinfo.h>
#include <km/print.h>
#include "linuxu.h"

static size_t heap_size = (size_t)CONFIG_PLAT_LINUXU_HEAP_MIB << 20;
KM_PARAM(linuxu, heap_size, size, heap_size, "heap size (K/M/G suffixes)");

static int linuxu_heap_init(void)
{
	long addr;

	if (heap_size < 4096) {
		km_pr_crit("linuxu.heap_size=%zu is below one page\n", heap_size);
		return -EINVAL;
	}
	heap_size = KM_ALIGN_UP(heap_size, 4096);
	addr = linuxu_syscall6(
		LINUXU_SYS_mmap, 0, (long)heap_size, LINUXU_PROT_READ | LINUXU_PROT_WRITE,
		LINUXU_MAP_PRIVATE | LINUXU_MAP_ANONYMOUS | LINUXU_MAP_NORESERVE, -1, 0);
	if (addr < 0 && addr > -4096) {
		km_pr_crit("cannot map a %zu KiB heap: error %ld\n", heap_size >> 10, -addr);
		return (int)addr;
	}
	/*
	 * The allocator writes at both ends of the heap at boot; with
	 * transparent huge pages each first touch zeroes 2 MiB, which tripled
	 * the time to main. Small pages fault in only what is used.
	 */
	linuxu_syscall(LINUXU_SYS_madvise, addr, heap_size, LINUXU_MADV_NOHUGEPAGE);
	return km_bootinfo_add_region(km_bootinfo_get(), (uintptr_t)addr, heap_size, KM_REGION_FREE,
				      "heap");
}
KM_INIT_PLAT_REQUIRED(linuxu_heap_init, 0);
