/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * From libkvmboot's entry (entry32.S, 64-bit mode, boot stack) to
 * km_boot(), as a Xen PVH guest: find Xen in CPUID and have it fill the
 * hypercall page, read start_info (memory map, command line, whether we
 * are the initial domain), switch to the W^X page tables, map the shared
 * info page, start the pvclock and event channels, then build the boot
 * information exactly as kvm does. Event channels and the timer are set
 * up on the timer's first use (events.c).
 */
#include <stdio.h>
#include <string.h>
#include <km/exit.h>
#include <km/init.h>
#include <km/plat/bootinfo.h>
#include <km/plat/console.h>
#include <km/plat/lifecycle.h>
#include <km/print.h>
#include <x86/cpu.h>
#include <x86/traps.h>
#include <xen/xen.h>
#include <xen/memory.h>
#include <xen/version.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include "kvm.h"
#include "xen.h"

#ifndef XEN_IMAGE_NAME
#define XEN_IMAGE_NAME "kumiki_xen-x86_64"
#endif

extern char xen_hypercall_page[];

struct shared_info *xen_shared_info;
int xen_is_initial_domain;

static struct kvm_boot boot;
static uint32_t xen_cpuid_base;
/* The frame Xen maps its shared info page over (add_to_physmap replaces
 * the RAM behind it). */
static char shared_info_page[4096] __km_aligned(4096);

/* Stops before Xen is known to be there: the initial domain's exit port
 * (what run-xen adds), else a triple fault. Xen's port 0xe9 prints the
 * line in its own log ("(d0) ..."). */
static void __km_noreturn no_xen(const char *why)
{
	while (*why)
		x86_outb(0xe9, (uint8_t)*why++);
	x86_outb(KVM_DEBUG_EXIT_PORT, KM_EXIT_MACHINE + 1);
	kvm_reset_triple_fault();
}

/* Xen's CPUID leaves are at 0x40000000 or, next to Viridian's, 0x100
 * further: the signature "XenVMMXenVMM" with at least leaf base + 2, which
 * names the MSR that takes the hypercall page's physical address. */
static void hypercall_page_init(void)
{
	for (uint32_t base = 0x40000000; base < 0x40010000; base += 0x100) {
		struct x86_cpuid r = x86_cpuid(base, 0);

		if (r.ebx == 0x566e6558 && r.ecx == 0x65584d4d && r.edx == 0x4d4d566e &&
		    r.eax - base >= 2) {
			xen_cpuid_base = base;
			x86_wrmsr(x86_cpuid(base + 2, 0).ebx, (uintptr_t)xen_hypercall_page);
			return;
		}
	}
	no_xen("xen: no Xen in CPUID: this image runs only as a Xen PVH guest\n");
}

int xen_hvm_get_param(uint32_t index, uint64_t *value)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };
	long rc = XEN_HC(__HYPERVISOR_hvm_op, HVMOP_get_param, &p);

	*value = p.value;
	return (int)rc;
}

static void shared_info_init(void)
{
	struct xen_add_to_physmap map = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
		.gpfn = (uintptr_t)shared_info_page >> 12,
	};

	if (XEN_HC(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, &map))
		no_xen("xen: XENMEM_add_to_physmap of the shared info page failed\n");
	xen_shared_info = (struct shared_info *)shared_info_page;
}

/* The initial domain's start_info has no memory map: Xen gives it with
 * XENMEM_memory_map (e820 entries), as to a PV guest. */
static void memory_map_from_xen(void)
{
	struct __km_packed {
		uint64_t addr, size;
		uint32_t type;
	} e[KVM_MMAP_MAX];
	struct xen_memory_map map = { .nr_entries = KVM_MMAP_MAX };

	set_xen_guest_handle(map.buffer, e);
	if (XEN_HC(__HYPERVISOR_memory_op, XENMEM_memory_map, &map))
		return;
	for (unsigned int i = 0; i < map.nr_entries && i < KVM_MMAP_MAX; i++) {
		boot.mmap[i].base = e[i].addr;
		boot.mmap[i].len = e[i].size;
		boot.mmap[i].type = e[i].type;
	}
	boot.nr_mmap = KM_MIN(map.nr_entries, KVM_MMAP_MAX);
}

void kvm_early_puts(const char *s)
{
	km_plat_console_write(s, strlen(s));
}

void kvm_start(uint32_t magic, uint32_t info) __km_noreturn;
void kvm_start(uint32_t magic, uint32_t info)
{
	uint64_t limit;

	(void)magic;
	x86_traps_init();
	hypercall_page_init();
	/* entry32.S let only multiboot and PVH in: Xen enters PVH. */
	if (!info || *(volatile uint32_t *)(uintptr_t)info != KVM_PVH_MAGIC)
		no_xen("xen: not entered through PVH (use Xen's PVH loader)\n");
	kvm_pvh_parse(info, &boot);
	xen_is_initial_domain = !!(((volatile uint32_t *)(uintptr_t)info)[2] & SIF_INITDOMAIN);
	if (!boot.nr_mmap)
		memory_map_from_xen();
	limit = kvm_paging_init(&boot);
	shared_info_init();
	xen_time_init();
	xen_console_init();
	km_boot(kvm_bootinfo_build(&boot, limit, "xen", XEN_IMAGE_NAME));
}

/* Logged once print.level is known. */
static int xen_boot_log(void)
{
	long ver = XEN_HC(__HYPERVISOR_xen_version, XENVER_version, NULL);

	km_pr_debug("Xen %ld.%ld (CPUID 0x%x), PVH %s, console %s\n", ver >> 16, ver & 0xffff,
		    xen_cpuid_base, xen_is_initial_domain ? "initial domain" : "domU",
		    xen_is_initial_domain ? "console_io" : "ring");
	for (unsigned int i = 0; i < boot.nr_mmap; i++)
		km_pr_debug("memory map: 0x%lx-0x%lx type %u\n", (unsigned long)boot.mmap[i].base,
			    (unsigned long)(boot.mmap[i].base + boot.mmap[i].len),
			    boot.mmap[i].type);
	return 0;
}
KM_INIT_PLAT(xen_boot_log, 0);

#ifdef CONFIG_XEN_PRINT_BOOT_TIME
/* The last init entry before main: the TSC since entry32.S's first
 * reading, in ns at the pvclock's rate. */
static int xen_boot_time(void)
{
	uint64_t tsc = x86_rdtsc();
	char buf[64];
	int n = snprintf(buf, sizeof(buf), "xen: entry to main: %lu us\n",
			 (unsigned long)(xen_tsc_to_ns(tsc - kvm_boot_tsc) / 1000));

	km_plat_console_write(buf, (size_t)n);
	return 0;
}
KM_INIT_LATE(xen_boot_time, 9);
#endif

/* A domU's grant table and xenstore ring; absent in the initial domain
 * (nothing to say then: it boots without them). */
static int xen_domu_init(void)
{
	int gt, xs;

	if (xen_is_initial_domain)
		return 0;
	gt = xen_gnttab_init();
	xs = xen_xenstore_init();
	km_pr_debug("grant table %s, xenstore %s\n", gt ? "unavailable" : "mapped",
		    xs ? "unavailable" : "ring");
	return 0;
}
KM_INIT_PLAT(xen_domu_init, 1);
