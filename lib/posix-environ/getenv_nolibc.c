/* SPDX-License-Identifier: BSD-3-Clause */
/* getenv(3) for nolibc, over env.vars (replaces nolibc's weak stub). */
#include <stdlib.h>
#include <string.h>
#include <km/environ.h>

char *getenv(const char *name)
{
	size_t len = strlen(name);

	if (!len || strchr(name, '='))
		return NULL;
	for (char **e = km_environ(); *e; e++)
		if (!strncmp(*e, name, len) && (*e)[len] == '=')
			return *e + len + 1;
	return NULL;
}
