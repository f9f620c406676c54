/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * format_impl.h - nolibc-internal interface of the printf engine.
 *
 * One engine (nolibc_vformat) serves every printf variant; each variant only
 * supplies a sink that receives the output in runs. Sinks never fail: a
 * sink that cannot store more (snprintf's buffer) silently drops bytes, and
 * the engine keeps counting so the caller learns the full length.
 *
 * The split across files keeps each conversion family apart:
 *   format.c           parsing, integers, strings, padding
 *   format_float.c     %f %e %g layout
 *   format_hexfloat.c  %a layout
 *   float_digits.c     exact binary-to-decimal digits and rounding
 */
#ifndef NOLIBC_FORMAT_IMPL_H
#define NOLIBC_FORMAT_IMPL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef void (*nolibc_sink_fn)(void *ctx, const char *s, size_t n);

/* Returns the number of characters produced, or -1 (errno EOVERFLOW) when
 * that number does not fit in an int. */
int nolibc_vformat(nolibc_sink_fn sink, void *ctx, const char *fmt, va_list ap);

/* Length modifiers, shared with scanf. */
enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_BIGL };

/* Store @v, narrowed, into the integer @p points to, typed by @len (%n in
 * printf; every integer conversion in scanf). */
void nolibc_store_int(void *p, enum length len, uintmax_t v);

/* POSIX "n$" at *@f: 0 when there is none (*f unchanged), -1 when n is
 * outside 1..NL_ARGMAX, else n; *f then points past the '$'. */
int nolibc_parse_arg_number(const char **f);

/* The length modifier at @f (hh h l ll q j z t L) into *@len (LEN_NONE
 * when there is none); returns what follows it. */
const char *nolibc_parse_length(const char *f, enum length *len);

#define FMT_MINUS 0x01u
#define FMT_PLUS  0x02u
#define FMT_SPACE 0x04u
#define FMT_HASH  0x08u
#define FMT_ZERO  0x10u

struct fmt_out {
	nolibc_sink_fn sink;
	void *ctx;
	size_t count;
};

struct fmt_spec {
	unsigned int flags;
	size_t width;
	int prec; /* -1: none given */
	char conv;
};

void nolibc_fmt_emit(struct fmt_out *o, const char *s, size_t n);
void nolibc_fmt_pad(struct fmt_out *o, char c, size_t n);
/*
 * Start a field of @total characters (prefix included): emits the left
 * padding and @prefix, with zero padding after the prefix when the '0' flag
 * applies and @zero_ok. Returns the right padding the caller must emit
 * after the body.
 */
size_t nolibc_fmt_open(struct fmt_out *o, const struct fmt_spec *sp, size_t total,
		       const char *prefix, size_t plen, bool zero_ok);

/* A finite or special floating-point value: |value| = mant * 2^exp2. */
enum fp_class { FP_FIN, FP_INF, FP_NAN };
struct fp_value {
	uint64_t mant;
	int exp2;
	bool neg;
	bool is_long; /* x86 80-bit long double: bigger buffers, %La layout */
	enum fp_class cls;
};

void nolibc_fmt_float(struct fmt_out *o, const struct fmt_spec *sp, const struct fp_value *v);
void nolibc_fmt_hexfloat(struct fmt_out *o, const struct fmt_spec *sp, const struct fp_value *v);
/* Shared by both: "inf"/"nan" with sign and width, never zero padded. */
void nolibc_fmt_special(struct fmt_out *o, const struct fmt_spec *sp, const struct fp_value *v,
			const char *sign, size_t slen);
/* The sign prefix C asks for: "-", "+", " " or "". */
size_t nolibc_fmt_sign(const struct fmt_spec *sp, bool neg, char *buf);

/*
 * Decimal digits of a finite value. d[] holds ASCII significant digits
 * d[0..n), the value being d0.d1d2... * 10^exp10 (n == 0 means zero).
 * Digits past d[n-1] are zero, except that @sticky says nonzero digits
 * were not generated (past a limit or the buffer's capacity).
 */
struct fp_digits {
	char *d;
	int cap;
	int n;
	int exp10;
	bool sticky;
};

/*
 * Generate digits of mant * 2^exp2 exactly, using @big (@big_cap 32-bit
 * words) as scratch. Stops once @sig_limit significant digits or the digit
 * at position 10^-@frac_limit exist (whichever comes first; pass INT_MAX for
 * "no limit"), or when the expansion ends.
 */
void nolibc_fp_digits(struct fp_digits *dg, uint32_t *big, int big_cap, uint64_t mant, int exp2,
		      int sig_limit, int frac_limit);
/* Round to nearest (ties to even) keeping @keep significant digits. */
void nolibc_fp_round(struct fp_digits *dg, int keep);

#endif /* NOLIBC_FORMAT_IMPL_H */
