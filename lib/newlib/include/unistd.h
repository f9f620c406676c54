/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * unistd.h - newlib's, plus what Linux C libraries also declare here and a
 * bare newlib does not: gettid and syscall (lib/newlib/posix_sys.c).
 */
#include_next <unistd.h>

#ifndef KM_NEWLIB_UNISTD_H
#define KM_NEWLIB_UNISTD_H
#if __GNU_VISIBLE || __MISC_VISIBLE
/* The calling thread's id (main's is the pid). Never fails. */
pid_t gettid(void);
/*
 * System call @nr (<sys/syscall.h>'s SYS_*) with up to six long
 * arguments, through Kumiki's syscall layer (no trap). Returns the call's
 * result, or -1 with errno set from a -errno result.
 */
long syscall(long nr, ...);
#endif
#endif
