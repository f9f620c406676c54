/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * strverscmp: compare strings as version numbers ("a9" < "a10"), with the
 * GNU rules for digit runs that start with '0' ("fractional" parts):
 * 000 < 00 < 01 < 010 < 09 < 0 < 1 < 9 < 10.
 *
 * Only the digit run around the first difference matters: before it both
 * strings are equal, after it only that run's value decides.
 */
#include <ctype.h>
#include <string.h>

static size_t digit_run(const unsigned char *s)
{
	size_t n = 0;

	while (isdigit(s[n]))
		n++;
	return n;
}

int strverscmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;
	size_t i = 0, start, na, nb, k;
	int bytes;

	while (p[i] == q[i]) {
		if (!p[i])
			return 0;
		i++;
	}
	bytes = p[i] - q[i];
	start = i;
	while (start > 0 && isdigit(p[start - 1]))
		start--;
	na = digit_run(p + i);
	nb = digit_run(q + i);
	if ((start == i && (na == 0 || nb == 0)))
		return bytes; /* no number on one side: plain bytes */

	if (p[start] != '0' && q[start] != '0') {
		/* Integers: the longer run is the larger number. */
		if (na != nb)
			return na < nb ? -1 : 1;
		return bytes;
	}
	if (start == i) /* one fractional, one integer: fraction first */
		return p[i] == '0' ? -1 : 1;
	for (k = start; k < i; k++)
		if (p[k] != '0')
			return bytes; /* past the leading zeros: bytes */
	/* Still in the leading zeros: the run that ends here is larger. */
	if ((na == 0) != (nb == 0))
		return na == 0 ? 1 : -1;
	return bytes;
}
