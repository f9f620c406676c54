/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/init.h - registering init functions (consumer API of lib/boot).
 *
 * A library registers an init function with one of
 *   KM_INIT_EARLY(fn, prio)  KM_INIT_PLAT(fn, prio)  KM_INIT_LIB(fn, prio)
 *   KM_INIT_ROOTFS(fn, prio) KM_INIT_SYS(fn, prio)   KM_INIT_LATE(fn, prio)
 * (optional: a failure logs a warning naming the library's Kconfig symbol
 * and the boot goes on) or the same with _REQUIRED appended (a failure halts
 * the image with KM_EXIT_INIT_FAILED).
 *
 * Contract:
 * - fn has type int (*)(void) and returns 0 or a negative errno value.
 * - Classes run in the order listed; inside a class, by priority 0..9
 *   (a single digit, checked at compile time), then by function name.
 *   There are no hidden numbers: $(O)/boot-order.txt lists every entry in
 *   run order, and print.level=debug logs each one as it runs.
 * - Boot parameters are parsed before the first init function runs.
 * - Init functions run once, on the boot CPU, before main(), with
 *   interrupts in the state the platform entry left them.
 *
 * Non-goals: teardown functions, dependencies between entries (order them
 * by class and priority).
 */
#ifndef KM_INIT_H
#define KM_INIT_H

#include <stdint.h>
#include <km/essentials.h>

typedef int (*km_init_fn_t)(void);

/*
 * The program's C destructors (.fini_array, __attribute__((destructor))),
 * last registered first. lib/boot runs the constructors after the init
 * functions, just before main(); a C library whose exit() does not walk
 * .fini_array itself calls this after the atexit handlers (nolibc) or
 * registers it with atexit() before main (newlib); musl's exit walks it.
 * Call once.
 */
void km_run_destructors(void);

struct km_init_entry {
	km_init_fn_t fn;
	const char *fn_name;
	const char *lib;    /* e.g. "libprint" */
	const char *config; /* e.g. "CONFIG_LIBPRINT" */
	uint8_t cls;	    /* KM_INIT_CLASS_* */
	uint8_t prio;	    /* 0..9 */
	uint8_t required;
};

#define KM_INIT_CLASS_EARLY  1
#define KM_INIT_CLASS_PLAT   2
#define KM_INIT_CLASS_LIB    3
#define KM_INIT_CLASS_ROOTFS 4
#define KM_INIT_CLASS_SYS    5
#define KM_INIT_CLASS_LATE   6

const char *km_init_class_name(unsigned int cls);

/*
 * The entry goes into .km_inittab.<class>.<prio>.<fn>, which the linker
 * script sorts by name (explicitly aligned to its type: gcc would otherwise
 * align large objects to 32 bytes and leave holes in the table); a text line describing it goes
 * into the non-allocated .km_initinfo section under the same suffix, from which the build writes
 * boot-order.txt.
 */
#define KM__INIT_SUFFIX(cls, prio, fn) "." #cls "." #prio "." #fn
#define KM__INIT(cls, clsname, fn, prio, req, reqname)                                             \
	KM_STATIC_ASSERT(sizeof(#prio) == 2, "init priority must be one digit 0..9: " #fn);        \
	static const struct km_init_entry KM_CONCAT(__km_init_, fn)                                \
		__km_used __km_aligned(__alignof__(struct km_init_entry))                          \
			__km_section(".km_inittab" KM__INIT_SUFFIX(cls, prio, fn)) = {             \
				fn, #fn, KM_LIBNAME_STR, KM_LIBCONFIG_STR, cls, prio, req          \
			};                                                                         \
	static const char KM_CONCAT(__km_initinfo_,                                                \
				    fn)[sizeof(clsname " " #prio " " #fn " " KM_LIBNAME_STR        \
						       " " KM_LIBCONFIG_STR " " reqname "\n") -    \
					1] __km_used __km_aligned(1)                               \
		__km_section(".km_initinfo" KM__INIT_SUFFIX(cls, prio, fn)) = clsname              \
		" " #prio " " #fn " " KM_LIBNAME_STR " " KM_LIBCONFIG_STR " " reqname "\n"

#define KM_INIT_EARLY(fn, prio)	 KM__INIT(1, "early", fn, prio, 0, "optional")
#define KM_INIT_PLAT(fn, prio)	 KM__INIT(2, "plat", fn, prio, 0, "optional")
#define KM_INIT_LIB(fn, prio)	 KM__INIT(3, "lib", fn, prio, 0, "optional")
#define KM_INIT_ROOTFS(fn, prio) KM__INIT(4, "rootfs", fn, prio, 0, "optional")
#define KM_INIT_SYS(fn, prio)	 KM__INIT(5, "sys", fn, prio, 0, "optional")
#define KM_INIT_LATE(fn, prio)	 KM__INIT(6, "late", fn, prio, 0, "optional")

#define KM_INIT_EARLY_REQUIRED(fn, prio)  KM__INIT(1, "early", fn, prio, 1, "required")
#define KM_INIT_PLAT_REQUIRED(fn, prio)	  KM__INIT(2, "plat", fn, prio, 1, "required")
#define KM_INIT_LIB_REQUIRED(fn, prio)	  KM__INIT(3, "lib", fn, prio, 1, "required")
#define KM_INIT_ROOTFS_REQUIRED(fn, prio) KM__INIT(4, "rootfs", fn, prio, 1, "required")
#define KM_INIT_SYS_REQUIRED(fn, prio)	  KM__INIT(5, "sys", fn, prio, 1, "required")
#define KM_INIT_LATE_REQUIRED(fn, prio)	  KM__INIT(6, "late", fn, prio, 1, "required")

#endif /* KM_INIT_H */
