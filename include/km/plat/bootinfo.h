/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/plat/bootinfo.h - what a platform hands to the portable boot code.
 *
 * A platform's entry code MUST fill a struct km_bootinfo and call km_boot()
 * exactly once, with the console and monotonic clock already working.
 * Memory regions it knows at entry go in regions[]; a platform MAY add more
 * later (linuxu maps its heap in a plat-class init, once boot parameters
 * such as linuxu.heap_size are known) with km_bootinfo_add_region().
 *
 * argv[] is the command line split into words; argv[0] is the image name.
 * Words before a lone "--" are boot parameters (lib.param=value), words
 * after it are the application's arguments.
 *
 * Non-goals: device discovery (buses are probed by their drivers).
 */
#ifndef KM_PLAT_BOOTINFO_H
#define KM_PLAT_BOOTINFO_H

#include <stddef.h>
#include <stdint.h>
#include <km/essentials.h>

enum km_region_type {
	KM_REGION_FREE = 1, /* usable RAM, nobody owns it yet */
	KM_REGION_KERNEL,   /* the image itself (text, data, bss, boot stack) */
	KM_REGION_INITRD,   /* an initial ramdisk, read-only for the image */
	KM_REGION_RESERVED, /* firmware, ACPI, anything the image must not touch */
	KM_REGION_DEVICE,   /* memory-mapped I/O */
};

struct km_region {
	uintptr_t base;
	size_t len;
	enum km_region_type type;
	const char *name; /* short, for logs: "heap", "e820", "initrd" */
};

#define KM_BOOTINFO_MAX_REGIONS 32
/* argv entries (argv[0] included) of a platform that splits a command line
 * itself (kvm); more words stop the image with KM_EXIT_USAGE. */
#define KM_BOOTINFO_MAX_ARGS 64

struct km_bootinfo {
	const char *plat_name; /* "linuxu", "kvm", ... */
	int argc;
	char **argv; /* argv[argc] == NULL */
	struct km_region regions[KM_BOOTINFO_MAX_REGIONS];
	unsigned int nr_regions;
};

/* Portable boot: parses parameters, runs init tables, calls main, never returns. */
void km_boot(struct km_bootinfo *bi) __km_noreturn;

/* The boot info km_boot() was given; valid from km_boot() on. */
struct km_bootinfo *km_bootinfo_get(void);

/* Append a region. Returns 0 or -ENOSPC. */
int km_bootinfo_add_region(struct km_bootinfo *bi, uintptr_t base, size_t len,
			   enum km_region_type type, const char *name);

const char *km_region_type_name(enum km_region_type type);

/*
 * Split a command line in place into words for argv (platforms whose
 * firmware passes one string: kvm, xen). Double quotes group words;
 * backslash escapes the next character. @max counts the entries of @argv,
 * including the NULL that ends the list. Returns the number of words, or
 * -E2BIG when they do not fit.
 */
int km_cmdline_split(char *cmdline, char **argv, int max);

#endif /* KM_PLAT_BOOTINFO_H */
