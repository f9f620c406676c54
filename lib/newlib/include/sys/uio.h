/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/uio.h - scatter/gather I/O, which a bare newlib lacks: struct iovec
 * in Linux's layout, readv and writev (lib/newlib/posix_fs.c).
 */
#ifndef KM_NEWLIB_SYS_UIO_H
#define KM_NEWLIB_SYS_UIO_H
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct iovec {
	void *iov_base; /* the buffer */
	size_t iov_len; /* its length in bytes */
};

#define UIO_MAXIOV 1024 /* the most buffers one call takes (Linux's IOV_MAX) */

/*
 * Reads from @fd into the @cnt buffers of @iov in turn (0..UIO_MAXIOV),
 * as one read. Returns the bytes read (0 at end of file), or -1 with
 * errno set (EBADF, EINVAL for a bad @cnt or total length, EFAULT...).
 */
ssize_t readv(int fd, const struct iovec *iov, int cnt);
/* Writes the @cnt buffers of @iov to @fd in turn, as one write; as readv. */
ssize_t writev(int fd, const struct iovec *iov, int cnt);
#if __BSD_VISIBLE || __GNU_VISIBLE
/* readv and writev at @off, the descriptor's offset unchanged (ESPIPE on a
 * pipe). */
ssize_t preadv(int fd, const struct iovec *iov, int cnt, off_t off);
ssize_t pwritev(int fd, const struct iovec *iov, int cnt, off_t off);
#endif

#ifdef __cplusplus
}
#endif
#endif
