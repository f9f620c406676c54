/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * unistd.h - the few POSIX constants nolibc can honour.
 *
 * Non-goals: the file and process calls (read, write, close, getpid...);
 * they belong to the posix-* libraries, which will extend this header's
 * role by providing their own declarations.
 */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <sys/types.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

#endif /* _UNISTD_H */
