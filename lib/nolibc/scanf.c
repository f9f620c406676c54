/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sscanf, vsscanf (C11 7.21.6.2, POSIX "%n$"), reading from a string.
 *
 * Each conversion first finds its field: the longest run of input, within
 * the width, that starts a valid item. Numbers are then converted from
 * that text alone, so a width can never let a conversion read past it.
 * Where C leaves room the behaviour follows glibc, because ported code
 * expects it: "0x" alone reads as 0 for %x and %i; a dangling exponent
 * ("1e", "1e+") is consumed and ignored; "0x." is a zero but "0x" is
 * not a number; %c at the end of input stores
 * the characters there are; out-of-range integers saturate like strtol
 * and are then narrowed to the target type. Wide conversions decode UTF-8
 * (nolibc's multibyte encoding; an invalid sequence: errno EILSEQ and the
 * conversion fails).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format_impl.h"

/* The input character @i places into a field of width @w, or -1. */
static int at(const char *p, size_t i, size_t w)
{
	return i < w && p[i] ? (unsigned char)p[i] : -1;
}

static int digit_in(int c, int base)
{
	int d = c >= '0' && c <= '9'   ? c - '0'
		: c >= 'a' && c <= 'z' ? c - 'a' + 10
		: c >= 'A' && c <= 'Z' ? c - 'A' + 10
				       : 99;

	return d < base ? d : -1;
}

struct scanned_int {
	uintmax_t mag;
	bool neg, overflow;
};

/* Length of the integer field at @p (0: no match) for @base (0: C's
 * prefix rules). */
