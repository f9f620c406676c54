/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The boot thread's TLS block when no scheduler gives it one (Makefile.uk
 * builds this file only without CONFIG_LIBSCHED; lib/sched sets up every
 * thread's block, the boot thread's included). musl makes its own; newlib
 * has no thread code, yet __thread variables (the application's and
 * glue.c's per-thread reent) need a block at the thread pointer. The block
 * is laid out by arch/<arch>/tls.c, as lib/sched does. Until this runs,
 * glue.c's __getreent() answers the global reent.
 */
#include <errno.h>
#include <km/alloc.h>
#include <km/init.h>
#include <km/plat/tls.h>
#include "tls.h" /* arch/<arch>/tls.h */

static int newlib_main_tls_init(void)
{
	size_t size = km_arch_tls_area_size();
	void *area;

	if (!size)
		return 0; /* the image has no TLS (or refuses it: lib/sched's test says so) */
	area = km_palloc((size + KM_ALLOC_PAGE_SIZE - 1) / KM_ALLOC_PAGE_SIZE);
	if (!area)
		return -ENOMEM;
	km_plat_tls_set(km_arch_tls_init(area));
	return 0;
}
/* After lib/alloc's heap (lib 1), before any thread or application code. */
KM_INIT_LIB_REQUIRED(newlib_main_tls_init, 2);
