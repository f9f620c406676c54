/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * String length, comparison and copying.
 *
 * Built with KM_CFLAGS_NO_LIBCALL_LOOPS like mem.c: gcc can recognise a
 * strlen loop and compile strlen into a call to strlen.
 */
#include <stdint.h>
#include <string.h>

typedef uint64_t __attribute__((may_alias)) uword;
#define ONES  0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

size_t strlen(const char *s)
{
	const char *p = s;
	const uword *w;

	while ((uintptr_t)p & (sizeof(uword) - 1)) {
		if (!*p)
			return (size_t)(p - s);
		p++;
	}
	/*
	 * Aligned words never cross a page boundary, so reading the whole word
	 * holding the terminator cannot fault. (v - ONES) & ~v & HIGHS is
	 * nonzero exactly when some byte of v is zero.
	 */
	for (w = (const uword *)p; !((*w - ONES) & ~*w & HIGHS); w++)
		;
	for (p = (const char *)w; *p; p++)
		;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n > 0; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
		if (!*p)
			break;
	}
	return 0;
}

/* Only the "C" locale exists, where collation is byte order. */
int strcoll(const char *a, const char *b)
{
	return strcmp(a, b);
}

char *strcpy(char *restrict dst, const char *restrict src)
{
	stpcpy(dst, src);
	return dst;
}

char *stpcpy(char *restrict dst, const char *restrict src)
{
	while ((*dst = *src++))
		dst++;
	return dst;
}

char *strncpy(char *restrict dst, const char *restrict src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	/* C requires the rest of the n bytes to be NULs. */
	memset(dst + i, 0, n - i);
	return dst;
}

char *strcat(char *restrict dst, const char *restrict src)
{
	stpcpy(dst + strlen(dst), src);
	return dst;
}

char *strncat(char *restrict dst, const char *restrict src, size_t n)
{
	char *d = dst + strlen(dst);

	while (n-- > 0 && *src)
		*d++ = *src++;
	*d = '\0';
	return dst;
}

/* BSD: always terminates (if size > 0), returns strlen(src) to detect
 * truncation. */
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t k = len < size - 1 ? len : size - 1;

		memcpy(dst, src, k);
		dst[k] = '\0';
	}
	return len;
}

size_t strlcat(char *restrict dst, const char *restrict src, size_t size)
{
	size_t dlen = strnlen(dst, size);

	/* No NUL within size: nothing to append to, report as BSD does. */
	if (dlen == size)
		return size + strlen(src);
	return dlen + strlcpy(dst + dlen, src, size - dlen);
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}
