/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fcntl.h - newlib's, plus posix_fadvise(), which POSIX puts here and
 * newlib lacks (lib/newlib/posix_fs.c); Linux's advice values.
 */
#include_next <fcntl.h>

#ifndef KM_NEWLIB_FCNTL_H
#define KM_NEWLIB_FCNTL_H
#include <sys/types.h>

#define POSIX_FADV_NORMAL     0
#define POSIX_FADV_RANDOM     1
#define POSIX_FADV_SEQUENTIAL 2
#define POSIX_FADV_WILLNEED   3
#define POSIX_FADV_DONTNEED   4
#define POSIX_FADV_NOREUSE    5

#ifdef __cplusplus
extern "C" {
#endif
/*
 * Advice on how @fd's bytes @offset..@offset+@len (@len 0: to the end)
 * will be read. Returns 0, or the error number itself (not -1 and errno,
 * as POSIX says): EBADF, ESPIPE for a pipe, EINVAL for a negative @len or
 * unknown @advice.
 */
int posix_fadvise(int fd, off_t offset, off_t len, int advice);
#ifdef __cplusplus
}
#endif
#endif
