/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * qsort (C11 7.22.5.2) as a heapsort: O(n log n) in the worst case, no
 * recursion and no extra memory, which matters more in a kernel than the
 * last bit of average speed quicksort would give. Short arrays use
 * insertion sort, which beats both there.
 */
#include <stdint.h>
#include <stdlib.h>

typedef int (*cmp_fn)(const void *, const void *);

#define SMALL 12

static void swap(char *a, char *b, size_t size)
{
	if (((uintptr_t)a | (uintptr_t)b | size) % sizeof(uint64_t) == 0) {
		for (; size; size -= sizeof(uint64_t)) {
			uint64_t t = *(uint64_t *)a;

			*(uint64_t *)a = *(uint64_t *)b;
			*(uint64_t *)b = t;
			a += sizeof(uint64_t);
			b += sizeof(uint64_t);
		}
		return;
	}
	while (size--) {
		char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/* Restore the max-heap property below @root in a heap of @n elements. */
static void sift_down(char *base, size_t root, size_t n, size_t size, cmp_fn cmp)
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap(base + root * size, base + child * size, size);
		root = child;
	}
}

static void insertion_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			char *a = base + (j - 1) * size, *b = a + size;

			if (cmp(a, b) <= 0)
				break;
			swap(a, b, size);
		}
}

void qsort(void *base, size_t nmemb, size_t size, cmp_fn cmp)
{
	char *b = base;

	if (nmemb < 2 || size == 0)
		return;
	if (nmemb <= SMALL) {
		insertion_sort(b, nmemb, size, cmp);
		return;
	}
	for (size_t i = nmemb / 2; i-- > 0;)
		sift_down(b, i, nmemb, size, cmp);
	for (size_t end = nmemb - 1; end > 0; end--) {
		swap(b, b + end * size, size);
		sift_down(b, 0, end, size, cmp);
	}
}
