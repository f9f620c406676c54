/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * err.h - the BSD error messages newlib lacks (lib/newlib/posix_proc.c),
 * as glibc and musl print them on stderr: "PROG: MESSAGE: strerror(errno)"
 * (warn, err, and their v forms), "PROG: MESSAGE" (the x forms), PROG
 * being argv[0]'s last component. err and errx then exit(status).
 */
#ifndef KM_NEWLIB_ERR_H
#define KM_NEWLIB_ERR_H

#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vwarn(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vwarnx(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void err(int status, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
void verr(int status, const char *fmt, va_list ap) __attribute__((noreturn, format(printf, 2, 0)));
void errx(int status, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
void verrx(int status, const char *fmt, va_list ap) __attribute__((noreturn, format(printf, 2, 0)));
#ifdef __cplusplus
}
#endif
#endif
