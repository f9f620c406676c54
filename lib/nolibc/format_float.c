/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * printf's %f %F %e %E %g %G: layout around the exact digits that
 * float_digits.c produces.
 *
 * Rounding happens once, on the exact decimal expansion, to nearest with
 * ties to even (a tie only happens when the value is exactly halfway), which
 * is what glibc does in the default rounding mode.
 */
#include <limits.h>
#include "format_impl.h"

/*
 * Scratch sizes. A double's integer part has at most 309 digits and its
 * exact expansion at most 767 significant digits; its bits fit 36 words.
 * An x86 long double needs 4933 integer digits and 516 words; its longest
 * fractions (up to ~11500 digits) are cut at the digit capacity, past
 * which they print as zeros (documented in README.md).
 */
#define DBL_WORDS   36
#define DBL_DIGITS  800
#define LDBL_WORDS  516
#define LDBL_DIGITS 5004

struct layout {
	const struct fmt_spec *sp;
	const char *sign;
	size_t slen;
};

static long long sat_add(long long a, long long b)
{
	return a > INT_MAX - b ? INT_MAX : a + b;
}

/* Digits at virtual indices [from, to): stored ones, zeros elsewhere. */
static void emit_digits(struct fmt_out *o, const struct fp_digits *dg, long long from, long long to)
{
	long long stop;

	if (from >= to)
		return;
	if (from < 0) {
		stop = to < 0 ? to : 0;
		nolibc_fmt_pad(o, '0', (size_t)(stop - from));
		from = stop;
	}
	if (from < dg->n) {
		stop = to < dg->n ? to : dg->n;
		nolibc_fmt_emit(o, dg->d + from, (size_t)(stop - from));
		from = stop;
	}
	if (from < to)
		nolibc_fmt_pad(o, '0', (size_t)(to - from));
}

static void emit_fixed(struct fmt_out *o, const struct layout *l, const struct fp_digits *dg,
		       long long prec)
{
	bool point = prec > 0 || (l->sp->flags & FMT_HASH);
	long long e = dg->exp10;
	size_t total = l->slen + (size_t)(e >= 0 ? e + 1 : 1) + point + (size_t)prec;
	size_t rpad = nolibc_fmt_open(o, l->sp, total, l->sign, l->slen, true);

	if (e >= 0)
		emit_digits(o, dg, 0, e + 1);
	else
		nolibc_fmt_emit(o, "0", 1);
	if (point)
		nolibc_fmt_emit(o, ".", 1);
	emit_digits(o, dg, e + 1, e + 1 + prec);
	nolibc_fmt_pad(o, ' ', rpad);
}

static void emit_exp(struct fmt_out *o, const struct layout *l, const struct fp_digits *dg,
		     long long prec, bool upper)
{
	bool point = prec > 0 || (l->sp->flags & FMT_HASH);
	char ebuf[8];
	int e = dg->exp10, i = (int)sizeof(ebuf);
	unsigned int mag = e < 0 ? (unsigned int)-e : (unsigned int)e;
	size_t total, rpad;

	/* At least two exponent digits, as C requires. */
	do {
		ebuf[--i] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag || i > (int)sizeof(ebuf) - 2);
	ebuf[--i] = e < 0 ? '-' : '+';
	ebuf[--i] = upper ? 'E' : 'e';

	total = l->slen + 1 + point + (size_t)prec + (sizeof(ebuf) - (size_t)i);
	rpad = nolibc_fmt_open(o, l->sp, total, l->sign, l->slen, true);
	emit_digits(o, dg, 0, 1);
	if (point)
		nolibc_fmt_emit(o, ".", 1);
	emit_digits(o, dg, 1, 1 + prec);
	nolibc_fmt_emit(o, ebuf + i, sizeof(ebuf) - (size_t)i);
	nolibc_fmt_pad(o, ' ', rpad);
}

