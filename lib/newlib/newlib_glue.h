/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared by lib/newlib's OS stubs (syscalls.c, posix.c); not installed. */
#ifndef KM_NEWLIB_GLUE_H
#define KM_NEWLIB_GLUE_H
#include <signal.h>
#include <stdint.h>

/*
 * A system call's result @ret as a C function returns it: a value in
 * -4095..-1 is -errno, which is stored in the calling thread's errno, and
 * -1 is returned; anything else is returned unchanged.
 */
long newlib_result(long ret);

struct km_stat;
struct stat;
/* Linux's struct stat @k as newlib's @st (whose fields are narrower). */
void newlib_stat_from_linux(const struct km_stat *k, struct stat *st);

/* newlib's open()/fcntl() O_* bits @flags as Linux's, and back. */
long newlib_linux_open_flags(int flags);
int newlib_open_flags_from_linux(long flags);

/* Linux's number for newlib's signal @sig (0 for 0), or -1 when Linux has
 * none; and newlib's number for Linux's @lsig, or -1. */
long newlib_linux_signal(int sig);
int newlib_signal_from_linux(long lsig);

/* newlib's signal set @set as Linux's 64-bit mask (bit n-1: signal n). */
uint64_t newlib_linux_sigset(const sigset_t *set);

#endif
