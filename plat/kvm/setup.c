/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * From entry32.S to km_boot(): decide the boot protocol, copy what the
 * loader handed over, switch to the W^X page tables, start the clocks and
 * the LAPIC, turn the firmware memory map into typed regions and the
 * command line into argv (bootinfo.c).
 */
#include <errno.h>
#include <stdio.h>
#include <km/plat/console.h>
#include <km/exit.h>
#include <km/init.h>
#include <km/plat/bootinfo.h>
#include <km/plat/lifecycle.h>
#include <km/print.h>
#include <x86/cpu.h>
#include <x86/traps.h>
#include "kvm.h"

#ifndef KVM_IMAGE_NAME
#define KVM_IMAGE_NAME "kumiki_kvm-x86_64"
#endif

static struct kvm_boot boot;

void kvm_start(uint32_t magic, uint32_t info) __km_noreturn;
void kvm_start(uint32_t magic, uint32_t info)
{
	struct km_bootinfo *bi;
	uint64_t limit;

	kvm_boot_mark("entry32");
	kvm_tsc_init(); /* the rate, or the start of its measuring window */
	kvm_boot_mark("tsc start");
	x86_traps_init();
	kvm_boot_mark("traps");
	/* qboot enters PVH with EAX = the multiboot magic: start_info first.
	 * entry32.S has stopped any entry that is neither. */
	(void)magic;
	if (info && *(volatile uint32_t *)(uintptr_t)info == KVM_PVH_MAGIC)
		kvm_pvh_parse(info, &boot);
	else
		kvm_multiboot_parse(info, &boot);
	kvm_boot_mark("protocol");
	limit = kvm_paging_init(&boot);
	kvm_boot_mark("paging");
	kvm_tsc_sample(); /* starts the LAPIC count */
	kvm_lapic_init();
	kvm_tsc_sample();
	kvm_boot_mark("lapic");
	kvm_acpi_set_rsdp(boot.rsdp);

	bi = kvm_bootinfo_build(&boot, limit, "kvm", KVM_IMAGE_NAME);
	kvm_boot_mark("regions, argv");
	/* The TSC window stays open and the timer unprogrammed until the
	 * clock's first user (tsc.c, lapic.c): nothing before main needs
	 * them, and a longer window is a more accurate one. */
	km_boot(bi);
}

/* Logged once boot parameters (print.level) are applied; libboot lists
 * the memory regions. */
static int kvm_boot_log(void)
{
	km_pr_debug("booted by %s, TSC %lu kHz +/- %u ppm (%s, %u us), LAPIC timer %s at %lu kHz\n",
		    boot.proto, (unsigned long)(kvm_tsc_hz() / 1000), kvm_tsc_error_ppm(),
		    kvm_tsc_source(), kvm_tsc_window_us(), kvm_timer_mode(),
		    (unsigned long)(kvm_lapic_hz_hint() / 1000));
	return 0;
}
KM_INIT_PLAT(kvm_boot_log, 0);

#ifdef CONFIG_KVM_BOOT_PROFILE
#define MARKS 32
static struct {
	const char *step;
	uint64_t tsc;
} marks[MARKS];
static unsigned int nr_marks;

void kvm_boot_mark(const char *step)
{
	if (nr_marks < MARKS) {
		marks[nr_marks].step = step;
		marks[nr_marks++].tsc = x86_rdtsc();
	}
}

/* Each step's time since the previous mark (the first: since entry). */
static void print_marks(void)
{
	uint64_t prev = kvm_boot_tsc, hz = kvm_tsc_hz();

	for (unsigned int i = 0; i < nr_marks; i++) {
		char buf[64];
		int n = snprintf(buf, sizeof(buf), "kvm:   %-16s %6lu us\n", marks[i].step,
				 (unsigned long)((marks[i].tsc - prev) * 1000000 / hz));

		km_plat_console_write(buf, (size_t)n);
		prev = marks[i].tsc;
	}
}
#else
/* Called only with KVM_PRINT_BOOT_TIME (clang warns when it is unused) */
static inline __km_unused void print_marks(void)
{
}
#endif

#ifdef CONFIG_KVM_PRINT_BOOT_TIME
/* The last init entry before main: how long the guest took to get here.
 * Printed only now, so that printing costs nothing that is measured. */
static int kvm_boot_time(void)
{
	/* The TSC now, converted only afterwards: the conversion may end the
	 * calibration window, which (like printing) a boot without this
	 * option does not do before main. */
	uint64_t now = x86_rdtsc();
	char buf[64];
	int n;

	kvm_boot_mark("inits");
	n = snprintf(buf, sizeof(buf), "kvm: entry to main: %lu us\n",
		     (unsigned long)((now - kvm_boot_tsc) * 1000000 / kvm_tsc_hz()));
	km_plat_console_write(buf, (size_t)n);
	print_marks();
	return 0;
}
KM_INIT_LATE(kvm_boot_time, 9);
#endif
