/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The failure path of assert(). The message format is the one glibc users
 * know, so tools and people can grep for it.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

void __km_assert_fail(const char *expr, const char *file, int line, const char *func)
{
	/* stderr flushes stdout first, so the output stays in order. */
	fprintf(stderr, "Assertion failed: %s (%s:%d: %s)\n", expr, file, line, func);
	abort();
}
