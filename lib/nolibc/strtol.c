/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * strtol, strtoul, strtoll, strtoull, strtoimax, strtoumax (C11 7.22.1.4).
 *
 * One parser produces the magnitude and sign; each wrapper only applies its
 * type's range. Rules worth remembering:
 * - "0x" not followed by a hex digit parses as "0", *endptr at the 'x';
 * - no digits at all: return 0 and *endptr = nptr (not past the spaces);
 * - out of range: saturate and set ERANGE; unsigned variants accept a '-'
 *   and negate in the unsigned type ("-1" is ULONG_MAX).
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

struct parsed {
	unsigned long long mag; /* saturated at ULLONG_MAX */
	bool neg;
	bool overflow;
};

static int digit_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* Returns false (and sets EINVAL) for a base C does not allow. */
static bool parse(const char *nptr, char **endptr, int base, struct parsed *out)
{
	const unsigned char *s = (const unsigned char *)nptr;
	const unsigned char *digits;
	unsigned long long limit;
	int d, lastd;

	out->mag = 0;
	out->neg = false;
	out->overflow = false;
	if (base < 0 || base == 1 || base > 36) {
		if (endptr)
			*endptr = (char *)nptr;
		errno = EINVAL;
		return false;
	}

	while (isspace(*s))
		s++;
	if (*s == '+' || *s == '-')
		out->neg = *s++ == '-';
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    digit_value(s[2]) < 16) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}

	digits = s;
	limit = ULLONG_MAX / (unsigned int)base;
	lastd = (int)(ULLONG_MAX % (unsigned int)base);
	for (; (d = digit_value(*s)) < base; s++) {
		if (out->overflow)
			continue;
		if (out->mag > limit || (out->mag == limit && d > lastd)) {
			out->overflow = true;
			out->mag = ULLONG_MAX;
			continue;
		}
		out->mag = out->mag * (unsigned int)base + (unsigned int)d;
	}
	if (s == digits) {
		s = (const unsigned char *)nptr;
		out->neg = false;
	}
	if (endptr)
		*endptr = (char *)s;
	return true;
}

/* Range of a signed type whose maximum is @max. */
static long long to_signed(const struct parsed *p, long long min, long long max)
{
	if (p->neg) {
		if (p->overflow || p->mag > (unsigned long long)max + 1) {
			errno = ERANGE;
			return min;
		}
		/* Avoid negating max + 1 in the signed type. */
		return p->mag ? -(long long)(p->mag - 1) - 1 : 0;
	}
	if (p->overflow || p->mag > (unsigned long long)max) {
		errno = ERANGE;
		return max;
	}
	return (long long)p->mag;
}

static unsigned long long to_unsigned(const struct parsed *p, unsigned long long max)
{
	if (p->overflow || p->mag > max) {
		errno = ERANGE;
		return max;
	}
	return p->neg ? (0 - p->mag) & max : p->mag;
}

long strtol(const char *restrict nptr, char **restrict endptr, int base)
{
	struct parsed p;

	if (!parse(nptr, endptr, base, &p))
		return 0;
	return (long)to_signed(&p, LONG_MIN, LONG_MAX);
}

long long strtoll(const char *restrict nptr, char **restrict endptr, int base)
{
	struct parsed p;

	if (!parse(nptr, endptr, base, &p))
		return 0;
	return to_signed(&p, LLONG_MIN, LLONG_MAX);
}

intmax_t strtoimax(const char *restrict nptr, char **restrict endptr, int base)
{
	struct parsed p;

	if (!parse(nptr, endptr, base, &p))
		return 0;
	return to_signed(&p, INTMAX_MIN, INTMAX_MAX);
}

unsigned long strtoul(const char *restrict nptr, char **restrict endptr, int base)
{
	struct parsed p;

	if (!parse(nptr, endptr, base, &p))
		return 0;
	return (unsigned long)to_unsigned(&p, ULONG_MAX);
}

unsigned long long strtoull(const char *restrict nptr, char **restrict endptr, int base)
{
	struct parsed p;

	if (!parse(nptr, endptr, base, &p))
		return 0;
	return to_unsigned(&p, ULLONG_MAX);
}

uintmax_t strtoumax(const char *restrict nptr, char **restrict endptr, int base)
{
	struct parsed p;

	if (!parse(nptr, endptr, base, &p))
		return 0;
	return to_unsigned(&p, UINTMAX_MAX);
}
