/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internal interfaces of the kvm platform (not part of the contract).
 * libkvmboot (entry32.S, pvh.c, bootinfo.c, paging.c, memprot.c, tls.c and
 * the x86 descriptors) is the boot core that the xen platform links too;
 * it calls back kvm_start() and kvm_early_puts(), which each platform
 * defines.
 * Boot sequence (setup.c): serial -> cpu tables -> boot protocol parsing
 * -> page tables -> clocks -> LAPIC -> km_boot().
 */
#ifndef KVM_H
#define KVM_H

#include <stdint.h>
#include <stddef.h>
#include <km/essentials.h>
#include <km/plat/bootinfo.h>
#include <km/plat/time.h>
#include "kvm_abi.h"

/* What the boot protocol (multiboot or PVH) told us, copied out of the
 * loader's memory before anything can reuse it. */
#define KVM_MMAP_MAX 32
/* The longest command line (-append) in bytes, without its NUL */
#ifdef CONFIG_KVM_CMDLINE_MAX
#define KVM_CMDLINE_MAX CONFIG_KVM_CMDLINE_MAX
#else
#define KVM_CMDLINE_MAX 4095
#endif

enum kvm_mem_type { /* e820 numbering */
		    KVM_MEM_RAM = 1,
		    KVM_MEM_RESERVED = 2,
		    KVM_MEM_ACPI = 3,
		    KVM_MEM_NVS = 4,
		    KVM_MEM_BAD = 5,
};

struct kvm_mmap_entry {
	uint64_t base, len;
	uint32_t type;
};

struct kvm_boot {
	const char *proto; /* "multiboot" or "pvh" */
	struct kvm_mmap_entry mmap[KVM_MMAP_MAX];
	unsigned int nr_mmap;
	char *cmdline;		    /* -append, in a static buffer; NULL if none */
	unsigned int cmdline_words; /* runs of non-blanks: >= its words */
	uint64_t initrd_base, initrd_len;
	uint64_t rsdp; /* 0: scan the BIOS areas */
};

/* Written by entry32.S */
extern uint64_t kvm_boot_tsc;
extern uint32_t kvm_boot_magic, kvm_boot_info;
extern char kvm_boot_stack_guard[], kvm_boot_stack[], kvm_boot_stack_top[];

/* Linker script symbols */
extern char __km_image_start[], __km_text_end[], __km_rodata_start[], __km_rodata_end[],
	__km_data_start[], __km_load_end[], __km_bss_start[], __km_bss_end[];

int kvm_multiboot_parse(uint32_t info, struct kvm_boot *b);
int kvm_pvh_parse(uint32_t info, struct kvm_boot *b);
/* Copies the loader's command line (-append alone: multiboot's leading
 * kernel path skipped by the caller) into the image. A line longer than
 * KVM_CMDLINE_MAX bytes stops the image with KM_EXIT_USAGE: never cut. */
void kvm_boot_copy_cmdline(struct kvm_boot *b, const char *src);
/* The boot information km_boot() takes, from what the loader handed over:
 * typed regions (RAM up to mapped_limit is free, minus the image and the
 * initrd) and argv (argv[0] = image_name, then the command line's words;
 * more than KM_BOOTINFO_MAX_ARGS - 1 stop the image with KM_EXIT_USAGE). */
struct km_bootinfo *kvm_bootinfo_build(const struct kvm_boot *b, uint64_t mapped_limit,
				       const char *plat_name, const char *image_name);

void kvm_serial_init(void);
void kvm_early_puts(const char *s); /* before and after the console works */

/* Page tables: W^X map of the image, RAM below 4 GiB, device window. */
uint64_t kvm_paging_init(const struct kvm_boot *b); /* returns the mapped RAM limit */
int kvm_addr_mapped(uintptr_t va, size_t len);

/* Clocks */
void kvm_tsc_init(void);	  /* first in kvm_start(): may start a window */
uint64_t kvm_tsc_hz(void);	  /* this and the others below end it */
uint32_t kvm_tsc_error_ppm(void); /* bound on the rate's error; 0: exact */
uint32_t kvm_tsc_window_us(void); /* calibration window; 0: none */
void kvm_tsc_sample(void);	  /* more window starts during the boot */
const char *kvm_tsc_source(void);
uint64_t kvm_ns_to_tsc(km_nsec_t ns); /* absolute monotonic ns -> TSC value */
uint32_t kvm_lapic_hz_hint(void);     /* LAPIC timer Hz measured with the TSC, 0 if unknown */

void kvm_lapic_init(void); /* PIC masked, LAPIC on, vectors registered */
void kvm_lapic_eoi(void);  /* end of the interrupt being handled (irq.c) */
const char *kvm_timer_mode(void);

/* The one-shot timer (oneshot.c keeps the deadlines, the platform the
 * hardware). The platform defines kvm_oneshot_program(): set the hardware
 * to fire at monotonic ns @deadline (0: nothing is due; it MAY leave an
 * earlier setting armed), interrupts off. Its timer interrupt calls
 * kvm_oneshot_expired(now), which reprograms and returns 1 when the
 * armed deadline passed; then, after the end of interrupt,
 * kvm_oneshot_fire() runs the handler (which may switch threads). */
void kvm_oneshot_program(km_nsec_t deadline);
int kvm_oneshot_expired(km_nsec_t now);
void kvm_oneshot_fire(void);

/* ACPI (shutdown fallback) */
void kvm_acpi_set_rsdp(uint64_t rsdp);
void kvm_acpi_poweroff(void);

/* Shutdown */
void kvm_reset_triple_fault(void) __km_noreturn;
/* Writes status to QEMU's isa-debug-exit port (0xf4), which ends QEMU
 * with 2 * status + 3 when the device exists and returns otherwise.
 * Statuses outside 0..125 are sent as 126, after a console line naming
 * plat ("kvm", "xen") and the real status. */
void kvm_debug_exit(const char *plat, int status);

/* Boot profile (CONFIG_KVM_BOOT_PROFILE): a TSC stamp per boot step,
 * printed with the entry-to-main time. */
#ifdef CONFIG_KVM_BOOT_PROFILE
void kvm_boot_mark(const char *step);
#else
static inline void kvm_boot_mark(const char *step)
{
	(void)step;
}
#endif

#endif /* KVM_H */
