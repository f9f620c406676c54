/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * limits.h - newlib's, plus SSIZE_MAX, which POSIX puts here and newlib
 * leaves out (programs and lwIP size their ssize_t arithmetic by it).
 */
#include_next <limits.h>

#ifndef KM_NEWLIB_LIMITS_H
#define KM_NEWLIB_LIMITS_H
#ifndef SSIZE_MAX
#define SSIZE_MAX __LONG_MAX__ /* ssize_t is long on x86_64 */
#endif
#endif
