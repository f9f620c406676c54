/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * strtod, strtof, strtold, atof: decimal and hexadecimal text to binary
 * floating point, correctly rounded (to nearest, ties to even).
 *
 * A decimal D * 10^E is D * 5^E * 2^E. For E >= 0 the big integer
 * D * 5^E is exact; for E < 0 the quotient (D << s) / 5^-E is computed to
 * a few bits more than the type holds, the remainder becoming a sticky
 * bit. Either way the top 64 bits, the next (round) bit and "anything
 * below" (sticky) are all a single final rounding needs, including the
 * extra shift of a subnormal result. Words are 32 bits so that products
 * fit uint64_t and nothing needs libgcc.
 *
 * At most MAX_DIGITS significant digits are kept; the rest only count as
 * "nonzero below". For double and float that is exact: a value halfway
 * between two doubles has at most 767 significant digits. For long double
 * halfway values can need ~11 500 digits; longer inputs that sit within
 * 10^-800 (relative) of such a value may round the wrong way.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "strtod_impl.h"

#define MAX_DIGITS 800
#define POW5_13	   1220703125u /* the largest power of 5 below 2^32 */

struct big {
	uint32_t *w;
	int len, cap;
};

static void big_mul_add(struct big *b, uint32_t m, uint32_t add)
{
	uint64_t carry = add;

	for (int i = 0; i < b->len; i++) {
		uint64_t t = (uint64_t)b->w[i] * m + carry;

		b->w[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry && b->len < b->cap)
		b->w[b->len++] = (uint32_t)carry;
}

static void big_set_pow5(struct big *b, int k)
{
	b->w[0] = 1;
	b->len = 1;
	for (; k >= 13; k -= 13)
		big_mul_add(b, POW5_13, 0);
	if (k > 0) {
		uint32_t m = 1;

		while (k-- > 0)
			m *= 5;
		big_mul_add(b, m, 0);
	}
}

/* b = a * c (schoolbook). */
static void big_mul(struct big *b, const struct big *a, const struct big *c)
{
	memset(b->w, 0, sizeof(uint32_t) * (size_t)(a->len + c->len));
	for (int i = 0; i < a->len; i++) {
		uint64_t carry = 0;

		for (int j = 0; j < c->len; j++) {
			uint64_t t = (uint64_t)a->w[i] * c->w[j] + b->w[i + j] + carry;

			b->w[i + j] = (uint32_t)t;
			carry = t >> 32;
		}
		b->w[i + c->len] = (uint32_t)carry;
	}
	b->len = a->len + c->len;
	while (b->len > 1 && b->w[b->len - 1] == 0)
		b->len--;
}

static int big_bits(const struct big *b)
{
	int n = b->len;

	while (n > 0 && b->w[n - 1] == 0)
		n--;
	return n ? 32 * (n - 1) + 32 - __builtin_clz(b->w[n - 1]) : 0;
}

static bool big_bit(const struct big *b, int i)
{
	return i >= 0 && i / 32 < b->len && ((b->w[i / 32] >> (i % 32)) & 1);
}

/* dst = src << s */
static void big_shl(struct big *dst, const struct big *src, int s)
{
	int ws = s / 32, bs = s % 32;

	dst->len = src->len + ws + 1;
	memset(dst->w, 0, sizeof(uint32_t) * (size_t)dst->len);
	for (int i = 0; i < src->len; i++) {
		uint64_t v = (uint64_t)src->w[i] << bs;

		dst->w[i + ws] |= (uint32_t)v;
		dst->w[i + ws + 1] |= (uint32_t)(v >> 32);
	}
}

static void big_shr1(struct big *b)
{
	for (int i = 0; i < b->len; i++)
		b->w[i] = (b->w[i] >> 1) | (i + 1 < b->len ? b->w[i + 1] << 31 : 0);
}

static int big_cmp(const struct big *a, const struct big *b)
{
	int n = a->len > b->len ? a->len : b->len;

	for (int i = n - 1; i >= 0; i--) {
		uint32_t x = i < a->len ? a->w[i] : 0;
		uint32_t y = i < b->len ? b->w[i] : 0;

		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

/* a -= b, a >= b */
static void big_sub(struct big *a, const struct big *b)
{
	int64_t borrow = 0;

	for (int i = 0; i < a->len; i++) {
		int64_t t = (int64_t)a->w[i] - (i < b->len ? b->w[i] : 0) - borrow;

		borrow = t < 0;
		a->w[i] = (uint32_t)t;
	}
}

/* A value to round: (q + rb/2 + sticky) * 2^e, q's bit 63 set. */
struct wide {
	uint64_t q;
	int e;
	bool rb, st;
};

static void top_bits(const struct big *b, int e2, bool sticky, struct wide *v)
{
	int bl = big_bits(b), lo = bl - 64;

	v->q = 0;
	for (int i = 63; i >= 0; i--)
		v->q |= (uint64_t)big_bit(b, lo + i) << i;
	v->e = e2 + lo;
	v->rb = big_bit(b, lo - 1);
	v->st = sticky;
	for (int i = lo - 2; i >= 0 && !v->st; i--)
		v->st = big_bit(b, i);
}

/* The rounded result: m * 2^(lsb) with m < 2^p. */
static void round_wide(const struct nolibc_float_type *t, const struct wide *v,
		       struct nolibc_float_parts *out)
{
	int lead = v->e + 63;
	int lsb = lead - (t->mant_bits - 1);
	int min_lsb = t->emin - (t->mant_bits - 1);
	int sh;
	uint64_t m;
	bool r, s, tiny;

	if (lsb < min_lsb)
		lsb = min_lsb;
	sh = lsb - v->e;
	if (sh == 0) {
		m = v->q;
		r = v->rb;
		s = v->st;
	} else if (sh < 64) {
		m = v->q >> sh;
		r = (v->q >> (sh - 1)) & 1;
		s = (v->q & ((1ULL << (sh - 1)) - 1)) || v->rb || v->st;
	} else {
		m = 0;
		r = sh == 64;
		s = sh > 64 || (v->q << 1) || v->rb || v->st;
	}
	tiny = lead < t->emin;
	if (r && (s || (m & 1)))
		m++;
	if (t->mant_bits < 64 && m >> t->mant_bits) {
		m >>= 1;
		lsb++;
	} else if (t->mant_bits == 64 && m == 0 && sh == 0) {
		m = 1ULL << 63; /* carried out of 64 bits */
		lsb++;
	}
	out->mant = m;
	out->exp = lsb + t->mant_bits - 1;
	out->cls = NL_FP_FINITE;
	if (out->exp > t->emax) {
		out->cls = NL_FP_INF;
		errno = ERANGE;
	} else if (tiny && (r || s)) {
		errno = ERANGE;
	}
}

static bool match_word(const char **s, const char *w)
{
	size_t i = 0;

	while (w[i] && tolower((unsigned char)(*s)[i]) == w[i])
		i++;
	if (w[i])
		return false;
	*s += i;
	return true;
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Optional exponent after 'e'/'p'; saturates far beyond any type. */
static long parse_exponent(const char **s)
{
	const char *p = *s + 1;
	bool neg = false;
	long e = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!isdigit((unsigned char)*p))
		return 0; /* not an exponent: the 'e' is left unread */
	while (isdigit((unsigned char)*p)) {
		if (e < 100000000)
			e = e * 10 + (*p - '0');
		p++;
	}
	*s = p;
	return neg ? -e : e;
}

/* 0x...: every hex digit is 4 exact bits; no big numbers needed. */
static bool parse_hex(const char **sp, struct wide *v, bool *zero)
{
	const char *s = *sp;
	bool any = false, point = false;
	int extra = -1, d;
	long e = 0;

	v->q = 0;
	v->st = false;
	for (;; s++) {
		if (*s == '.' && !point) {
			point = true;
			continue;
		}
		d = hex_value((unsigned char)*s);
		if (d < 0)
			break;
		any = true;
		if (v->q < (1ULL << 60)) {
			v->q = v->q << 4 | (uint64_t)d;
			e -= point ? 4 : 0;
		} else {
			if (extra < 0)
				extra = d;
			else
				v->st |= d != 0;
			e += point ? 0 : 4;
		}
	}
	if (!any)
		return false;
	if (*s == 'p' || *s == 'P')
		e += parse_exponent(&s);
	*sp = s;
	*zero = v->q == 0;
	if (*zero)
		return true;
	if (extra < 0) /* value = (q + extra / 16 + sticky) * 2^e */
		extra = 0;
	/* Normalise: shift the first bits of the extra nibble in. */
	int lz = __builtin_clzll(v->q);
	int x = extra << 4; /* nibble as 8 bits: bits 7..4 */

	if (lz > 4) { /* only when no extra digit was read */
		v->q <<= lz;
		e -= lz;
		v->rb = false;
	} else {
		v->q = v->q << lz | (uint64_t)(x >> (8 - lz));
		e -= lz;
		v->rb = (x >> (7 - lz)) & 1;
		v->st |= (x & ((1 << (7 - lz)) - 1)) != 0;
	}
	if (e > 100000)
		e = 100000;
	if (e < -100000)
		e = -100000;
	v->e = (int)e;
	return true;
}

void nolibc_parse_float(const char *str, char **end, const struct nolibc_float_type *t,
			uint32_t *scratch, int scratch_words, struct nolibc_float_parts *out)
{
	const char *s = str;
	struct big d, p5, x;
	struct wide v;
	bool zero = false, point = false, any = false, dropped = false;
	long dexp = 0;
	int ndig = 0, chunk_n = 0, cap = scratch_words / 3;
	uint32_t chunk = 0;

	while (isspace((unsigned char)*s))
		s++;
	out->neg = false;
	if (*s == '+' || *s == '-')
		out->neg = *s++ == '-';
	out->cls = NL_FP_FINITE;
	out->mant = 0;
	out->exp = 0;

	if (match_word(&s, "inf")) {
		match_word(&s, "inity");
		out->cls = NL_FP_INF;
		goto done;
	}
	if (match_word(&s, "nan")) {
		const char *p = s;

		if (*p == '(') {
			while (isalnum((unsigned char)*++p) || *p == '_')
				;
			if (*p == ')')
				s = p + 1;
		}
		out->cls = NL_FP_NAN;
		goto done;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    (hex_value((unsigned char)s[2]) >= 0 ||
	     (s[2] == '.' && hex_value((unsigned char)s[3]) >= 0))) {
		s += 2;
		parse_hex(&s, &v, &zero);
		if (!zero)
			round_wide(t, &v, out);
		goto done;
	}

	d = (struct big){ scratch, 1, cap };
	d.w[0] = 0;
	for (;; s++) {
		if (*s == '.' && !point) {
			point = true;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			break;
		any = true;
		if (ndig == 0 && *s == '0') {
			dexp -= point;
			continue;
		}
		if (ndig >= MAX_DIGITS) {
			dropped |= *s != '0';
			dexp += !point;
			continue;
		}
		ndig++;
		dexp -= point;
		chunk = chunk * 10 + (uint32_t)(*s - '0');
		if (++chunk_n == 9) {
			big_mul_add(&d, 1000000000u, chunk);
			chunk = 0;
			chunk_n = 0;
		}
	}
	if (!any) {
		s = str;
		out->neg = false;
		goto done;
	}
	if (chunk_n) {
		uint32_t m = 1;

		while (chunk_n-- > 0)
			m *= 10;
		big_mul_add(&d, m, chunk);
	}
	if (*s == 'e' || *s == 'E')
		dexp += parse_exponent(&s);
	if (ndig == 0)
		goto done; /* zero, whatever its exponent */
	if (ndig + dexp > t->max_dec_exp) {
		out->cls = NL_FP_INF;
		errno = ERANGE;
		goto done;
	}
	if (ndig + dexp < t->min_dec_exp) {
		errno = ERANGE; /* far below half the least subnormal */
		goto done;
	}
	p5 = (struct big){ scratch + cap, 1, cap };
	x = (struct big){ scratch + 2 * cap, 1, cap };
	if (dexp >= 0) {
		big_set_pow5(&p5, (int)dexp);
		big_mul(&x, &d, &p5);
		top_bits(&x, (int)dexp, dropped, &v);
	} else {
		/* x = (d << sh) / 5^k to 66+ bits; the remainder is sticky. */
		int k = (int)-dexp, sh, qbits;
		struct big q = { scratch, 0, cap }; /* reuses d's words */

		big_set_pow5(&p5, k);
		sh = big_bits(&p5) + 66 - big_bits(&d);
		if (sh < 0)
			sh = 0;
		big_shl(&x, &d, sh); /* x: the running remainder */
		qbits = big_bits(&x) - big_bits(&p5) + 1;
		big_shl(&d, &p5, qbits); /* d: 5^k << i, shifted down */
		memcpy(p5.w, d.w, sizeof(uint32_t) * (size_t)d.len);
		p5.len = d.len;
		q.len = qbits / 32 + 1;
		memset(q.w, 0, sizeof(uint32_t) * (size_t)q.len);
		for (int i = qbits; i >= 0; i--) {
			if (big_cmp(&x, &p5) >= 0) {
				big_sub(&x, &p5);
				q.w[i / 32] |= 1u << (i % 32);
			}
			big_shr1(&p5);
		}
		top_bits(&q, -sh - k, dropped || big_bits(&x) != 0, &v);
	}
	round_wide(t, &v, out);
done:
	if (end)
		*end = (char *)s;
}

/* The IEEE binary formats: @bits wide, @p-bit significand (hidden bit
 * included), exponent bias @bias; the hidden bit is implicit. */
static uint64_t pack_ieee(const struct nolibc_float_parts *f, int p, int bias)
{
	uint64_t sign = (uint64_t)f->neg << (p == 53 ? 63 : 31);
	uint64_t frac = f->mant & ((1ULL << (p - 1)) - 1);
	uint64_t be;

	if (f->cls == NL_FP_NAN)
		return sign | ((uint64_t)(2 * bias + 1) << (p - 1)) | (1ULL << (p - 2));
	if (f->cls == NL_FP_INF)
		return sign | ((uint64_t)(2 * bias + 1) << (p - 1));
	be = (f->mant >> (p - 1)) ? (uint64_t)(f->exp + bias) : 0;
	return sign | be << (p - 1) | frac;
}

static const struct nolibc_float_type type_double = { 53, -1022, 1023, 309, -324 };
static const struct nolibc_float_type type_float = { 24, -126, 127, 39, -45 };
static const struct nolibc_float_type type_long_double = { 64, -16382, 16383, 4933, -4951 };

/* Scratch words: three big numbers, each able to hold MAX_DIGITS decimal
 * digits and 5^(MAX_DIGITS + the least decimal exponent), shifted by the
 * quotient's bits (log2(10) = 3.322, log2(5) = 2.322). */
#define SCRATCH(dec) (3 * (((MAX_DIGITS * 3322 + (dec)*2322) / 1000 + 160) / 32 + 2))

/* Parse for an IEEE type with a hidden bit and return its bit pattern. */
static uint64_t parse_ieee(const char *s, char **end, const struct nolibc_float_type *t,
			   uint32_t *scratch, int words)
{
	struct nolibc_float_parts f;

	nolibc_parse_float(s, end, t, scratch, words, &f);
	return pack_ieee(&f, t->mant_bits, t->emax);
}

double strtod(const char *restrict s, char **restrict end)
{
	uint32_t scratch[SCRATCH(324)];
	uint64_t bits = parse_ieee(s, end, &type_double, scratch,
				   (int)(sizeof(scratch) / sizeof(*scratch)));
	double v;

	memcpy(&v, &bits, sizeof(v));
	return v;
}

float strtof(const char *restrict s, char **restrict end)
{
	uint32_t scratch[SCRATCH(45)];
	uint32_t bits = (uint32_t)parse_ieee(s, end, &type_float, scratch,
					     (int)(sizeof(scratch) / sizeof(*scratch)));
	float v;

	memcpy(&v, &bits, sizeof(v));
	return v;
}

/* x86 80-bit extended: explicit integer bit, 15-bit exponent. */
long double strtold(const char *restrict s, char **restrict end)
{
	uint32_t scratch[SCRATCH(4951)];
	struct nolibc_float_parts f;
	struct {
		uint64_t mant;
		uint16_t sexp;
	} raw = { 0, 0 };
	long double v = 0;

	nolibc_parse_float(s, end, &type_long_double, scratch,
			   (int)(sizeof(scratch) / sizeof(scratch[0])), &f);
	if (f.cls == NL_FP_NAN) {
		raw.mant = 3ULL << 62;
		raw.sexp = 0x7fff;
	} else if (f.cls == NL_FP_INF) {
		raw.mant = 1ULL << 63;
		raw.sexp = 0x7fff;
	} else {
		raw.mant = f.mant;
		raw.sexp = (f.mant >> 63) ? (uint16_t)(f.exp + 16383) : 0;
	}
	raw.sexp |= (uint16_t)(f.neg << 15);
	memcpy(&v, &raw, 10);
	return v;
}

double atof(const char *s)
{
	return strtod(s, NULL);
}
