/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * strdup, strndup. The only nolibc functions that allocate; malloc comes
 * from the allocator library, and is only referenced here, so an image
 * that never calls strdup does not need an allocator.
 */
#include <stdlib.h>
#include <string.h>

char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *copy = malloc(len + 1);

	if (!copy)
		return NULL; /* malloc has set errno to ENOMEM */
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

char *strdup(const char *s)
{
	return strndup(s, (size_t)-1);
}
