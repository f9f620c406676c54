/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * regex.h - newlib's (regcomp, regexec, regerror, regfree: newlib's
 * libc/posix, which build-libc adds), which uses off_t and size_t without
 * including <sys/types.h>: a program that includes <regex.h> first did
 * not compile.
 */
#include <sys/types.h>
#include_next <regex.h>