static size_t scan_integer(const char *p, size_t w, int base, struct scanned_int *v)
{
	size_t i = 0;
	bool digits = false;
	int c = at(p, 0, w), d;

	v->mag = 0;
	v->neg = v->overflow = false;
	if (c == '+' || c == '-') {
		v->neg = c == '-';
		i++;
	}
	if ((base == 0 || base == 16) && at(p, i, w) == '0') {
		i++;
		digits = true;
		c = at(p, i, w);
		if (c == 'x' || c == 'X') {
			i++;
			base = 16;
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	while ((d = digit_in(at(p, i, w), base)) >= 0) {
		if (v->mag > (UINTMAX_MAX - (unsigned)d) / (unsigned)base)
			v->overflow = true;
		else
			v->mag = v->mag * (unsigned)base + (unsigned)d;
		digits = true;
		i++;
	}
	return digits ? i : 0;
}

static bool match_ci(const char *p, size_t i, size_t w, const char *word)
{
	for (; *word; word++, i++)
		if (tolower(at(p, i, w)) != *word)
			return false;
	return true;
}

/* Length of the floating-point field at @p (0: no match). */
static size_t scan_float(const char *p, size_t w)
{
	size_t i = 0, digits = 0;
	bool hex = false, point = false;
	int c = at(p, 0, w);

	if (c == '+' || c == '-')
		i++;
	if (match_ci(p, i, w, "nan"))
		return i + 3;
	if (match_ci(p, i, w, "inf")) {
		i += 3;
		if (tolower(at(p, i, w)) != 'i')
			return i;
		return match_ci(p, i, w, "inity") ? i + 5 : 0;
	}
	/* glibc: "0x" is a prefix only if the width leaves room after it;
	 * "0x." without digits reads as zero, "0x" alone fails. */
	if (at(p, i, w) == '0' && tolower(at(p, i + 1, w)) == 'x' && i + 2 < w) {
		hex = true;
		i += 2;
	}
	for (;; i++) {
		c = at(p, i, w);
		if (c == '.' && !point) {
			point = true;
			continue;
		}
		if (digit_in(c, hex ? 16 : 10) < 0)
			break;
		digits++;
	}
	if (!digits)
		return hex && point ? i : 0;
	if (tolower(at(p, i, w)) == (hex ? 'p' : 'e')) {
		i++;
		c = at(p, i, w);
		if (c == '+' || c == '-')
			i++;
		while (digit_in(at(p, i, w), 10) >= 0)
			i++;
	}
	return i;
}

/* strtol/strtoul's saturation, in the 64-bit types they return here. */
static uintmax_t int_value(const struct scanned_int *v, bool is_signed)
{
	if (!is_signed)
		return v->overflow ? UINTMAX_MAX : v->neg ? -v->mag : v->mag;
	if (v->overflow || v->mag > (uintmax_t)INTMAX_MAX + v->neg)
		return v->neg ? (uintmax_t)INTMAX_MIN : (uintmax_t)INTMAX_MAX;
	return v->neg ? -v->mag : v->mag;
}

#define FLOAT_FIELD_MAX 1024

static void store_float(void *dst, enum length len, const char *p, size_t n)
{
	char buf[FLOAT_FIELD_MAX];
	const char *text = p;

	/* Longer fields are parsed in place: only an absurd width could
	 * then differ (see stdio.h). */
	if (n < sizeof(buf)) {
		memcpy(buf, p, n);
		buf[n] = '\0';
		text = buf;
	}
	if (len == LEN_BIGL)
		*(long double *)dst = strtold(text, NULL);
	else if (len == LEN_L)
		*(double *)dst = strtod(text, NULL);
	else
		*(float *)dst = strtof(text, NULL);
}

/* A scanset "[...]" after the '[': fills @set, returns the char after ']'
 * or NULL when the set never ends. */
static const char *parse_scanset(const char *f, bool set[256])
{
	bool invert = false;
	int c, prev = -1;

	if (*f == '^') {
		invert = true;
		f++;
	}
	memset(set, 0, 256 * sizeof(bool));
	if (*f == ']') {
		set[']'] = true;
		prev = ']';
		f++;
	}
	for (; *f && *f != ']'; f++) {
		c = (unsigned char)*f;
		if (c == '-' && prev >= 0 && f[1] && f[1] != ']' && (unsigned char)f[1] >= prev) {
			for (c = prev; c <= (unsigned char)f[1]; c++)
				set[c] = true;
			prev = -1;
			f++;
			continue;
		}
		set[c] = true;
		prev = c;
	}
	if (!*f)
		return NULL;
	if (invert)
		for (c = 1; c < 256; c++)
			set[c] = !set[c];
	set[0] = false;
	return f + 1;
}

/* The argument of "n$" spec @pos: walk a fresh copy of the list. */
static void *positional_arg(va_list start, int pos)
{
	va_list ap;
	void *p = NULL;

	va_copy(ap, start);
	while (pos-- > 0)
		p = va_arg(ap, void *);
	va_end(ap);
	return p;
}

static int conversion_base(char conv)
{
	switch (conv) {
	case 'd':
	case 'u':
		return 10;
	case 'i':
		return 0;
	case 'o':
		return 8;
	default:
		return 16;
	}
}

/* One UTF-8 character: its length, or 0 when the bytes are not one
 * (bad or overlong sequence, surrogate, above U+10FFFF, cut by a NUL). */
static size_t utf8_decode(const unsigned char *s, uint32_t *out)
{
	static const uint32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t n = s[0] < 0x80	 ? 1
		   : s[0] < 0xc2 ? 0
		   : s[0] < 0xe0 ? 2
		   : s[0] < 0xf0 ? 3
		   : s[0] < 0xf5 ? 4
				 : 0;
	uint32_t c;

	if (n == 0)
		return 0;
	c = n == 1 ? s[0] : s[0] & (0x7fu >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3fu);
	}
	if (c < least[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*out = c;
	return n;
}

/*
 * %lc, %ls, %l[: up to @width characters decoded from UTF-8 into @dst
 * (NULL: suppressed). Like glibc, %ls stops at ASCII white space only,
 * and a scanset tests a character by its first byte. Returns the bytes
 * read, and *chars the characters; *bad on an invalid sequence.
 */
static size_t scan_wide(const char *p, size_t width, char conv, const bool set[256], wchar_t *dst,
			size_t *chars, bool *bad)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t n = 0, k = 0, len;
	uint32_t c;

	*bad = false;
	for (; k < width && s[n]; k++, n += len) {
		if ((conv == 's' && isspace(s[n])) || (conv == '[' && !set[s[n]]))
			break;
		len = utf8_decode(s + n, &c);
		if (!len) {
			*bad = true;
			break;
		}
		if (dst)
			dst[k] = (wchar_t)c;
	}
	*chars = k;
	return n;
}

struct spec {
	int pos; /* "n$": 1..NL_ARGMAX, 0 none, -1 out of range */
	bool suppress;
	size_t width; /* 0: none given */
	enum length len;
	char conv; /* '\0': the format ended inside the spec */
};

/* The spec after a '%' (not "%%"); returns what follows its conversion
 * character (the '[' of a scanset: the set comes next). Not named like
 * printf's parse_spec: the library's objects are linked into one before
 * --gc-sections, and equal .text.NAME sections would be kept together. */
static const char *scan_spec(const char *f, struct spec *sp)
{
	sp->pos = nolibc_parse_arg_number(&f);
	sp->suppress = *f == '*';
	f += sp->suppress;
	sp->width = 0;
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (size_t)(*f++ - '0');
	f = nolibc_parse_length(f, &sp->len);
	sp->conv = *f;
	return *f ? f + 1 : f;
}

/*
 * A format with '$' is checked whole before anything is stored: either
 * every assigning spec is numbered (1..NL_ARGMAX) or none is.
 */
static bool positions_valid(const char *f)
{
	bool set[256];
	struct spec sp;
	int mode = 0;

	while ((f = strchr(f, '%'))) {
		if (f[1] == '%') {
			f += 2;
			continue;
		}
		f = scan_spec(f + 1, &sp);
		if (sp.conv == '[' && !(f = parse_scanset(f, set)))
			break;
		if (!sp.conv)
			break;
		if (sp.suppress)
			continue;
		if (sp.pos < 0 || (mode && (sp.pos > 0) != (mode > 0)))
			return false;
		mode = sp.pos > 0 ? 1 : -1;
	}
	return true;
}

int vsscanf(const char *restrict str, const char *restrict fmt, va_list ap_in)
{
	const char *p = str, *f = fmt;
	int count = 0;
	struct spec sp;
	bool set[256], suppress;
	struct scanned_int iv;
	enum length len;
	size_t width, n;
	void *dst = NULL;
	va_list ap;
	char conv;

	if (strchr(fmt, '$') && !positions_valid(fmt)) {
		errno = EINVAL;
		return EOF;
	}
	va_copy(ap, ap_in);
	while (*f) {
		if (isspace((unsigned char)*f)) {
			while (isspace((unsigned char)*f))
				f++;
			while (isspace((unsigned char)*p))
				p++;
			continue;
		}
		if (*f != '%' || f[1] == '%') {
			if (*f == '%') {
				f++;
				while (isspace((unsigned char)*p))
					p++;
			}
			if (!*p)
				goto input_failure;
			if (*p != *f)
				goto out;
			p++;
			f++;
			continue;
		}

		f = scan_spec(f + 1, &sp);
		if (!sp.conv)
			goto out;
		if (!sp.suppress)
			dst = sp.pos > 0 ? positional_arg(ap_in, sp.pos) : va_arg(ap, void *);
		suppress = sp.suppress;
		width = sp.width;
		len = sp.len;
		conv = sp.conv;
		if (conv == 'n') {
			if (!suppress)
				nolibc_store_int(dst, len, (uintmax_t)(p - str));
			continue;
		}
		if (conv != 'c' && conv != '[')
			while (isspace((unsigned char)*p))
				p++;
		if (!*p)
			goto input_failure;
		if (width == 0)
			width = conv == 'c' ? 1 : SIZE_MAX;

		if (len == LEN_L && (conv == 'c' || conv == 's' || conv == '[')) {
			bool bad;
			size_t chars;

			if (conv == '[' && !(f = parse_scanset(f, set)))
				goto out;
			n = scan_wide(p, width, conv, set, suppress ? NULL : dst, &chars, &bad);
			if (bad) {
				errno = EILSEQ;
				goto out;
			}
			if (conv == '[' && chars == 0)
				goto out;
			if (!suppress && conv != 'c')
				((wchar_t *)dst)[chars] = 0;
			p += n;
			count += !suppress;
			continue;
		}

		switch (conv) {
		case 'd':
		case 'i':
		case 'u':
		case 'o':
		case 'x':
		case 'X':
		case 'p':
			n = scan_integer(p, width, conversion_base(conv), &iv);
			if (!n)
				goto out;
			if (!suppress) {
				uintmax_t v = int_value(&iv, conv == 'd' || conv == 'i');

				if (conv == 'p')
					*(void **)dst = (void *)(uintptr_t)v;
				else
					nolibc_store_int(dst, len, v);
			}
			break;
		case 'a':
		case 'A':
		case 'e':
		case 'E':
		case 'f':
		case 'F':
		case 'g':
		case 'G':
			n = scan_float(p, width);
			if (!n)
				goto out;
			if (!suppress)
				store_float(dst, len, p, n);
			break;
		case 'c':
			n = strnlen(p, width);
			if (!suppress)
				memcpy(dst, p, n);
			break;
		case 's':
			for (n = 0; n < width && p[n] && !isspace((unsigned char)p[n]); n++)
				;
			if (!suppress) {
				memcpy(dst, p, n);
				((char *)dst)[n] = '\0';
			}
			break;
		case '[':
			f = parse_scanset(f, set);
			if (!f)
				goto out;
			for (n = 0; n < width && set[(unsigned char)p[n]]; n++)
				;
			if (!n)
				goto out;
			if (!suppress) {
				memcpy(dst, p, n);
				((char *)dst)[n] = '\0';
			}
			break;
		default:
			goto out;
		}
		p += n;
		count += !suppress;
	}
	goto out;
input_failure:
	if (count == 0)
		count = EOF;
out:
	va_end(ap);
	return count;
}

int sscanf(const char *restrict str, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsscanf(str, fmt, ap);
	va_end(ap);
	return n;
}
