/* SPDX-License-Identifier: BSD-3-Clause */
/* bsearch: binary search over a sorted array (C11 7.22.5.1). */
#include <stdlib.h>

void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *))
{
	const char *lo = base;

	/* Invariant: the key, if present, is within [lo, lo + nmemb). */
	while (nmemb > 0) {
		const char *mid = lo + (nmemb / 2) * size;
		int c = compar(key, mid);

		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			lo = mid + size;
			nmemb -= nmemb / 2 + 1;
		} else {
			nmemb /= 2;
		}
	}
	return NULL;
}
