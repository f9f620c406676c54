/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The errno location. Weak so that a scheduler library can provide a
 * per-thread one without nolibc knowing about threads; until then every
 * caller shares this single int.
 */
#include <errno.h>

static int global_errno;

__attribute__((weak)) int *__km_errno_location(void)
{
	return &global_errno;
}
