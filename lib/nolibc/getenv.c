/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * getenv: Kumiki images have no environment yet, so no variable is ever
 * set. A posix-environ library may later replace this with a real one.
 */
#include <stdlib.h>

__attribute__((weak)) char *getenv(const char *name)
{
	(void)name;
	return NULL;
}
