/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <km/plat/bootinfo.h>

int km_bootinfo_add_region(struct km_bootinfo *bi, uintptr_t base, size_t len,
			   enum km_region_type type, const char *name)
{
	struct km_region *r;

	if (bi->nr_regions >= KM_BOOTINFO_MAX_REGIONS)
		return -ENOSPC;
	r = &bi->regions[bi->nr_regions++];
	r->base = base;
	r->len = len;
	r->type = type;
	r->name = name;
	return 0;
}

const char *km_region_type_name(enum km_region_type type)
{
	switch (type) {
	case KM_REGION_FREE:
		return "free";
	case KM_REGION_KERNEL:
		return "kernel";
	case KM_REGION_INITRD:
		return "initrd";
	case KM_REGION_RESERVED:
		return "reserved";
	case KM_REGION_DEVICE:
		return "device";
	}
	return "?";
}
