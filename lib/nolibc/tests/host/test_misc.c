/* SPDX-License-Identifier: BSD-3-Clause */
/* qsort/bsearch against references, ctype and strerror and errno values
 * against glibc. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"

static const int host_errno[] = {
#define X(name) name,
#include "errno_list.h"
#undef X
};
static const char *const errno_names[] = {
#define X(name) #name,
#include "errno_list.h"
#undef X
};

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

struct rec {
	unsigned char key[3];
};

static int cmp_rec(const void *a, const void *b)
{
	return memcmp(a, b, 3);
}

struct wide {
	long key;
	long pad[2];
};

static int cmp_wide(const void *a, const void *b)
{
	const struct wide *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

static void sort_tests(void)
{
	static int a[600], b[600];
	static struct rec r[300], rr[300];
	static struct wide w[300], ww[300];
	unsigned int s = 12345;
	char what[64];

	t_begin("qsort against glibc qsort: sizes 0..600, element sizes 4, 3, 24, "
		"duplicates, sorted and reversed input");
	for (int n = 0; n <= 600; n += (n < 40 ? 1 : 37)) {
		for (int kind = 0; kind < 4; kind++) {
			for (int i = 0; i < n; i++) {
				s = s * 1103515245 + 12345;
				a[i] = kind == 0   ? (int)(s >> 8)
				       : kind == 1 ? (int)(s >> 28)
				       : kind == 2 ? i
						   : n - i;
			}
			memcpy(b, a, sizeof(int) * (size_t)n);
			qsort(a, (size_t)n, sizeof(int), cmp_int);
			nl_qsort(b, (size_t)n, sizeof(int), cmp_int);
			snprintf(what, sizeof(what), "int n=%d kind %d", n, kind);
			t_check(memcmp(a, b, sizeof(int) * (size_t)n) == 0, what, "sorted",
				"different");
		}
		if (n > 300)
			continue;
		for (int i = 0; i < n; i++) {
			s = s * 1103515245 + 12345;
			memcpy(r[i].key, &s, 3);
			w[i].key = (long)(s >> 20);
			w[i].pad[0] = w[i].key * 3;
		}
		memcpy(rr, r, sizeof(r));
		memcpy(ww, w, sizeof(w));
		qsort(r, (size_t)n, sizeof(r[0]), cmp_rec);
		nl_qsort(rr, (size_t)n, sizeof(rr[0]), cmp_rec);
		qsort(w, (size_t)n, sizeof(w[0]), cmp_wide);
		nl_qsort(ww, (size_t)n, sizeof(ww[0]), cmp_wide);
		snprintf(what, sizeof(what), "3-byte/24-byte n=%d", n);
		t_check(memcmp(r, rr, sizeof(r[0]) * (size_t)n) == 0 &&
				memcmp(w, ww, sizeof(w[0]) * (size_t)n) == 0,
			what, "sorted", "different");
	}
	t_end();

	t_begin("bsearch finds every element and misses the gaps");
	for (int n = 0; n < 50; n++) {
		for (int i = 0; i < n; i++)
			a[i] = 2 * i;
		for (int k = -1; k <= 2 * n; k++) {
			int *p = nl_bsearch(&k, a, (size_t)n, sizeof(int), cmp_int);

			snprintf(what, sizeof(what), "n=%d key %d", n, k);
			t_check((k % 2 == 0 && k >= 0 && k < 2 * n) ? (p && *p == k) : p == NULL,
				what, "right answer", "wrong");
		}
	}
	t_end();
}

int nl_isalpha(int), nl_isdigit(int), nl_isxdigit(int), nl_isspace(int), nl_isupper(int),
	nl_islower(int), nl_isalnum(int), nl_ispunct(int), nl_isprint(int), nl_isgraph(int),
	nl_iscntrl(int), nl_isblank(int), nl_toupper(int), nl_tolower(int);

static void ctype_tests(void)
{
	char what[32], e[64], g[64];

	t_begin("ctype against glibc's C locale for EOF and 0..255");
	for (int c = -1; c < 256; c++) {
		snprintf(e, sizeof(e), "%d%d%d%d%d%d%d%d%d%d%d%d %d %d", !!isalpha(c), !!isdigit(c),
			 !!isxdigit(c), !!isspace(c), !!isupper(c), !!islower(c), !!isalnum(c),
			 !!ispunct(c), !!isprint(c), !!isgraph(c), !!iscntrl(c), !!isblank(c),
			 toupper(c), tolower(c));
		snprintf(g, sizeof(g), "%d%d%d%d%d%d%d%d%d%d%d%d %d %d", !!nl_isalpha(c),
			 !!nl_isdigit(c), !!nl_isxdigit(c), !!nl_isspace(c), !!nl_isupper(c),
			 !!nl_islower(c), !!nl_isalnum(c), !!nl_ispunct(c), !!nl_isprint(c),
			 !!nl_isgraph(c), !!nl_iscntrl(c), !!nl_isblank(c), nl_toupper(c),
			 nl_tolower(c));
		snprintf(what, sizeof(what), "char %d", c);
		t_check(strcmp(e, g) == 0, what, e, g);
	}
	t_end();
}

static void errno_tests(void)
{
	char e[96], g[96];

	t_begin("errno values equal Linux's; strerror equals glibc's");
	for (size_t i = 0; i < sizeof(host_errno) / sizeof(host_errno[0]); i++) {
		snprintf(e, sizeof(e), "%s=%d", errno_names[i], host_errno[i]);
		snprintf(g, sizeof(g), "%s=%d", errno_names[i], nl_errno_values[i]);
		t_check(host_errno[i] == nl_errno_values[i], "value", e, g);
	}
	for (int i = 0; i <= 134; i++) {
		snprintf(e, sizeof(e), "%s", strerror(i));
		snprintf(g, sizeof(g), "%s", nl_strerror(i));
		t_check(strcmp(e, g) == 0, "strerror", e, g);
	}
	t_end();
}

void test_misc(void)
{
	sort_tests();
	ctype_tests();
	errno_tests();
}