static void layout_float(struct fmt_out *o, const struct layout *l, const struct fp_value *v,
			 uint32_t *big, int words, char *digits, int ndigits)
{
	const struct fmt_spec *sp = l->sp;
	struct fp_digits dg = { .d = digits, .cap = ndigits };
	long long prec = sp->prec < 0 ? 6 : sp->prec;
	char conv = sp->conv;
	bool upper = conv == 'F' || conv == 'E' || conv == 'G';
	long long p, x, nsig;
	bool exp_style;

	switch (conv | 0x20) {
	case 'f':
		nolibc_fp_digits(&dg, big, words, v->mant, v->exp2, INT_MAX, (int)sat_add(prec, 1));
		if (dg.n)
			nolibc_fp_round(&dg, (int)sat_add(dg.exp10 + 1, prec));
		if (!dg.n)
			dg.exp10 = 0;
		emit_fixed(o, l, &dg, prec);
		return;
	case 'e':
		nolibc_fp_digits(&dg, big, words, v->mant, v->exp2, (int)sat_add(prec, 2), INT_MAX);
		nolibc_fp_round(&dg, (int)sat_add(prec, 1));
		if (!dg.n)
			dg.exp10 = 0;
		emit_exp(o, l, &dg, prec, upper);
		return;
	}

	/* %g: P significant digits; the exponent after rounding picks the
	 * style, then trailing zeros go unless '#'. */
	p = prec == 0 ? 1 : prec;
	nolibc_fp_digits(&dg, big, words, v->mant, v->exp2, (int)sat_add(p, 1), INT_MAX);
	nolibc_fp_round(&dg, (int)p);
	if (!dg.n)
		dg.exp10 = 0;
	x = dg.exp10;
	exp_style = !(p > x && x >= -4);
	prec = exp_style ? p - 1 : p - 1 - x;
	if (!(sp->flags & FMT_HASH)) {
		nsig = dg.n;
		while (nsig > 0 && dg.d[nsig - 1] == '0')
			nsig--;
		nsig = exp_style ? nsig - 1 : nsig - 1 - x;
		if (nsig < 0)
			nsig = 0;
		if (nsig < prec)
			prec = nsig;
	}
	if (exp_style)
		emit_exp(o, l, &dg, prec, upper);
	else
		emit_fixed(o, l, &dg, prec);
}

/* Separate frames so a double never pays for long double's scratch. */
static __attribute__((noinline)) void float_double(struct fmt_out *o, const struct layout *l,
						   const struct fp_value *v)
{
	uint32_t big[DBL_WORDS];
	char digits[DBL_DIGITS];

	layout_float(o, l, v, big, DBL_WORDS, digits, DBL_DIGITS);
}

static __attribute__((noinline)) void float_long_double(struct fmt_out *o, const struct layout *l,
							const struct fp_value *v)
{
	uint32_t big[LDBL_WORDS];
	char digits[LDBL_DIGITS];

	layout_float(o, l, v, big, LDBL_WORDS, digits, LDBL_DIGITS);
}

void nolibc_fmt_special(struct fmt_out *o, const struct fmt_spec *sp, const struct fp_value *v,
			const char *sign, size_t slen)
{
	bool upper = sp->conv >= 'A' && sp->conv <= 'Z';
	const char *word = v->cls == FP_INF ? (upper ? "INF" : "inf") : (upper ? "NAN" : "nan");
	size_t rpad = nolibc_fmt_open(o, sp, slen + 3, sign, slen, false);

	nolibc_fmt_emit(o, word, 3);
	nolibc_fmt_pad(o, ' ', rpad);
}

void nolibc_fmt_float(struct fmt_out *o, const struct fmt_spec *sp, const struct fp_value *v)
{
	char sign[1];
	struct layout l = { sp, sign, nolibc_fmt_sign(sp, v->neg, sign) };

	if (v->cls != FP_FIN)
		nolibc_fmt_special(o, sp, v, sign, l.slen);
	else if (v->is_long)
		float_long_double(o, &l, v);
	else
		float_double(o, &l, v);
}
