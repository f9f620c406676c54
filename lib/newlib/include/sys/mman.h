/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/mman.h - memory mappings (lib/posix-mmap through the syscall layer;
 * lib/newlib/posix_sys.c). The constants are Linux's x86_64 values, passed
 * through unchanged. Anonymous mappings only: a file mapping fails with
 * the error the syscall layer gives. Each call returns -1 (MAP_FAILED for
 * mmap) with errno set on failure.
 */
#ifndef KM_NEWLIB_SYS_MMAN_H
#define KM_NEWLIB_SYS_MMAN_H

#include <sys/types.h>

#define PROT_NONE  0
#define PROT_READ  1
#define PROT_WRITE 2
#define PROT_EXEC  4

#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_FIXED     0x10
#define MAP_ANONYMOUS 0x20
#define MAP_ANON      MAP_ANONYMOUS
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE  0x8000
#define MAP_FAILED    ((void *)-1)

#define MREMAP_MAYMOVE 1

#define MADV_NORMAL	      0
#define MADV_RANDOM	      1
#define MADV_SEQUENTIAL	      2
#define MADV_WILLNEED	      3
#define MADV_DONTNEED	      4
#define POSIX_MADV_NORMAL     MADV_NORMAL
#define POSIX_MADV_RANDOM     MADV_RANDOM
#define POSIX_MADV_SEQUENTIAL MADV_SEQUENTIAL
#define POSIX_MADV_WILLNEED   MADV_WILLNEED
#define POSIX_MADV_DONTNEED   MADV_DONTNEED

#define MS_ASYNC      1
#define MS_INVALIDATE 2
#define MS_SYNC	      4

#ifdef __cplusplus
extern "C" {
#endif
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...);
int madvise(void *addr, size_t len, int advice);
int posix_madvise(void *addr, size_t len, int advice); /* returns the error number */
int msync(void *addr, size_t len, int flags);
int mlock(const void *addr, size_t len);
int munlock(const void *addr, size_t len);
#ifdef __cplusplus
}
#endif
#endif
