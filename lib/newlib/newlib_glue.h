/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared by lib/newlib's OS stubs (syscalls.c, posix.c); not installed. */
#ifndef KM_NEWLIB_GLUE_H
#define KM_NEWLIB_GLUE_H

/*
 * A system call's result @ret as a C function returns it: a value in
 * -4095..-1 is -errno, which is stored in the calling thread's errno, and
 * -1 is returned; anything else is returned unchanged.
 */
long newlib_result(long ret);

#endif
