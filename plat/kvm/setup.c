/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * From entry32.S to km_boot(): decide the boot protocol, copy what the
 * loader handed over, switch to the W^X page tables, start the clocks and
 * the LAPIC, turn the firmware memory map into typed regions and the
 * command line into argv.
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
static struct km_bootinfo bi;
static char cmdline_buf[KVM_CMDLINE_MAX + 1];
static char *argv[KM_BOOTINFO_MAX_ARGS + 1];

void kvm_boot_copy_cmdline(struct kvm_boot *b, const char *src)
{
	unsigned int words = 0, in_word = 0;
	size_t i;

	/* Counting runs of non-blanks (blanks as km_cmdline_split() has
	 * them) bounds its word count from above, at no extra pass. */
	for (i = 0; src[i] && i < KVM_CMDLINE_MAX; i++) {
		char c = src[i];
		unsigned int blank = c == ' ' || c == '\t' || c == '\n';

		words += !blank & !in_word;
		in_word = !blank;
		cmdline_buf[i] = c;
	}
	if (src[i]) {
		char msg[160];

		while (src[i])
			i++;
		snprintf(msg, sizeof(msg),
			 "kvm: the command line is %zu bytes; this image takes at most %d "
			 "(Kconfig KVM_CMDLINE_MAX)\n",
			 i, KVM_CMDLINE_MAX);
		kvm_early_puts(msg);
		km_plat_terminate(KM_EXIT_USAGE);
	}
	cmdline_buf[i] = 0;
	b->cmdline_words = words;
	b->cmdline = cmdline_buf;
}

/* Adds [base, end) unless empty, kept sorted by base (one insertion step:
 * firmware maps come sorted, so it rarely moves anything). One copy: under
 * TCG each inlined copy would be translated again. */
__attribute__((noinline)) static void add_region(uint64_t base, uint64_t end,
						 enum km_region_type type, const char *name)
{
	unsigned int j;

	if (end <= base)
		return;
	if (km_bootinfo_add_region(&bi, (uintptr_t)base, (size_t)(end - base), type, name)) {
		kvm_early_puts("kvm: too many memory regions; some are left out\n");
		return;
	}
	for (j = bi.nr_regions - 1; j > 0 && bi.regions[j - 1].base > (uintptr_t)base; j--) {
		struct km_region r = bi.regions[j];

		bi.regions[j] = bi.regions[j - 1];
		bi.regions[j - 1] = r;
	}
}

/*
 * Each firmware-map entry becomes up to five regions, computed without
 * branches and added by one loop: under TCG every distinct basic block
 * costs a translation, far more than a loop iteration. RAM below the
 * image (page 0 aside, which stays unmapped) is reserved "low-ram", not
 * heap: a small wild pointer must not hit live memory; RAM above the
 * mapped limit is reserved "unmapped"; the rest is free minus two holes,
 * the image and the initrd (empty if none), lower first.
 */
static void build_regions(uint64_t mapped_limit)
{
	uint64_t img_start = (uintptr_t)__km_image_start;
	uint64_t img_end = KM_ALIGN_UP((uintptr_t)__km_bss_end, 4096);
	uint64_t rd_base = boot.initrd_len ? KM_ALIGN_DOWN(boot.initrd_base, 4096) : 0;
	uint64_t rd_end =
		boot.initrd_len ? KM_ALIGN_UP(boot.initrd_base + boot.initrd_len, 4096) : 0;
	int rd_low = rd_base < img_start;
	uint64_t h0b = rd_low ? rd_base : img_start, h0e = rd_low ? rd_end : img_end;
	uint64_t h1b = rd_low ? img_start : rd_base, h1e = rd_low ? img_end : rd_end;
	static const enum km_region_type ptype[5] = {
		KM_REGION_RESERVED, KM_REGION_FREE,	KM_REGION_FREE,
		KM_REGION_FREE,	    KM_REGION_RESERVED,
	};
	static const char *const pname[5] = { "low-ram", "ram", "ram", "ram", "unmapped" };
	static const char *const fw_name[] = {
		[KVM_MEM_ACPI] = "acpi",
		[KVM_MEM_NVS] = "acpi-nvs",
	};

	h1e = KM_MAX(h1e, h0e); /* overlapping holes (a bad loader) stay holes */
	for (unsigned int i = 0; i < boot.nr_mmap; i++) {
		const struct kvm_mmap_entry *e = &boot.mmap[i];
		uint64_t base = e->base, end = e->base + e->len;
		uint64_t fb = KM_MAX(base, img_start), fe = KM_MIN(end, mapped_limit);
		uint64_t p[5][2] = {
			{ KM_MAX(base, 4096), KM_MIN(end, img_start) },
			{ fb, KM_MIN(fe, h0b) },
			{ KM_MAX(fb, h0e), KM_MIN(fe, h1b) },
			{ KM_MAX(fb, h1e), fe },
			{ KM_MAX(base, mapped_limit), end },
		};

		if (e->type != KVM_MEM_RAM) {
			const char *n = e->type < KM_ARRAY_SIZE(fw_name) ? fw_name[e->type] : NULL;

			add_region(base, end, KM_REGION_RESERVED, n ? n : "firmware");
			continue;
		}
		for (unsigned int j = 0; j < 5; j++)
			add_region(p[j][0], p[j][1], ptype[j], pname[j]);
	}
	add_region(img_start, img_end, KM_REGION_KERNEL, "image");
	add_region(boot.initrd_base, boot.initrd_base + boot.initrd_len, KM_REGION_INITRD,
		   "initrd");
}

static void build_argv(void)
{
	int n = 0;

	argv[0] = (char *)KVM_IMAGE_NAME;
	/* Nothing to split (under TCG the splitter's first run costs ~0.1 ms):
	 * no command line, or only blanks. */
	if (boot.cmdline && boot.cmdline_words) {
		/* argv + 1 holds KM_BOOTINFO_MAX_ARGS - 1 words and the NULL */
		n = km_cmdline_split(boot.cmdline, argv + 1, KM_BOOTINFO_MAX_ARGS);
		if (n < 0) {
			km_pr_crit("more than %d words on the command line\n",
				   KM_BOOTINFO_MAX_ARGS - 1);
			km_plat_terminate(KM_EXIT_USAGE);
		}
	}
	argv[n + 1] = NULL;
	bi.argc = n + 1;
	bi.argv = argv;
}

void kvm_start(uint32_t magic, uint32_t info) __km_noreturn;
void kvm_start(uint32_t magic, uint32_t info)
{
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

	bi.plat_name = "kvm";
	build_regions(limit);
	build_argv();
	kvm_boot_mark("regions, argv");
	/* The TSC window stays open and the timer unprogrammed until the
	 * clock's first user (tsc.c, lapic.c): nothing before main needs
	 * them, and a longer window is a more accurate one. */
	km_boot(&bi);
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
