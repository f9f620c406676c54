/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The boot information of an image entered through entry32.S (kvm, and xen
 * as a PVH guest): the loader's command line copied into the image, the
 * firmware memory map turned into typed regions, the command line into
 * argv. Part of libkvmboot, the x86 boot core both platforms link.
 */
#include <stdio.h>
#include <km/exit.h>
#include <km/plat/bootinfo.h>
#include <km/plat/lifecycle.h>
#include <km/print.h>
#include "kvm.h"

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
static void build_regions(const struct kvm_boot *b, uint64_t mapped_limit)
{
	uint64_t img_start = (uintptr_t)__km_image_start;
	uint64_t img_end = KM_ALIGN_UP((uintptr_t)__km_bss_end, 4096);
	uint64_t rd_base = b->initrd_len ? KM_ALIGN_DOWN(b->initrd_base, 4096) : 0;
	uint64_t rd_end = b->initrd_len ? KM_ALIGN_UP(b->initrd_base + b->initrd_len, 4096) : 0;
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
	for (unsigned int i = 0; i < b->nr_mmap; i++) {
		const struct kvm_mmap_entry *e = &b->mmap[i];
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
	add_region(b->initrd_base, b->initrd_base + b->initrd_len, KM_REGION_INITRD, "initrd");
}

static void build_argv(const struct kvm_boot *b, const char *image_name)
{
	int n = 0;

	argv[0] = (char *)image_name;
	/* Nothing to split (under TCG the splitter's first run costs ~0.1 ms):
	 * no command line, or only blanks. */
	if (b->cmdline && b->cmdline_words) {
		/* argv + 1 holds KM_BOOTINFO_MAX_ARGS - 1 words and the NULL */
		n = km_cmdline_split(b->cmdline, argv + 1, KM_BOOTINFO_MAX_ARGS);
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

struct km_bootinfo *kvm_bootinfo_build(const struct kvm_boot *b, uint64_t mapped_limit,
				       const char *plat_name, const char *image_name)
{
	bi.plat_name = plat_name;
	build_regions(b, mapped_limit);
	build_argv(b, image_name);
	return &bi;
}

void kvm_reset_triple_fault(void)
{
	static const struct {
		uint16_t limit;
		uint64_t base;
	} __km_packed null_idt = { 0, 0 };

	__asm__ __volatile__("lidt %0; int3" ::"m"(null_idt));
	for (;;)
		__asm__ __volatile__("cli; hlt");
}
