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

size_t nolibc_fmt_open(struct fmt_out *o, const struct fmt_spec *sp, size_t total,
		       const char *prefix, size_t plen, bool zero_ok)
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

static void fmt_string(struct fmt_out *o, const struct fmt_spec *sp, const char *s, size_t len)
{
	size_t rpad = nolibc_fmt_open(o, sp, len, "", 0, false);

	nolibc_fmt_emit(o, s, len);
	nolibc_fmt_pad(o, ' ', rpad);
}

/* Integer conversions: @v is the magnitude, @neg its sign (signed only). */
static void fmt_integer(struct fmt_out *o, const struct fmt_spec *sp, uintmax_t v, bool neg)
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
	if (sp->conv == 'p' || (base == 16 && (sp->flags & FMT_HASH) && nd > 0)) {
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
	if (base == 8 && (sp->flags & FMT_HASH) && zpad == 0 && (nd == 0 || *p != '0'))
		zpad = 1;

	rpad = nolibc_fmt_open(o, sp, plen + zpad + nd, prefix, plen, sp->prec < 0);
	nolibc_fmt_pad(o, '0', zpad);
	nolibc_fmt_emit(o, p, nd);
	nolibc_fmt_pad(o, ' ', rpad);
}

/*
 * Arguments are fetched by the type va_arg needs (integers promote to int,
 * the rest by size), then narrowed by the length modifier. Positional
 * formats fetch all of them in order first, so both paths share this.
 */
enum arg_kind { K_NONE, K_INT, K_LONG, K_LLONG, K_PTR, K_DBL, K_LDBL };
union fmt_arg {
	uintmax_t i; /* sign-extended from its fetched type */
	void *p;
	double d;
	long double ld;
};

#define K_SIZED(t) (sizeof(t) == sizeof(long) ? K_LONG : K_LLONG)

static enum arg_kind arg_kind(char conv, enum length len)
{
	switch (conv) {
	case 'd':
	case 'i':
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		if (len == LEN_L)
			return K_LONG;
		if (len == LEN_LL || len == LEN_BIGL)
			return K_LLONG;
		if (len == LEN_J)
			return K_SIZED(intmax_t);
		if (len == LEN_Z)
			return K_SIZED(size_t);
		if (len == LEN_T)
			return K_SIZED(ptrdiff_t);
		return K_INT;
	case 'c':
	case 'C':
		return K_INT; /* int or wint_t, both promoted */
	case 's':
	case 'S':
	case 'p':
	case 'n':
		return K_PTR;
	case 'f':
	case 'F':
	case 'e':
	case 'E':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		return len == LEN_BIGL ? K_LDBL : K_DBL;
	default:
		return K_NONE;
	}
}

static void fetch_arg(va_list *ap, enum arg_kind k, union fmt_arg *a)
{
	switch (k) {
	case K_LONG:
		a->i = (uintmax_t)va_arg(*ap, long);
		break;
	case K_LLONG:
		a->i = (uintmax_t)va_arg(*ap, long long);
		break;
	case K_PTR:
		a->p = va_arg(*ap, void *);
		break;
	case K_DBL:
		a->d = va_arg(*ap, double);
		break;
	case K_LDBL:
		a->ld = va_arg(*ap, long double);
		break;
	default:
		a->i = (uintmax_t)va_arg(*ap, int);
		break;
	}
}

static intmax_t arg_signed(const union fmt_arg *a, enum length len)
{
	switch (len) {
	case LEN_HH:
		return (signed char)a->i;
	case LEN_H:
		return (short)a->i;
	case LEN_NONE:
		return (int)a->i;
	default:
		/* 64-bit types and intmax_t: the fetched value as is. */
		return (intmax_t)a->i;
	}
}

static uintmax_t arg_unsigned(const union fmt_arg *a, enum length len)
{
	switch (len) {
	case LEN_HH:
		return (unsigned char)a->i;
	case LEN_H:
		return (unsigned short)a->i;
	case LEN_NONE:
		return (unsigned int)a->i;
	default:
		return a->i;
	}
}

