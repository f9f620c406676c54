/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Formatting into memory: sprintf, vsprintf, snprintf, vsnprintf.
 *
 * C11 7.21.6.5: the return value is the length the whole output would
 * have; at most n-1 characters and a terminating NUL are stored, and with
 * n == 0 nothing is stored (the buffer may then be NULL).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "format_impl.h"

struct membuf {
	char *p;
	size_t room; /* characters we may still store, NUL excluded */
};

static void mem_sink(void *ctx, const char *s, size_t n)
{
	struct membuf *mb = ctx;
	size_t k = n < mb->room ? n : mb->room;

	memcpy(mb->p, s, k);
	mb->p += k;
	mb->room -= k;
}

int vsnprintf(char *restrict buf, size_t n, const char *restrict fmt, va_list ap)
{
	struct membuf mb = { buf, n ? n - 1 : 0 };
	int ret = nolibc_vformat(mem_sink, &mb, fmt, ap);

	if (n)
		*mb.p = '\0';
	return ret;
}

int snprintf(char *restrict buf, size_t n, const char *restrict fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return ret;
}

int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	/* The caller promises the buffer is big enough; trust it fully. */
	return vsnprintf(buf, SIZE_MAX, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsprintf(buf, fmt, ap);
	va_end(ap);
	return ret;
}
