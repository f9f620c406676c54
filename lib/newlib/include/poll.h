/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * poll.h - poll(2) through the syscall layer (lib/fdtab). Linux's event
 * bits and struct pollfd, passed through. Returns the number of
 * descriptors with events, 0 on timeout (@timeout ms; -1 waits forever),
 * or -1 with errno (EFAULT, EINVAL).
 */
#ifndef KM_NEWLIB_POLL_H
#define KM_NEWLIB_POLL_H

#define POLLIN	   0x001
#define POLLPRI	   0x002
#define POLLOUT	   0x004
#define POLLERR	   0x008
#define POLLHUP	   0x010
#define POLLNVAL   0x020
#define POLLRDNORM 0x040
#define POLLRDBAND 0x080
#define POLLWRNORM 0x100
#define POLLWRBAND 0x200

typedef unsigned long nfds_t;

struct pollfd {
	int fd;
	short events;
	short revents;
};

#ifdef __cplusplus
extern "C" {
#endif
int poll(struct pollfd *fds, nfds_t nfds, int timeout);
#ifdef __cplusplus
}
#endif
#endif
