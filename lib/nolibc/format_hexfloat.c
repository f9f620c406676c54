/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * printf's %a %A: hexadecimal floating point.
 *
 * The layout follows glibc on x86_64 so output matches the host: a double
 * prints its implicit bit as the leading digit ("0x1.8p+1"; subnormals
 * "0x0.…p-1022"); a long double prints the top four bits of its explicit
 * 64-bit mantissa as the leading digit ("0x8p-3" for 1.0L). Shortened
 * precisions round to nearest, ties to even.
 */
#include "format_impl.h"

void nolibc_fmt_hexfloat(struct fmt_out *o, const struct fmt_spec *sp, const struct fp_value *v)
{
	bool upper = sp->conv == 'A';
	const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char pre[3], fbuf[16], ebuf[8];
	size_t plen, total, rpad, extra = 0;
	unsigned int lead = 0, emag;
	uint64_t frac = 0;
	int nfd = v->is_long ? 15 : 13, exp = 0, p, i;
	bool point;

	plen = nolibc_fmt_sign(sp, v->neg, pre);
	if (v->cls != FP_FIN) {
		nolibc_fmt_special(o, sp, v, pre, plen);
		return;
	}
	pre[plen++] = '0';
	pre[plen++] = upper ? 'X' : 'x';

	if (v->mant != 0 && v->is_long) {
		lead = (unsigned int)(v->mant >> 60);
		frac = v->mant & ((1ULL << 60) - 1);
		exp = v->exp2 + 60;
	} else if (v->mant != 0) {
		lead = (unsigned int)(v->mant >> 52);
		frac = v->mant & ((1ULL << 52) - 1);
		exp = lead ? v->exp2 + 52 : -1022;
	}

	if (sp->prec < 0) {
		/* Exact: as many digits as needed, no trailing zeros. */
		p = nfd;
		while (p > 0 && ((frac >> (4 * (nfd - p))) & 0xf) == 0)
			p--;
		frac >>= 4 * (nfd - p);
	} else if (sp->prec < nfd) {
		int shift = 4 * (nfd - sp->prec);
		uint64_t rem = frac & ((1ULL << shift) - 1);
		uint64_t half = 1ULL << (shift - 1);
		bool odd;

		p = sp->prec;
		frac >>= shift;
		odd = (p > 0 ? frac : lead) & 1;
		if (rem > half || (rem == half && odd)) {
			frac++;
			if (frac >> (4 * p)) {
				frac = 0;
				lead++;
			}
			/* 0xf.f rounded up: renormalise to 0x1 as glibc does. */
			if (lead > 15) {
				lead = 1;
				exp += 4;
			}
		}
	} else {
		p = nfd;
		extra = (size_t)(sp->prec - nfd);
	}

	for (i = p - 1; i >= 0; i--) {
		fbuf[i] = hex[frac & 0xf];
		frac >>= 4;
	}
	point = p > 0 || extra > 0 || (sp->flags & FMT_HASH);

	emag = exp < 0 ? (unsigned int)-exp : (unsigned int)exp;
	i = (int)sizeof(ebuf);
	do {
		ebuf[--i] = (char)('0' + emag % 10);
		emag /= 10;
	} while (emag);
	ebuf[--i] = exp < 0 ? '-' : '+';
	ebuf[--i] = upper ? 'P' : 'p';

	total = plen + 1 + point + (size_t)p + extra + (sizeof(ebuf) - (size_t)i);
	rpad = nolibc_fmt_open(o, sp, total, pre, plen, true);
	nolibc_fmt_emit(o, &hex[lead], 1);
	if (point)
		nolibc_fmt_emit(o, ".", 1);
	nolibc_fmt_emit(o, fbuf, (size_t)p);
	nolibc_fmt_pad(o, '0', extra);
	nolibc_fmt_emit(o, ebuf + i, sizeof(ebuf) - (size_t)i);
	nolibc_fmt_pad(o, ' ', rpad);
}
