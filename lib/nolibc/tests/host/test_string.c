/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mem* and str* against simple byte-wise references and glibc, over every
 * small length and alignment, including all memmove overlaps.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <stdlib.h>
#include "test.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define BUF  160

static void fill(unsigned char *p, size_t n, unsigned int salt)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 131 + salt * 7 + 1);
}

static void ref_move(unsigned char *buf, size_t d, size_t s, size_t n)
{
	unsigned char tmp[BUF];

	for (size_t i = 0; i < n; i++)
		tmp[i] = buf[s + i];
	for (size_t i = 0; i < n; i++)
		buf[d + i] = tmp[i];
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static void mem_tests(void)
{
	unsigned char a[BUF], b[BUF], c[BUF];
	char what[96];

	t_begin("memmove: every overlap (offsets 0..20, lengths 0..100)");
	for (size_t d = 0; d <= 20; d++)
		for (size_t s = 0; s <= 20; s++)
			for (size_t n = 0; n <= 100; n++) {
				fill(a, BUF, (unsigned int)(d + s + n));
				memcpy(b, a, BUF);
				ref_move(a, d, s, n);
				nl_memmove(b + d, b + s, n);
				snprintf(what, sizeof(what), "dst+%zu src+%zu len %zu", d, s, n);
				t_check(memcmp(a, b, BUF) == 0, what, "moved", "different");
			}
	t_end();

	t_begin("memcpy/memset/memcmp/memchr: alignments and lengths");
	for (size_t d = 0; d < 9; d++)
		for (size_t s = 0; s < 9; s++)
			for (size_t n = 0; n <= 130; n++) {
				fill(a, BUF, 3);
				fill(b, BUF, 5);
				memcpy(c, b, BUF);
				memcpy(c + d, a + s, n);
				snprintf(what, sizeof(what), "memcpy d%zu s%zu n%zu", d, s, n);
				t_check(nl_memcpy(b + d, a + s, n) == b + d &&
						memcmp(b, c, BUF) == 0,
					what, "copied", "different");
				memset(c + d, 0xa5, n);
				snprintf(what, sizeof(what), "memset d%zu n%zu", d, n);
				t_check(nl_memset(b + d, 0xa5, n) == b + d &&
						memcmp(b, c, BUF) == 0,
					what, "set", "different");
			}
	for (size_t n = 0; n <= 70; n++)
		for (size_t at = 0; at < n; at++) {
			fill(a, BUF, 1);
			memcpy(b, a, BUF);
			b[at] ^= 0x80;
			snprintf(what, sizeof(what), "memcmp n%zu diff at %zu", n, at);
			t_check(sign(nl_memcmp(a, b, n)) == sign(memcmp(a, b, n)) &&
					sign(nl_memcmp(b, a, n)) == sign(memcmp(b, a, n)) &&
					nl_memcmp(a, a, n) == 0,
				what, "same sign", "other");
			snprintf(what, sizeof(what), "memchr n%zu at %zu", n, at);
			t_check(nl_memchr(b, b[at], n) == memchr(b, b[at], n) &&
					nl_memrchr(b, b[at], n) == memrchr(b, b[at], n),
				what, "same", "other");
		}
	t_end();
}

static void str_tests(void)
{
	static const char *const s[] = { "",
					 "a",
					 "abc",
					 "hello world",
					 "aaaaaaaaaaaaaaaaaaaaaaab",
					 "The quick brown fox jumps",
					 "xXyY" };
	static const char *const sets[] = { "", "a", " ", "abc", "xyz ", "ehlo" };
	char buf[64], b2[64], what[128], e[64], g[64];

	t_begin("strlen at every alignment and length");
	for (size_t off = 0; off < 16; off++)
		for (size_t n = 0; n < 40; n++) {
			memset(buf, 'q', sizeof(buf));
			buf[off + n] = '\0';
			snprintf(what, sizeof(what), "off %zu len %zu", off, n);
			t_check(nl_strlen(buf + off) == n &&
					nl_strnlen(buf + off, 5) == (n < 5 ? n : 5),
				what, "n", "other");
		}
	t_end();

	t_begin("strcmp/strncmp/strcasecmp/strchr/strrchr/strstr/strspn/"
		"strcspn/strpbrk vs glibc");
	for (size_t i = 0; i < N(s); i++) {
		for (size_t j = 0; j < N(s); j++) {
			snprintf(what, sizeof(what), "\"%s\" vs \"%s\"", s[i], s[j]);
			t_check(sign(nl_strcmp(s[i], s[j])) == sign(strcmp(s[i], s[j])) &&
					sign(nl_strncmp(s[i], s[j], 3)) ==
						sign(strncmp(s[i], s[j], 3)) &&
					sign(nl_strcasecmp(s[i], s[j])) ==
						sign(strcasecmp(s[i], s[j])) &&
					sign(nl_strncasecmp(s[i], s[j], 2)) ==
						sign(strncasecmp(s[i], s[j], 2)),
				what, "same sign", "other");
			t_check(nl_strstr(s[i], s[j]) == strstr(s[i], s[j]), what, "strstr same",
				"other");
		}
		for (const char *c = "aoxY\0";; c++) {
			snprintf(what, sizeof(what), "strchr \"%s\" '%c'", s[i], *c);
			t_check(nl_strchr(s[i], *c) == strchr(s[i], *c) &&
					nl_strrchr(s[i], *c) == strrchr(s[i], *c),
				what, "same", "other");
			if (!*c)
				break;
		}
		for (size_t k = 0; k < N(sets); k++) {
			snprintf(what, sizeof(what), "sets \"%s\" \"%s\"", s[i], sets[k]);
			t_check(nl_strspn(s[i], sets[k]) == strspn(s[i], sets[k]) &&
					nl_strcspn(s[i], sets[k]) == strcspn(s[i], sets[k]) &&
					nl_strpbrk(s[i], sets[k]) == strpbrk(s[i], sets[k]),
				what, "same", "other");
		}
	}
	t_check(sign(nl_strcmp("\x80", "a")) == 1, "unsigned compare", "1", "-1");
	t_end();

	t_begin("copy/concat: strcpy strncpy strcat strncat strlcpy strlcat "
		"strdup strndup");
	memset(buf, 'x', sizeof(buf));
	memset(b2, 'x', sizeof(b2));
	strncpy(b2, "ab", 6);
	nl_strncpy(buf, "ab", 6);
	t_check(memcmp(buf, b2, sizeof(buf)) == 0, "strncpy pads", "ab\\0\\0\\0\\0", "other");
	strncpy(b2, "abcdefgh", 4);
	nl_strncpy(buf, "abcdefgh", 4);
	t_check(memcmp(buf, b2, sizeof(buf)) == 0, "strncpy no NUL", "abcd", "other");
	nl_strcpy(buf, "foo");
	nl_strcat(buf, "bar");
	nl_strncat(buf, "bazqux", 3);
	t_check(strcmp(buf, "foobarbaz") == 0, "strcat/strncat", "foobarbaz", buf);
	t_check(nl_strlcpy(buf, "hello world", 6) == 11 && strcmp(buf, "hello") == 0,
		"strlcpy truncates", "hello", buf);
	t_check(nl_strlcpy(buf, "x", 0) == 1 && strcmp(buf, "hello") == 0, "strlcpy size 0",
		"hello", buf);
	nl_strcpy(buf, "ab");
	t_check(nl_strlcat(buf, "cdef", 5) == 6 && strcmp(buf, "abcd") == 0, "strlcat truncates",
		"abcd", buf);
	t_check(nl_strlcat(buf, "zz", 3) == 5, "strlcat no NUL in size", "5", "other");
	{
		char *d = nl_strdup("dup me"), *n = nl_strndup("dup me", 3);

		t_check(strcmp(d, "dup me") == 0, "strdup", "dup me", d);
		t_check(strcmp(n, "dup") == 0, "strndup", "dup", n);
		free(d);
		free(n);
	}
	t_end();

	t_begin("strtok_r and strsep");
	{
		char h[] = "  ,a,,bc d ,", m[] = "  ,a,,bc d ,";
		char *hs, *ms, *ht, *mt;

		ht = strtok_r(h, " ,", &hs);
		mt = nl_strtok_r(m, " ,", &ms);
		for (int i = 0; i < 5; i++) {
			snprintf(e, sizeof(e), "%s", ht ? ht : "(NULL)");
			snprintf(g, sizeof(g), "%s", mt ? mt : "(NULL)");
			t_check(strcmp(e, g) == 0, "token", e, g);
			ht = strtok_r(NULL, " ,", &hs);
			mt = nl_strtok_r(NULL, " ,", &ms);
		}
	}
	{
		char h[] = "a,,b", m[] = "a,,b";
		char *hp = h, *mp = m, *ht, *mt;

		for (int i = 0; i < 5; i++) {
			ht = strsep(&hp, ",");
			mt = nl_strsep(&mp, ",");
			snprintf(e, sizeof(e), "%s", ht ? ht : "(NULL)");
			snprintf(g, sizeof(g), "%s", mt ? mt : "(NULL)");
			t_check(strcmp(e, g) == 0, "strsep", e, g);
		}
	}
	t_end();
}

void test_string(void)
{
	mem_tests();
	str_tests();
}
