/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fcntl.h - newlib's, plus posix_fadvise and posix_fallocate (POSIX),
 * which it does not declare (lib/newlib/posix_fs.c), with Linux's
 * POSIX_FADV_* values. Both return 0 or an error number (EBADF, EINVAL,
 * ENOSPC, ESPIPE, ENOSYS where the file system has no such call), not
 * -1/errno.
 */
#include_next <fcntl.h>

#ifndef KM_NEWLIB_FCNTL_H
#define KM_NEWLIB_FCNTL_H
#define POSIX_FADV_NORMAL     0
#define POSIX_FADV_RANDOM     1
#define POSIX_FADV_SEQUENTIAL 2
#define POSIX_FADV_WILLNEED   3
#define POSIX_FADV_DONTNEED   4
#define POSIX_FADV_NOREUSE    5
#ifdef __cplusplus
extern "C" {
#endif
int posix_fadvise(int fd, off_t off, off_t len, int advice);
int posix_fallocate(int fd, off_t off, off_t len);
#ifdef __cplusplus
}
#endif
#endif
