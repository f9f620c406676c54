/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Compiled against nolibc's headers (C99, pedantic) by the host test
 * Makefile: the POSIX types <stdio.h> must define, alone and together
 * with <sys/types.h> (no conflicting or repeated typedef).
 */
#include <stdio.h>

ssize_t header_types_ssize = -1;
off_t header_types_off = -1;

#include <sys/types.h>
#include <limits.h>
#include <stdlib.h>

ssize_t header_types_max = SSIZE_MAX;
int header_types_argmax = NL_ARGMAX;
int header_types_mb[MB_LEN_MAX >= 4 ? 1 : -1];
