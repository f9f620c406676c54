/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * unistd.h - newlib's, plus what Linux C libraries also declare here and a
 * bare newlib does not: _POSIX_VERSION, gettid and syscall
 * (lib/newlib/posix_sys.c), the real/effective/saved id calls
 * (posix_proc.c; 0 or -1 with errno: EPERM, EINVAL, EFAULT).
 */
#include_next <unistd.h>

#ifndef KM_NEWLIB_UNISTD_H
#define KM_NEWLIB_UNISTD_H
/*
 * The POSIX edition this system follows, as sysconf(_SC_VERSION) answers
 * (lib/newlib/posix_sys.c). newlib sets it only for RTEMS, Cygwin and SVR4,
 * and programs test it to choose their POSIX code (isatty, fileno, stat's
 * st_mtim, nanosleep) over a bare ISO C fallback.
 */
#ifndef _POSIX_VERSION
#define _POSIX_VERSION 200809L
#endif
#if __GNU_VISIBLE || __MISC_VISIBLE
/* The calling thread's id (main's is the pid). Never fails. */
pid_t gettid(void);
/*
 * System call @nr (<sys/syscall.h>'s SYS_*) with up to six long
 * arguments, through Kumiki's syscall layer (no trap). Returns the call's
 * result, or -1 with errno set from a -errno result.
 */
long syscall(long nr, ...);
int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid);
int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid);
int setresuid(uid_t ruid, uid_t euid, uid_t suid);
int setresgid(gid_t rgid, gid_t egid, gid_t sgid);
/* Writes out the file system holding @fd (0, or -1 with EBADF). */
int syncfs(int fd);
#endif
#endif
