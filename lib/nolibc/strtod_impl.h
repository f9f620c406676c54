/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * strtod_impl.h - nolibc-internal: the text-to-floating-point engine that
 * strtod, strtof, strtold and sscanf share.
 */
#ifndef NOLIBC_STRTOD_IMPL_H
#define NOLIBC_STRTOD_IMPL_H

#include <stdbool.h>
#include <stdint.h>

/* A binary format: normal values are 1.f * 2^e, emin <= e <= emax, with
 * @mant_bits significant bits. Decimal inputs with ndigits + exponent
 * above max_dec_exp overflow, below min_dec_exp round to zero. */
struct nolibc_float_type {
	int mant_bits, emin, emax, max_dec_exp, min_dec_exp;
};

enum nolibc_fp_class { NL_FP_FINITE, NL_FP_INF, NL_FP_NAN };

/* mant * 2^(exp - mant_bits + 1); mant's top bit clear means subnormal
 * (or zero when mant == 0). */
struct nolibc_float_parts {
	bool neg;
	enum nolibc_fp_class cls;
	uint64_t mant;
	int exp;
};

/*
 * Parse like strtod: leading space, sign, decimal or 0x hex with optional
 * exponent, inf/infinity, nan/nan(chars). *end gets the first unread
 * character (@str when nothing converted). errno ERANGE on overflow and on
 * an inexact subnormal or zero result. @scratch holds big numbers.
 */
void nolibc_parse_float(const char *str, char **end, const struct nolibc_float_type *t,
			uint32_t *scratch, int scratch_words, struct nolibc_float_parts *out);

#endif /* NOLIBC_STRTOD_IMPL_H */
