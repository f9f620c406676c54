/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * atoi, atol, atoll: strtol without error reporting. Out-of-range input is
 * undefined in C; here it saturates (and sets ERANGE) like strtol.
 */
#include <limits.h>
#include <stdlib.h>

int atoi(const char *s)
{
	long v = strtol(s, NULL, 10);

	return v > INT_MAX ? INT_MAX : v < INT_MIN ? INT_MIN : (int)v;
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}