void nolibc_store_int(void *p, enum length len, uintmax_t v)
{
	switch (len) {
	case LEN_HH:
		*(unsigned char *)p = (unsigned char)v;
		break;
	case LEN_H:
		*(unsigned short *)p = (unsigned short)v;
		break;
	case LEN_L:
	case LEN_Z:
	case LEN_T:
		*(unsigned long *)p = (unsigned long)v;
		break;
	case LEN_LL:
	case LEN_BIGL:
		*(unsigned long long *)p = (unsigned long long)v;
		break;
	case LEN_J:
		*(uintmax_t *)p = v;
		break;
	default:
		*(unsigned int *)p = (unsigned int)v;
		break;
	}
}

/*
 * Multibyte output of wide characters: nolibc's one locale uses UTF-8.
 * Returns the length in @buf, or 0 for a value that is no Unicode scalar
 * value (a surrogate or above U+10FFFF).
 */
static size_t utf8_encode(uint32_t c, char *buf)
{
	size_t n, i;

	if (c < 0x80) {
		buf[0] = (char)c;
		return 1;
	}
	if ((c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	n = c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
	for (i = n - 1; i > 0; i--) {
		buf[i] = (char)(0x80 | (c & 0x3f));
		c >>= 6;
	}
	buf[0] = (char)((0xf00u >> n) | c); /* 110x, 1110x, 11110x */
	return n;
}

/* %ls: precision and width count bytes; no character is cut in half. */
static int fmt_wide_string(struct fmt_out *o, const struct fmt_spec *sp, const wchar_t *ws)
{
	size_t lim = sp->prec < 0 ? SIZE_MAX : (size_t)sp->prec;
	size_t total = 0, n, i, k, rpad;
	char mb[4];

	for (i = 0; ws[i]; i++) {
		n = utf8_encode((uint32_t)ws[i], mb);
		if (total + (n ? n : 1) > lim)
			break;
		if (!n)
			return EILSEQ;
		total += n;
	}
	rpad = nolibc_fmt_open(o, sp, total, "", 0, false);
	for (k = 0; k < i; k++)
		nolibc_fmt_emit(o, mb, utf8_encode((uint32_t)ws[k], mb));
	nolibc_fmt_pad(o, ' ', rpad);
	return 0;
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

/*
 * Where a spec's value, '*' width and '*' precision come from: REF_UNUSED
 * (no '*'), REF_NEXT (the next argument), a position 1..NL_ARGMAX from
 * "n$", or REF_BAD for a position out of that range.
 */
#define REF_UNUSED 0
#define REF_NEXT   (-1)
#define REF_BAD	   (-2)
struct spec_refs {
	int arg, width, prec;
};

int nolibc_parse_arg_number(const char **f)
{
	const char *p = *f;
	unsigned int n = 0;

	while (*p >= '0' && *p <= '9') {
		if (n <= NL_ARGMAX)
			n = n * 10 + (unsigned int)(*p - '0');
		p++;
	}
	if (p == *f || *p != '$')
		return 0;
	*f = p + 1;
	return n >= 1 && n <= NL_ARGMAX ? (int)n : -1;
}

const char *nolibc_parse_length(const char *f, enum length *len)
{
	static const char mods[] = "hlqjztL";
	static const unsigned char one[] = { LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_BIGL };
	const char *m = *f ? strchr(mods, *f) : NULL;

	*len = LEN_NONE;
	if (!m)
		return f;
	*len = (enum length)one[m - mods];
	if ((*f == 'h' || *f == 'l') && f[1] == *f) {
		*len = *f == 'h' ? LEN_HH : LEN_LL;
		f++;
	}
	return f + 1;
}

static int parse_position(const char **f)
{
	int n = nolibc_parse_arg_number(f);

	return n == 0 ? REF_NEXT : n < 0 ? REF_BAD : n;
}

/* Parses the spec after '%'; returns a pointer to its conversion char. */
static const char *parse_spec(const char *f, struct fmt_spec *sp, enum length *len,
			      struct spec_refs *r)
{
	r->arg = parse_position(&f);
	r->width = r->prec = REF_UNUSED;
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
		else if (*f != '\'') /* grouping: none in nolibc's locale */
			break;
	}

	sp->width = 0;
	if (*f == '*') {
		f++;
		r->width = parse_position(&f);
	} else {
		while (*f >= '0' && *f <= '9')
			sp->width = sp->width * 10 + (size_t)(*f++ - '0');
	}

	sp->prec = -1;
	if (*f == '.') {
		f++;
		if (*f == '*') {
			f++;
			r->prec = parse_position(&f);
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

	f = nolibc_parse_length(f, len);
	sp->conv = *f;
	if (arg_kind(sp->conv, *len) == K_NONE)
		r->arg = REF_UNUSED;
	return f;
}

/* The '*' width or precision once its int is known. */
static void apply_stars(struct fmt_spec *sp, const struct spec_refs *r, int w, int p)
{
	if (r->width != REF_UNUSED) {
		if (w < 0) {
			sp->flags |= FMT_MINUS;
			sp->width = (size_t)(-(long long)w);
		} else {
			sp->width = (size_t)w;
		}
	}
	if (r->prec != REF_UNUSED)
		sp->prec = p < 0 ? -1 : p;
	/* C: '-' overrides '0', '+' overrides ' '. */
	if (sp->flags & FMT_MINUS)
		sp->flags &= ~FMT_ZERO;
	if (sp->flags & FMT_PLUS)
		sp->flags &= ~FMT_SPACE;
}

#define CONV_UNKNOWN (-1)

/* One conversion: 0, CONV_UNKNOWN, or an errno value. */
static int convert(struct fmt_out *o, struct fmt_spec *sp, enum length len, const union fmt_arg *a)
{
	struct fp_value fv;
	const char *s;
	char mb[4];
	intmax_t iv;

	switch (sp->conv) {
	case 'd':
	case 'i':
		iv = arg_signed(a, len);
		fmt_integer(o, sp, iv < 0 ? -(uintmax_t)iv : (uintmax_t)iv, iv < 0);
		return 0;
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		fmt_integer(o, sp, arg_unsigned(a, len), false);
		return 0;
	case 'C':
		len = LEN_L;
		/* fallthrough */
	case 'c':
		if (len != LEN_L) {
			mb[0] = (char)a->i;
			fmt_string(o, sp, mb, 1);
			return 0;
		}
		iv = (intmax_t)utf8_encode((uint32_t)a->i, mb);
		if (!iv)
			return EILSEQ;
		fmt_string(o, sp, mb, (size_t)iv);
		return 0;
	case 'S':
		len = LEN_L;
		/* fallthrough */
	case 's':
		s = a->p;
		if (s && len == LEN_L)
			return fmt_wide_string(o, sp, a->p);
		if (!s) /* glibc prints nothing when "(null)" does not fit */
			s = (sp->prec < 0 || sp->prec >= 6) ? "(null)" : "";
		fmt_string(o, sp, s, sp->prec < 0 ? strlen(s) : strnlen(s, (size_t)sp->prec));
		return 0;
	case 'p':
		if (!a->p) {
			sp->prec = -1;
			fmt_string(o, sp, "(nil)", 5);
			return 0;
		}
		/* Like glibc: %#lx, but the sign flags still apply. */
		fmt_integer(o, sp, (uintptr_t)a->p, false);
		return 0;
	case 'n':
		nolibc_store_int(a->p, len, o->count);
		return 0;
	case '%':
		nolibc_fmt_emit(o, "%", 1);
		return 0;
	case 'f':
	case 'F':
	case 'e':
	case 'E':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		if (len == LEN_BIGL)
			decompose_long_double(a->ld, &fv);
		else
			decompose_double(a->d, &fv);
		if (sp->conv == 'a' || sp->conv == 'A')
			nolibc_fmt_hexfloat(o, sp, &fv);
		else
			nolibc_fmt_float(o, sp, &fv);
		return 0;
	default:
		return CONV_UNKNOWN;
	}
}

/* Next spec after @fmt's literal run (emitted when @o); NULL at the end. */
static const char *next_spec(struct fmt_out *o, const char *fmt)
{
	const char *run = fmt;

	while (*fmt && *fmt != '%')
		fmt++;
	if (o)
		nolibc_fmt_emit(o, run, (size_t)(fmt - run));
	return *fmt ? fmt : NULL;
}

/*
 * POSIX "%n$" formats: every argument is numbered, so their types are
 * learnt from the whole format before any is fetched. Returns 0 when the
 * format numbers its arguments (@args filled), 1 when it numbers none, or
 * EINVAL when it mixes both or a number is outside 1..NL_ARGMAX. An
 * argument no spec uses is taken to be an int, as glibc does.
 */
static int fetch_positional(const char *fmt, va_list *ap, union fmt_arg *args)
{
	unsigned char kind[NL_ARGMAX + 1] = { 0 };
	int mode = 0, max = 0, i, ref;
	struct fmt_spec sp;
	struct spec_refs r;
	enum length len;

	while ((fmt = next_spec(NULL, fmt))) {
		fmt = parse_spec(fmt + 1, &sp, &len, &r);
		for (i = 0; i < 3; i++) {
			ref = i == 0 ? r.arg : i == 1 ? r.width : r.prec;
			if (ref == REF_UNUSED)
				continue;
			if (ref == REF_BAD || (mode && (ref > 0) != (mode > 0)))
				return EINVAL;
			mode = ref > 0 ? 1 : -1;
			if (ref > 0) {
				kind[ref] = i ? K_INT : arg_kind(sp.conv, len);
				max = ref > max ? ref : max;
			}
		}
		if (!*fmt)
			break;
		fmt++;
	}
	if (mode <= 0)
		return 1;
	for (i = 1; i <= max; i++)
		fetch_arg(ap, kind[i] ? kind[i] : K_INT, &args[i - 1]);
	return 0;
}

/* The value of @ref into @a: from @args (positional) or the next in @ap.
 * (Through a pointer: a union holding a long double is costly to return.) */
static void take(va_list *ap, const union fmt_arg *args, int ref, enum arg_kind k, union fmt_arg *a)
{
	if (ref == REF_UNUSED)
		a->i = 0;
	else if (args)
		*a = args[ref - 1];
	else
		fetch_arg(ap, k, a);
}

static int vformat_run(struct fmt_out *o, const char *fmt, va_list *ap, const union fmt_arg *args)
{
	struct fmt_spec sp;
	struct spec_refs r;
	enum length len;
	union fmt_arg a;
	const char *spec;
	int w, p, err;

	while ((spec = next_spec(o, fmt))) {
		fmt = parse_spec(spec + 1, &sp, &len, &r);
		if (!*fmt) {
			/* A lone trailing '%...': print it as written. */
			nolibc_fmt_emit(o, spec, (size_t)(fmt - spec));
			break;
		}
		take(ap, args, r.width, K_INT, &a);
		w = (int)a.i;
		take(ap, args, r.prec, K_INT, &a);
		p = (int)a.i;
		apply_stars(&sp, &r, w, p);
		take(ap, args, r.arg, arg_kind(sp.conv, len), &a);
		err = convert(o, &sp, len, &a);
		if (err == CONV_UNKNOWN)
			nolibc_fmt_emit(o, spec, (size_t)(fmt + 1 - spec));
		else if (err)
			return err;
		fmt++;
	}
	return 0;
}

/* Kept apart so that only positional formats pay for the argument array. */
static __attribute__((noinline)) int vformat_positional(struct fmt_out *o, const char *fmt,
							va_list *ap)
{
	union fmt_arg args[NL_ARGMAX];
	int err = fetch_positional(fmt, ap, args);

	if (err == 1)
		return vformat_run(o, fmt, ap, NULL);
	return err ? err : vformat_run(o, fmt, ap, args);
}

int nolibc_vformat(nolibc_sink_fn sink, void *ctx, const char *fmt, va_list ap_in)
{
	struct fmt_out o = { sink, ctx, 0 };
	va_list ap;
	int err;

	/* A copy we own, so helpers can take its address portably. */
	va_copy(ap, ap_in);
	if (strchr(fmt, '$'))
		err = vformat_positional(&o, fmt, &ap);
	else
		err = vformat_run(&o, fmt, &ap, NULL);
	va_end(ap);

	if (!err && o.count > INT_MAX)
		err = EOVERFLOW;
	if (err) {
		errno = err;
		return -1;
	}
	return (int)o.count;
}
