/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The portable boot sequence, the same on every platform:
 *   1. the platform entry fills a km_bootinfo (console and clock working)
 *   2. km_boot: boot parameters are applied (bad ones stop the image)
 *   3. init classes run in order (see inittab.c and boot-order.txt)
 *   4. the program's C constructors (.preinit_array, .init_array), then
 *      main(argc, argv) with the application's arguments
 *   5. exit(main's status): atexit handlers, flush, km_plat_terminate
 */
#include <stdlib.h>
#include <km/exit.h>
#include <km/init.h>
#include <km/param.h>
#include <km/plat/bootinfo.h>
#include <km/plat/lifecycle.h>
#include <km/plat/time.h>
#include <km/print.h>
#include "boot_impl.h"

int main(int argc, char *argv[]);

static struct km_bootinfo *boot_info;

typedef void (*ctor_fn)(void);
/* support/build/tables.lds */
extern const ctor_fn __preinit_array_start[], __preinit_array_end[];
extern const ctor_fn __init_array_start[], __init_array_end[];
extern const ctor_fn __fini_array_start[], __fini_array_end[];

/* As a C library's start-up does for an ELF executable: libraries set
 * themselves up in constructors (xz's CRC code picks its function there). */
static void run_constructors(void)
{
	for (const ctor_fn *f = __preinit_array_start; f < __preinit_array_end; f++)
		(*f)();
	for (const ctor_fn *f = __init_array_start; f < __init_array_end; f++)
		(*f)();
}

void km_run_destructors(void)
{
	for (const ctor_fn *f = __fini_array_end; f > __fini_array_start; f--)
		(*(f - 1))();
}

struct km_bootinfo *km_bootinfo_get(void)
{
	return boot_info;
}

static void log_regions(const struct km_bootinfo *bi)
{
	for (unsigned int i = 0; i < bi->nr_regions; i++) {
		const struct km_region *r = &bi->regions[i];

		km_pr_debug("region %-8s %#014lx-%#014lx %8zu KiB %s\n",
			    km_region_type_name(r->type), (unsigned long)r->base,
			    (unsigned long)(r->base + r->len), r->len >> 10,
			    r->name ? r->name : "");
	}
}

/* Defined by lib/initrd when the image has it. */
extern const int km_initrd_present __km_weak;

/*
 * An initrd region nothing will unpack (kvm's -initrd, xen's module, on an
 * image without lib/initrd) would be ignored without a word, its files
 * silently missing: stop as linuxu does for its unknown linuxu.initrd=.
 */
static void check_initrd_consumer(const struct km_bootinfo *bi)
{
	if (&km_initrd_present)
		return;
	for (unsigned int i = 0; i < bi->nr_regions; i++)
		if (bi->regions[i].type == KM_REGION_INITRD) {
			km_pr_crit("the boot was given an initrd (%s, %zu bytes), but this image "
				   "has no lib/initrd to unpack it (CONFIG_LIBINITRD=y)\n",
				   bi->regions[i].name ? bi->regions[i].name : "initrd",
				   bi->regions[i].len);
			km_plat_terminate(KM_EXIT_USAGE);
		}
}

void km_boot(struct km_bootinfo *bi)
{
	int first_app_arg, app_argc;
	char **app_argv;

	boot_info = bi;
	first_app_arg = km_param_parse_args(bi->argc, bi->argv);
	if (first_app_arg < 0)
		km_plat_terminate(KM_EXIT_USAGE);
	if (first_app_arg == 0) /* `help` was given and printed */
		exit(KM_EXIT_OK);
	check_initrd_consumer(bi);

	km_pr_info("Kumiki on %s\n", bi->plat_name);
	km_run_inittab();
	log_regions(bi);

	/* The application sees the image name, then what followed "--". */
	app_argc = bi->argc - first_app_arg + 1;
	app_argv = &bi->argv[first_app_arg - 1];
	app_argv[0] = bi->argv[0];
	run_constructors();
	km_pr_debug("main() after %lu us\n",
		    (unsigned long)(km_plat_monotonic_ns() / KM_NSEC_PER_USEC));
	exit(main(app_argc, app_argv));
}
