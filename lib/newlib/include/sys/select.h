/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/select.h - newlib's fd_set and select/pselect, sized as Linux's:
 * FD_SETSIZE 1024, so an fd_set is the 128 bytes the select system call
 * reads and writes (newlib's default of 64 would let the kernel side run
 * past the caller's set). select and pselect are lib/newlib/posix_net.c's,
 * on the syscall layer: the number of ready descriptors, 0 on timeout, or
 * -1 with errno (EBADF, EINVAL, EINTR).
 */
#ifndef FD_SETSIZE
#define FD_SETSIZE 1024
#endif
#include_next <sys/select.h>
