/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The printf engine: conversion-spec parsing, integers, characters,
 * strings, pointers and %n. Floating point is handed to format_float.c.
 *
 * Written from C11 7.21.6.1; where C leaves room (%p, "(null)") the output
 * follows glibc, because Kumiki's host tests compare against it and
 * programs ported from Linux expect it.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include "format_impl.h"

#define PAD_CHUNK 32
static const char spaces[PAD_CHUNK] = "                                ";
static const char zeros[PAD_CHUNK] = "00000000000000000000000000000000";

void nolibc_fmt_emit(struct fmt_out *o, const char *s, size_t n)
{
	if (n == 0)
		return;
	o->sink(o->ctx, s, n);
	o->count += n;
}

void nolibc_fmt_pad(struct fmt_out *o, char c, size_t n)
{
	const char *src = (c == '0') ? zeros : spaces;

	while (n > 0) {
		size_t k = n < PAD_CHUNK ? n : PAD_CHUNK;

		nolibc_fmt_emit(o, src, k);
		n -= k;
	}
}

size_t nolibc_fmt_open(struct fmt_out *o, const struct fmt_spec *sp,
		       size_t total, const char *prefix, size_t plen,
		       bool zero_ok)
{
	size_t pad = sp->width > total ? sp->width - total : 0;

	if (sp->flags & FMT_MINUS) {
		nolibc_fmt_emit(o, prefix, plen);
		return pad;
	}
	if ((sp->flags & FMT_ZERO) && zero_ok) {
		nolibc_fmt_emit(o, prefix, plen);
		nolibc_fmt_pad(o, '0', pad);
	} else {
		nolibc_fmt_pad(o, ' ', pad);
		nolibc_fmt_emit(o, prefix, plen);
	}
	return 0;
}

size_t nolibc_fmt_sign(const struct fmt_spec *sp, bool neg, char *buf)
{
	if (neg)
		buf[0] = '-';
	else if (sp->flags & FMT_PLUS)
		buf[0] = '+';
	else if (sp->flags & FMT_SPACE)
		buf[0] = ' ';
	else
		return 0;
	return 1;
}

static void fmt_string(struct fmt_out *o, const struct fmt_spec *sp,
		       const char *s, size_t len)
{
	size_t rpad = nolibc_fmt_open(o, sp, len, "", 0, false);

	nolibc_fmt_emit(o, s, len);
	nolibc_fmt_pad(o, ' ', rpad);
}

/* Integer conversions: @v is the magnitude, @neg its sign (signed only). */
static void fmt_integer(struct fmt_out *o, const struct fmt_spec *sp,
			uintmax_t v, bool neg)
{
	char buf[3 * sizeof(uintmax_t) + 1];
	char *end = buf + sizeof(buf), *p = end;
	const char *digits = "0123456789abcdef";
	char prefix[3];
	size_t plen = 0, nd, zpad = 0, rpad;
	unsigned int base = 10;

	switch (sp->conv) {
	case 'o':
		base = 8;
		break;
	case 'p':
		base = 16;
		break;
	case 'X':
		digits = "0123456789ABCDEF";
		/* fallthrough */
	case 'x':
		base = 16;
		break;
	}
	while (v != 0) {
		*--p = digits[v % base];
		v /= base;
	}
	nd = (size_t)(end - p);

	if (sp->conv == 'd' || sp->conv == 'i' || sp->conv == 'p')
		plen = nolibc_fmt_sign(sp, neg, prefix);
	if (sp->conv == 'p' ||
	    (base == 16 && (sp->flags & FMT_HASH) && nd > 0)) {
		prefix[plen++] = '0';
		prefix[plen++] = sp->conv == 'X' ? 'X' : 'x';
	}

	/* No precision means 1: zero still prints as "0". */
	if (sp->prec < 0) {
		if (nd == 0)
			zpad = 1;
	} else if ((size_t)sp->prec > nd) {
		zpad = (size_t)sp->prec - nd;
	}
	/* '#' with octal: the first digit must be a 0. */
	if (base == 8 && (sp->flags & FMT_HASH) && zpad == 0 &&
	    (nd == 0 || *p != '0'))
		zpad = 1;

	rpad = nolibc_fmt_open(o, sp, plen + zpad + nd, prefix, plen,
			       sp->prec < 0);
	nolibc_fmt_pad(o, '0', zpad);
	nolibc_fmt_emit(o, p, nd);
	nolibc_fmt_pad(o, ' ', rpad);
}

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T,
	      LEN_BIGL };

