/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * memcpy, memmove, memset, memcmp, memchr, memrchr.
 *
 * The compiler emits calls to the first four on its own (struct copies,
 * zeroing), so they must be reasonably fast and must never turn into calls
 * to themselves: this file is built with KM_CFLAGS_NO_LIBCALL_LOOPS (see
 * Makefile.uk and support/build/ccfamily.mk), which keeps the compiler
 * from recognising the loops below as "a memcpy".
 *
 * Bulk work is done a machine word at a time. Destination stores are
 * aligned; source loads may be unaligned, which x86_64 handles at full
 * speed, so one loop serves every relative alignment.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint64_t __attribute__((may_alias, aligned(1))) uword_u;
typedef uint64_t __attribute__((may_alias)) uword;
#define W sizeof(uint64_t)

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/* Align the destination, then move words, then the tail. */
	while (n > 0 && ((uintptr_t)d & (W - 1))) {
		*d++ = *s++;
		n--;
	}
	for (; n >= 4 * W; n -= 4 * W, d += 4 * W, s += 4 * W) {
		uint64_t a = ((const uword_u *)s)[0];
		uint64_t b = ((const uword_u *)s)[1];
		uint64_t c = ((const uword_u *)s)[2];
		uint64_t e = ((const uword_u *)s)[3];

		((uword *)d)[0] = a;
		((uword *)d)[1] = b;
		((uword *)d)[2] = c;
		((uword *)d)[3] = e;
	}
	for (; n >= W; n -= W, d += W, s += W)
		*(uword *)d = *(const uword_u *)s;
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if ((uintptr_t)d - (uintptr_t)s >= n) {
		/*
		 * dst is below src or past its end: a forward copy never
		 * overwrites a source byte before reading it, as long as each
		 * word is loaded before it is stored.
		 */
		for (; n >= W; n -= W, d += W, s += W) {
			uint64_t v = *(const uword_u *)s;

			*(uword_u *)d = v;
		}
		while (n--)
			*d++ = *s++;
		return dst;
	}
	/* dst overlaps the end of src: copy backwards. */
	d += n;
	s += n;
	for (; n >= W; n -= W) {
		uint64_t v;

		d -= W;
		s -= W;
		v = *(const uword_u *)s;
		*(uword_u *)d = v;
	}
	while (n--)
		*--d = *--s;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t pat = (unsigned char)c * 0x0101010101010101ULL;

	while (n > 0 && ((uintptr_t)d & (W - 1))) {
		*d++ = (unsigned char)c;
		n--;
	}
	for (; n >= 4 * W; n -= 4 * W, d += 4 * W) {
		((uword *)d)[0] = pat;
		((uword *)d)[1] = pat;
		((uword *)d)[2] = pat;
		((uword *)d)[3] = pat;
	}
	for (; n >= W; n -= W, d += W)
		*(uword *)d = pat;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	/* Skip equal words quickly; the bytes decide the sign. */
	while (n >= W && *(const uword_u *)p == *(const uword_u *)q) {
		p += W;
		q += W;
		n -= W;
	}
	for (; n > 0; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n > 0; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = (const unsigned char *)s + n;

	while (n--)
		if (*--p == (unsigned char)c)
			return (void *)p;
	return NULL;
}
