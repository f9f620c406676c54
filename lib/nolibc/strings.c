/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * strcasecmp, strncasecmp: compare after folding ASCII letters to lower
 * case, as POSIX specifies for the "C" locale. ffs, ffsl, ffsll.
 */
#include <ctype.h>
#include <strings.h>

int strcasecmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p && tolower(*p) == tolower(*q)) {
		p++;
		q++;
	}
	return tolower(*p) - tolower(*q);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n > 0; n--, p++, q++) {
		int d = tolower(*p) - tolower(*q);

		if (d || !*p)
			return d;
	}
	return 0;
}

/* ffs family: 1 + index of the lowest set bit, 0 when none is set. */
int ffs(int i)
{
	return i ? __builtin_ctz((unsigned int)i) + 1 : 0;
}

int ffsl(long i)
{
	return i ? __builtin_ctzl((unsigned long)i) + 1 : 0;
}

int ffsll(long long i)
{
	return i ? __builtin_ctzll((unsigned long long)i) + 1 : 0;
}
