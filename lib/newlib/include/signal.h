/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * signal.h - newlib's, with the signal set operations as functions
 * (lib/newlib/signal.c) instead of its macros, which shift an int (so
 * signal 31 set the upper half of the set too) and warn when used as a
 * statement. sigaddset, sigdelset and sigismember return -1 with errno
 * EINVAL for a number outside 1..NSIG-1.
 */
#include_next <signal.h>

#ifndef KM_NEWLIB_SIGNAL_H
#define KM_NEWLIB_SIGNAL_H
#undef sigaddset
#undef sigdelset
#undef sigemptyset
#undef sigfillset
#undef sigismember
#endif
