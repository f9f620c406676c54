/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The domU's grant table (version 1): its first frame mapped into the
 * image with XENMEM_add_to_physmap (XENMAPSPACE_grant_table) over a page
 * of .bss, as for the shared info page; ring.c fills and ends entries.
 * One frame holds 512 entries, enough for the console-less split drivers
 * a unikernel has. The initial domain needs none to boot.
 */
#include <stdint.h>
#include <xen/memory.h>
#include "ring.h"
#include "xen.h"

#define NR_ENTRIES (4096 / sizeof(grant_entry_v1_t))

static grant_entry_v1_t table[NR_ENTRIES] __km_aligned(4096);
static int mapped;

int xen_gnttab_init(void)
{
	struct xen_add_to_physmap map = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_grant_table,
		.idx = 0,
		.gpfn = (uintptr_t)table >> 12,
	};
	long rc = XEN_HC(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, &map);

	mapped = !rc;
	return (int)rc;
}

int xen_grant_access(domid_t domid, const void *page, int ro)
{
	if (!mapped)
		return -ENODEV;
	return xen_gnttab_grant(table, NR_ENTRIES, domid, (uint32_t)((uintptr_t)page >> 12), ro);
}

int xen_grant_end(int ref)
{
	if (!mapped)
		return -ENODEV;
	return xen_gnttab_end(table, NR_ENTRIES, (unsigned int)ref);
}
