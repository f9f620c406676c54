/* SPDX-License-Identifier: BSD-3-Clause */
/* Compiled against nolibc's errno.h: the values the test compares. */
#include <errno.h>

const int errno_values[] = {
#define X(name) name,
#include "errno_list.h"
#undef X
};
