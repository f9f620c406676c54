/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef KM_FDTAB_IMPL_H
#define KM_FDTAB_IMPL_H
#include <km/fdtab.h>

/* Linux x86_64 values used by the table and the console. */
#define O_ACCMODE_  3
#define O_RDWR_	    2
#define O_APPEND_   02000
#define O_NONBLOCK_ 04000
#define O_CLOEXEC_  02000000
#define POLLIN_	    0x001
#define POLLPRI_    0x002
#define POLLOUT_    0x004
#define POLLERR_    0x008
#define POLLHUP_    0x010
#define POLLNVAL_   0x020
#define FIONBIO_    0x5421
#define FIONCLEX_   0x5450
#define FIOCLEX_    0x5451

/* Set or clear descriptor flags of an open @fd: 0 or -EBADF. */
int km_fd_setflags(int fd, int fdflags);
int km_fd_getflags(int fd);
/* Place @f at exactly @fd, closing what was there (dup2). */
int km_fd_replace(int fd, struct km_file *f, int fdflags);

#endif