static intmax_t arg_signed(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
	case LEN_BIGL:
		return va_arg(*ap, long long);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	case LEN_Z:
		/* The signed type corresponding to size_t. */
		return va_arg(*ap, long);
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, int);
	}
}

static uintmax_t arg_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
	case LEN_BIGL:
		return va_arg(*ap, unsigned long long);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	case LEN_Z:
		return va_arg(*ap, size_t);
	case LEN_T:
		/* The unsigned type corresponding to ptrdiff_t. */
		return va_arg(*ap, unsigned long);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static void store_count(va_list *ap, enum length len, size_t count)
{
	void *p = va_arg(*ap, void *);

	switch (len) {
	case LEN_HH:
		*(signed char *)p = (signed char)count;
		break;
	case LEN_H:
		*(short *)p = (short)count;
		break;
	case LEN_L:
	case LEN_Z:
	case LEN_T:
		*(long *)p = (long)count;
		break;
	case LEN_LL:
	case LEN_BIGL:
		*(long long *)p = (long long)count;
		break;
	case LEN_J:
		*(intmax_t *)p = (intmax_t)count;
		break;
	default:
		*(int *)p = (int)count;
		break;
	}
}

/* Split a double / x86 long double into sign, mantissa and exponent. */
static void decompose_double(double x, struct fp_value *v)
{
	uint64_t bits;
	unsigned int be;

	memcpy(&bits, &x, sizeof(bits));
	be = (unsigned int)(bits >> 52) & 0x7ff;
	v->neg = (bits >> 63) != 0;
	v->is_long = false;
	v->mant = bits & ((1ULL << 52) - 1);
	if (be == 0x7ff) {
		v->cls = v->mant ? FP_NAN : FP_INF;
		return;
	}
	v->cls = FP_FIN;
	if (be == 0) {
		v->exp2 = -1074;
	} else {
		v->mant |= 1ULL << 52;
		v->exp2 = (int)be - 1075;
	}
}

static void decompose_long_double(long double x, struct fp_value *v)
{
	struct {
		uint64_t mant;
		uint16_t sexp;
	} raw;
	unsigned int be;

	memcpy(&raw, &x, 10);
	be = raw.sexp & 0x7fff;
	v->neg = (raw.sexp >> 15) != 0;
	v->is_long = true;
	v->mant = raw.mant;
	if (be == 0x7fff) {
		/* The explicit integer bit is not part of the payload. */
		v->cls = (raw.mant << 1) ? FP_NAN : FP_INF;
		return;
	}
	v->cls = FP_FIN;
	v->exp2 = (be == 0 ? 1 : (int)be) - 16383 - 63;
}

static const char *parse_spec(const char *f, struct fmt_spec *sp,
			      enum length *len, va_list *ap)
{
	int w;

	sp->flags = 0;
	for (;; f++) {
		if (*f == '-')
			sp->flags |= FMT_MINUS;
		else if (*f == '+')
			sp->flags |= FMT_PLUS;
		else if (*f == ' ')
			sp->flags |= FMT_SPACE;
		else if (*f == '#')
			sp->flags |= FMT_HASH;
		else if (*f == '0')
			sp->flags |= FMT_ZERO;
		else
			break;
	}

	sp->width = 0;
	if (*f == '*') {
		w = va_arg(*ap, int);
		if (w < 0) {
			sp->flags |= FMT_MINUS;
			sp->width = (size_t)(-(long long)w);
		} else {
			sp->width = (size_t)w;
		}
		f++;
	} else {
		while (*f >= '0' && *f <= '9')
			sp->width = sp->width * 10 + (size_t)(*f++ - '0');
	}

