/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * abs and div families. C division truncates toward zero, so these are
 * direct; abs(INT_MIN) is undefined in C and left to wrap.
 */
#include <inttypes.h>
#include <stdlib.h>

int abs(int j)
{
	return j < 0 ? -j : j;
}

long labs(long j)
{
	return j < 0 ? -j : j;
}

long long llabs(long long j)
{
	return j < 0 ? -j : j;
}

intmax_t imaxabs(intmax_t j)
{
	return j < 0 ? -j : j;
}

div_t div(int numer, int denom)
{
	return (div_t){ numer / denom, numer % denom };
}

ldiv_t ldiv(long numer, long denom)
{
	return (ldiv_t){ numer / denom, numer % denom };
}

lldiv_t lldiv(long long numer, long long denom)
{
	return (lldiv_t){ numer / denom, numer % denom };
}

imaxdiv_t imaxdiv(intmax_t numer, intmax_t denom)
{
	return (imaxdiv_t){ numer / denom, numer % denom };
}
