/* SPDX-License-Identifier: BSD-3-Clause */
/* Built-in parameter types. Pure C, also compiled into the host unit test. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <km/param.h>

/*
 * Digits as strtoull(text, &end, 0) reads them (0x hex, 0 octal, else
 * decimal), but no sign or blanks, and without errno: parameters are
 * parsed before the C library's thread pointer exists (musl's errno lives
 * there), so no libc call here may set errno.
 */
static int parse_unsigned(const char *text, unsigned long long max, unsigned long long *out,
			  const char **rest)
{
	unsigned long long v = 0;
	unsigned int base = 10;
	const char *s = text;

	if (!(*s >= '0' && *s <= '9'))
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isxdigit((unsigned char)s[2])) {
		base = 16;
		s += 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	for (;; s++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned int)(*s - '0');
		else if (base == 16 && isxdigit((unsigned char)*s))
			d = (unsigned int)((*s | 0x20) - 'a' + 10);
		else
			break;
		if (d >= base)
			break;
		if (v > (ULLONG_MAX - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	if (v > max)
		return -ERANGE;
	*out = v;
	*rest = s;
	return 0;
}

static int parse_bool(const char *text, void *var)
{
	static const char *const yes[] = { "y", "yes", "on", "true", "1" };
	static const char *const no[] = { "n", "no", "off", "false", "0" };

	for (size_t i = 0; i < KM_ARRAY_SIZE(yes); i++) {
		if (!strcasecmp(text, yes[i])) {
			*(bool *)var = true;
			return 0;
		}
		if (!strcasecmp(text, no[i])) {
			*(bool *)var = false;
			return 0;
		}
	}
	return -EINVAL;
}

static int format_bool(char *buf, size_t len, const void *var)
{
	return snprintf(buf, len, "%s", *(const bool *)var ? "y" : "n");
}

static int parse_int(const char *text, void *var)
{
	unsigned long long v;
	const char *rest;
	bool neg = (*text == '-');
	int ret = parse_unsigned(text + neg, neg ? (unsigned long long)INT32_MAX + 1 : INT32_MAX,
				 &v, &rest);

	if (ret)
		return ret;
	if (*rest)
		return -EINVAL;
	*(int *)var = neg ? (int)(-(long long)v) : (int)v;
	return 0;
}

static int format_int(char *buf, size_t len, const void *var)
{
	return snprintf(buf, len, "%d", *(const int *)var);
}

static int parse_uint(const char *text, void *var)
{
	unsigned long long v;
	const char *rest;
	int ret = parse_unsigned(text, UINT32_MAX, &v, &rest);

	if (ret)
		return ret;
	if (*rest)
		return -EINVAL;
	*(unsigned int *)var = (unsigned int)v;
	return 0;
}

static int format_uint(char *buf, size_t len, const void *var)
{
	return snprintf(buf, len, "%u", *(const unsigned int *)var);
}

static int parse_size(const char *text, void *var)
{
	unsigned long long v;
	const char *rest;
	unsigned int shift = 0;
	int ret = parse_unsigned(text, UINT64_MAX, &v, &rest);

	if (ret)
		return ret;
	switch (*rest) {
	case 'k':
	case 'K':
		shift = 10;
		rest++;
		break;
	case 'm':
	case 'M':
		shift = 20;
		rest++;
		break;
	case 'g':
	case 'G':
		shift = 30;
		rest++;
		break;
	}
	if (*rest == 'i' && shift)
		rest++;
	if (*rest == 'B' || *rest == 'b')
		rest++;
	if (*rest)
		return -EINVAL;
	if (shift && v > (SIZE_MAX >> shift))
		return -ERANGE;
	*(size_t *)var = (size_t)(v << shift);
	return 0;
}

static int format_size(char *buf, size_t len, const void *var)
{
	size_t v = *(const size_t *)var;

	if (v && !(v & ((1UL << 30) - 1)))
		return snprintf(buf, len, "%zuG", v >> 30);
	if (v && !(v & ((1UL << 20) - 1)))
		return snprintf(buf, len, "%zuM", v >> 20);
	if (v && !(v & ((1UL << 10) - 1)))
		return snprintf(buf, len, "%zuK", v >> 10);
	return snprintf(buf, len, "%zu", v);
}

static int parse_string(const char *text, void *var)
{
	*(const char **)var = text;
	return 0;
}

static int format_string(char *buf, size_t len, const void *var)
{
	const char *s = *(const char *const *)var;

	return snprintf(buf, len, "%s", s ? s : "(unset)");
}

KM_PARAM_TYPE(bool, parse_bool, format_bool);
KM_PARAM_TYPE(int, parse_int, format_int);
KM_PARAM_TYPE(uint, parse_uint, format_uint);
KM_PARAM_TYPE(size, parse_size, format_size);
KM_PARAM_TYPE(string, parse_string, format_string);
