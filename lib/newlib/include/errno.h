/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * errno.h - newlib's (Linux's values, patches/0002), plus the socket
 * errors every Linux C library declares and newlib hides behind
 * __LINUX_ERRNO_EXTENSIONS__ (whose other names are not all Linux's).
 */
#include_next <errno.h>

#ifndef KM_NEWLIB_ERRNO_H
#define KM_NEWLIB_ERRNO_H
#ifndef ESOCKTNOSUPPORT
#define ESOCKTNOSUPPORT 94
#endif
#ifndef ESHUTDOWN
#define ESHUTDOWN 108
#endif
#endif
