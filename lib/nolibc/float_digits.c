/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Exact binary-to-decimal conversion for printf.
 *
 * A finite double is mant * 2^exp2 exactly, and every such number has a
 * finite decimal expansion, so printf can show the true digits and round
 * them once, as glibc does. Repeated multiplication by 10.0 would round at
 * every step and drift from that after ~15 digits.
 *
 * The integer part, when it does not fit 64 bits, is a big integer that is
 * divided by 10^9 repeatedly (nine digits per step, least significant
 * first). The fraction is a big fixed-point number in [0, 1) that is
 * multiplied by 10^9 repeatedly; what overflows past the binary point are
 * the next nine digits. Words are 32 bits so products fit in uint64_t and
 * nothing needs libgcc.
 */
#include <limits.h>
#include <string.h>
#include "format_impl.h"

#define CHUNK	     1000000000u
#define CHUNK_DIGITS 9

/* Place @mant shifted left by 32 * @word + @bit (@bit < 32) into @big. */
static void put_shifted(uint32_t *big, int len, int word, int bit, uint64_t mant)
{
	uint64_t lo = mant << bit;
	uint32_t hi = bit ? (uint32_t)(mant >> (64 - bit)) : 0;

	if (word < len)
		big[word] = (uint32_t)lo;
	if (word + 1 < len)
		big[word + 1] = (uint32_t)(lo >> 32);
	if (word + 2 < len)
		big[word + 2] = hi;
}

/* Write the 9 digits of @chunk, zero-filled, into @out. */
static void chunk_to_ascii(uint32_t chunk, char *out)
{
	for (int i = CHUNK_DIGITS - 1; i >= 0; i--) {
		out[i] = (char)('0' + chunk % 10);
		chunk /= 10;
	}
}

/*
 * Integer part: all of its digits go into dg (it never exceeds the
 * capacity the caller sized for its type). Digits are produced last
 * first, so they are written at the end of the buffer and moved down.
 */
static void integer_digits(struct fp_digits *dg, uint32_t *big, int len)
{
	int pos = dg->cap;

	while (len > 0 && big[len - 1] == 0)
		len--;
	while (len > 0) {
		uint64_t rem = 0;

		for (int i = len - 1; i >= 0; i--) {
			uint64_t cur = (rem << 32) | big[i];

			big[i] = (uint32_t)(cur / CHUNK);
			rem = cur % CHUNK;
		}
		while (len > 0 && big[len - 1] == 0)
			len--;
		pos -= CHUNK_DIGITS;
		chunk_to_ascii((uint32_t)rem, dg->d + pos);
	}
	while (pos < dg->cap && dg->d[pos] == '0')
		pos++;
	dg->n = dg->cap - pos;
	memmove(dg->d, dg->d + pos, (size_t)dg->n);
	dg->exp10 = dg->n - 1;
}

/* Same for a part that fits 64 bits: the common, fast case. */
static void small_integer_digits(struct fp_digits *dg, uint64_t v)
{
	char tmp[20];
	int i = (int)sizeof(tmp);

	while (v) {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	}
	dg->n = (int)sizeof(tmp) - i;
	memcpy(dg->d, tmp + i, (size_t)dg->n);
	dg->exp10 = dg->n - 1;
}

/*
 * Fraction: @big[0..len) holds f * 2^(32*len) for the fraction f. Appends
 * digits until a limit is reached or f becomes zero.
 */
static void fraction_digits(struct fp_digits *dg, uint32_t *big, int len, int sig_limit,
			    int frac_limit)
{
	int lo = 0;  /* words below lo are zero and stay zero */
	int pos = 0; /* fraction digits generated so far */
	char chunk[CHUNK_DIGITS];

	while (lo < len && big[lo] == 0)
		lo++;
	while (lo < len && dg->n < sig_limit && pos < frac_limit) {
		uint64_t carry = 0;
		int skip = 0, take;

		for (int i = lo; i < len; i++) {
			uint64_t t = (uint64_t)big[i] * CHUNK + carry;

			big[i] = (uint32_t)t;
			carry = t >> 32;
		}
		while (lo < len && big[lo] == 0)
			lo++;
		chunk_to_ascii((uint32_t)carry, chunk);
		pos += CHUNK_DIGITS;

		if (dg->n == 0) {
			/* Leading zeros only move the exponent. */
			if (carry == 0)
				continue;
			while (chunk[skip] == '0')
				skip++;
			dg->exp10 = -(pos - CHUNK_DIGITS) - 1 - skip;
		}
		take = CHUNK_DIGITS - skip;
		if (take > dg->cap - dg->n) {
			take = dg->cap - dg->n;
			for (int i = skip + take; i < CHUNK_DIGITS; i++)
				if (chunk[i] != '0')
					dg->sticky = true;
		}
		memcpy(dg->d + dg->n, chunk + skip, (size_t)take);
		dg->n += take;
		if (dg->n == dg->cap)
			break;
	}
	if (lo < len)
		dg->sticky = true;
}

void nolibc_fp_digits(struct fp_digits *dg, uint32_t *big, int big_cap, uint64_t mant, int exp2,
		      int sig_limit, int frac_limit)
{
	int k, len;

	dg->n = 0;
	dg->exp10 = 0;
	dg->sticky = false;
	if (mant == 0)
		return;

	if (exp2 >= 0) {
		len = exp2 / 32 + 3;
		if (len > big_cap)
			len = big_cap; /* cannot happen for sized callers */
		memset(big, 0, (size_t)len * sizeof(*big));
		put_shifted(big, len, exp2 / 32, exp2 % 32, mant);
		integer_digits(dg, big, len);
		return;
	}

	k = -exp2; /* fraction bits */
	if (k < 64) {
		small_integer_digits(dg, mant >> k);
		mant &= (1ULL << k) - 1;
	}
	/* Align so that the binary point sits above the top word. */
	len = (k + 31) / 32;
	if (len > big_cap)
		len = big_cap;
	memset(big, 0, (size_t)len * sizeof(*big));
	put_shifted(big, len, 0, len * 32 - k, mant);
	fraction_digits(dg, big, len, sig_limit, frac_limit);
}

void nolibc_fp_round(struct fp_digits *dg, int keep)
{
	bool up = false, more;
	int i;

	if (keep >= dg->n)
		return;
	if (keep < 0) {
		/* Below half a unit of the last kept place: rounds to 0. */
		dg->n = 0;
		return;
	}

	more = dg->sticky;
	for (i = keep + 1; i < dg->n && !more; i++)
		more = dg->d[i] != '0';
	if (dg->d[keep] > '5' || (dg->d[keep] == '5' && more))
		up = true;
	else if (dg->d[keep] == '5') /* a tie: round to even */
		up = keep > 0 && ((dg->d[keep - 1] - '0') & 1);
	dg->n = keep;
	dg->sticky = false;
	if (!up)
		return;

	for (i = keep - 1; i >= 0 && dg->d[i] == '9'; i--)
		dg->d[i] = '0';
	if (i >= 0) {
		dg->d[i]++;
		return;
	}
	/* 99.9 -> 100: one more digit in front, the rest are zeros. */
	dg->d[0] = '1';
	if (dg->n == 0)
		dg->n = 1;
	dg->exp10++;
}