	sp->prec = -1;
	if (*f == '.') {
		f++;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0)
				sp->prec = -1;
			f++;
		} else {
			int p = 0;

			while (*f >= '0' && *f <= '9') {
				if (p < INT_MAX / 10)
					p = p * 10 + (*f - '0');
				f++;
			}
			sp->prec = p;
		}
	}

	*len = LEN_NONE;
	switch (*f) {
	case 'h':
		*len = (f[1] == 'h') ? LEN_HH : LEN_H;
		f += (f[1] == 'h') ? 2 : 1;
		break;
	case 'l':
		*len = (f[1] == 'l') ? LEN_LL : LEN_L;
		f += (f[1] == 'l') ? 2 : 1;
		break;
	case 'q':
		*len = LEN_LL;
		f++;
		break;
	case 'j':
		*len = LEN_J;
		f++;
		break;
	case 'z':
		*len = LEN_Z;
		f++;
		break;
	case 't':
		*len = LEN_T;
		f++;
		break;
	case 'L':
		*len = LEN_BIGL;
		f++;
		break;
	}
	sp->conv = *f;
	/* C: '-' overrides '0', '+' overrides ' '. */
	if (sp->flags & FMT_MINUS)
		sp->flags &= ~FMT_ZERO;
	if (sp->flags & FMT_PLUS)
		sp->flags &= ~FMT_SPACE;
	return f;
}

/* One conversion; returns false when the spec is not one we know. */
static bool convert(struct fmt_out *o, struct fmt_spec *sp, enum length len,
		    va_list *ap)
{
	struct fp_value fv;
	const char *s;
	char c;
	intmax_t iv;
	uintptr_t pv;

	switch (sp->conv) {
	case 'd':
	case 'i':
		iv = arg_signed(ap, len);
		fmt_integer(o, sp, iv < 0 ? -(uintmax_t)iv : (uintmax_t)iv,
			    iv < 0);
		return true;
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		fmt_integer(o, sp, arg_unsigned(ap, len), false);
		return true;
	case 'c':
		c = (char)va_arg(*ap, int);
		fmt_string(o, sp, &c, 1);
		return true;
	case 's':
		s = va_arg(*ap, const char *);
		if (!s) /* glibc prints nothing when "(null)" does not fit */
			s = (sp->prec < 0 || sp->prec >= 6) ? "(null)" : "";
		fmt_string(o, sp, s,
			   sp->prec < 0 ? strlen(s)
					: strnlen(s, (size_t)sp->prec));
		return true;
	case 'p':
		pv = (uintptr_t)va_arg(*ap, void *);
		if (pv == 0) {
			sp->prec = -1;
			fmt_string(o, sp, "(nil)", 5);
			return true;
		}
		/* Like glibc: %#lx, but the sign flags still apply. */
		fmt_integer(o, sp, pv, false);
		return true;
	case 'n':
		store_count(ap, len, o->count);
		return true;
	case '%':
		nolibc_fmt_emit(o, "%", 1);
		return true;
	case 'f':
	case 'F':
	case 'e':
	case 'E':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		if (len == LEN_BIGL)
			decompose_long_double(va_arg(*ap, long double), &fv);
		else
			decompose_double(va_arg(*ap, double), &fv);
		if (sp->conv == 'a' || sp->conv == 'A')
			nolibc_fmt_hexfloat(o, sp, &fv);
		else
			nolibc_fmt_float(o, sp, &fv);
		return true;
	default:
		return false;
	}
}

int nolibc_vformat(nolibc_sink_fn sink, void *ctx, const char *fmt,
		   va_list ap_in)
{
	struct fmt_out o = { sink, ctx, 0 };
	struct fmt_spec sp;
	enum length len;
	va_list ap;
	const char *run, *spec;

	/* A copy we own, so helpers can take its address portably. */
	va_copy(ap, ap_in);
	while (*fmt) {
		run = fmt;
		while (*fmt && *fmt != '%')
			fmt++;
		nolibc_fmt_emit(&o, run, (size_t)(fmt - run));
		if (!*fmt)
			break;
		spec = fmt;
		fmt = parse_spec(fmt + 1, &sp, &len, &ap);
		if (!*fmt) {
			/* A lone trailing '%...': print it as written. */
			nolibc_fmt_emit(&o, spec, (size_t)(fmt - spec));
			break;
		}
		if (!convert(&o, &sp, len, &ap))
			nolibc_fmt_emit(&o, spec, (size_t)(fmt + 1 - spec));
		fmt++;
	}
	va_end(ap);

	if (o.count > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)o.count;
}
