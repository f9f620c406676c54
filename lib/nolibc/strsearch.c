/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Searching and splitting strings: strstr, strspn, strcspn, strpbrk,
 * strtok, strtok_r, strsep.
 *
 * Character sets are looked up in a 256-bit map built once per call, so
 * each function is linear in its input rather than input x set.
 */
#include <stdint.h>
#include <string.h>

struct byteset {
	uint64_t bits[4];
};

static void set_build(struct byteset *set, const char *chars)
{
	set->bits[0] = set->bits[1] = set->bits[2] = set->bits[3] = 0;
	for (; *chars; chars++) {
		unsigned char c = (unsigned char)*chars;

		set->bits[c >> 6] |= 1ULL << (c & 63);
	}
}

static int set_has(const struct byteset *set, unsigned char c)
{
	return (set->bits[c >> 6] >> (c & 63)) & 1;
}

size_t strspn(const char *s, const char *accept)
{
	struct byteset set;
	size_t n = 0;

	set_build(&set, accept);
	while (s[n] && set_has(&set, (unsigned char)s[n]))
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	struct byteset set;
	size_t n = 0;

	set_build(&set, reject);
	while (s[n] && !set_has(&set, (unsigned char)s[n]))
		n++;
	return n;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

/*
 * Plain search: compare at each candidate position where the first byte
 * matches. Quadratic only for pathological inputs, and small.
 */
char *strstr(const char *haystack, const char *needle)
{
	size_t nlen = strlen(needle);

	if (nlen == 0)
		return (char *)haystack;
	for (; (haystack = strchr(haystack, *needle)) != NULL; haystack++)
		if (strncmp(haystack, needle, nlen) == 0)
			return (char *)haystack;
	return NULL;
}

char *strtok_r(char *restrict s, const char *restrict delim, char **restrict saveptr)
{
	char *end;

	if (!s)
		s = *saveptr;
	s += strspn(s, delim);
	if (!*s) {
		*saveptr = s;
		return NULL;
	}
	end = s + strcspn(s, delim);
	if (*end)
		*end++ = '\0';
	*saveptr = end;
	return s;
}

char *strtok(char *restrict s, const char *restrict delim)
{
	static char *save;

	return strtok_r(s, delim, &save);
}

char *strsep(char **restrict sp, const char *restrict delim)
{
	char *s = *sp, *end;

	if (!s)
		return NULL;
	end = s + strcspn(s, delim);
	if (*end) {
		*end = '\0';
		*sp = end + 1;
	} else {
		*sp = NULL;
	}
	return s;
}

/* memmem: strstr for bytes; an empty needle matches at the start. */
void *memmem(const void *haystack, size_t hlen, const void *needle, size_t nlen)
{
	const unsigned char *h = haystack, *end;
	const unsigned char *n = needle;

	if (nlen == 0)
		return (void *)h;
	if (hlen < nlen)
		return NULL;
	end = h + (hlen - nlen) + 1;
	for (; (h = memchr(h, n[0], (size_t)(end - h))) != NULL; h++)
		if (memcmp(h + 1, n + 1, nlen - 1) == 0)
			return (void *)h;
	return NULL;
}
