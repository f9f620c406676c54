/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * signal.h - newlib's, with the signal set operations as functions
 * (lib/newlib/signal.c) instead of its macros, which shift an int (so
 * signal 31 set the upper half of the set too) and warn when used as a
 * statement. sigaddset, sigdelset and sigismember return -1 with errno
 * EINVAL for a number outside 1..NSIG-1. Adds glibc's tgkill (Linux
 * tgkill(2), newlib's signal numbers; the image is pid 1): 0, or -1 with
 * errno EINVAL (bad signal or id), ESRCH (no such thread).
 */
#include_next <signal.h>

#ifndef KM_NEWLIB_SIGNAL_H
#define KM_NEWLIB_SIGNAL_H
#undef sigaddset
#undef sigdelset
#undef sigemptyset
#undef sigfillset
#undef sigismember
#include <sys/types.h>
int tgkill(pid_t tgid, pid_t tid, int sig);
#endif
