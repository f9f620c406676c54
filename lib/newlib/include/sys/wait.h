/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/wait.h - newlib's, plus wait3 and wait4 (BSD, Linux), which it does
 * not declare (lib/newlib/posix_proc.c). A Kumiki image has no child
 * processes: they, wait and waitpid return -1 with the syscall layer's
 * errno (ENOSYS from lib/posix-process).
 */
#include_next <sys/wait.h>

#ifndef KM_NEWLIB_SYS_WAIT_H
#define KM_NEWLIB_SYS_WAIT_H
#if __BSD_VISIBLE || __GNU_VISIBLE
struct rusage;
#ifdef __cplusplus
extern "C" {
#endif
pid_t wait3(int *status, int options, struct rusage *ru);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru);
#ifdef __cplusplus
}
#endif
#endif
#endif
