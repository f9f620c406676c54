/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private to lib/lwip: the Linux x86_64 socket ABI next to lwIP's own.
 * Files that include this see lwIP's sockets.h (its BSD-style struct
 * sockaddr with sa_len, its own option and flag numbers); the LX_ names
 * are what a Linux program passes to the system calls. Never include a C
 * library socket header here: the structures would clash.
 */
#ifndef KM_LWIP_SOCKET_IMPL_H
#define KM_LWIP_SOCKET_IMPL_H

#include <stdint.h>
#include "lwip/sockets.h"

#define LX_AF_UNSPEC	  0
#define LX_AF_UNIX	  1
#define LX_AF_INET	  2
#define LX_AF_INET6	  10
#define LX_SOCK_STREAM	  1
#define LX_SOCK_DGRAM	  2
#define LX_SOCK_RAW	  3
#define LX_SOCK_TYPE_MASK 0xf
#define LX_SOCK_NONBLOCK  04000
#define LX_SOCK_CLOEXEC	  02000000
#define LX_O_RDWR	  02
#define LX_O_NONBLOCK	  04000

#define LX_SOL_SOCKET  1
#define LX_IPPROTO_IP  0
#define LX_IPPROTO_TCP 6
#define LX_IPPROTO_UDP 17

#define LX_MSG_OOB	    0x1
#define LX_MSG_PEEK	    0x2
#define LX_MSG_DONTROUTE    0x4
#define LX_MSG_CTRUNC	    0x8
#define LX_MSG_TRUNC	    0x20
#define LX_MSG_DONTWAIT	    0x40
#define LX_MSG_EOR	    0x80
#define LX_MSG_WAITALL	    0x100
#define LX_MSG_CONFIRM	    0x800
#define LX_MSG_NOSIGNAL	    0x4000
#define LX_MSG_MORE	    0x8000
#define LX_MSG_CMSG_CLOEXEC 0x40000000

#define LX_POLLIN     0x001
#define LX_POLLPRI    0x002
#define LX_POLLOUT    0x004
#define LX_POLLERR    0x008
#define LX_POLLHUP    0x010
#define LX_POLLNVAL   0x020
#define LX_POLLRDNORM 0x040
#define LX_POLLWRNORM 0x100

#define LX_FIONREAD 0x541b
#define LX_S_IFSOCK 0140000

struct lx_sockaddr_in {
	uint16_t sin_family;
	uint16_t sin_port; /* network order */
	uint32_t sin_addr; /* network order */
	uint8_t sin_zero[8];
};

struct lx_iovec {
	void *base;
	size_t len;
};

struct lx_msghdr {
	void *name;
	uint32_t namelen;
	struct lx_iovec *iov;
	size_t iovlen;
	void *control;
	size_t controllen;
	int flags;
};

/* sockopt.c: Linux socket options onto lwIP's, for get/setsockopt. */
long km_lwip_setsockopt(int lwfd, int type, int level, int name, const void *val, uint32_t len);
long km_lwip_getsockopt(int lwfd, int type, int level, int name, void *val, uint32_t *len);

#endif /* KM_LWIP_SOCKET_IMPL_H */
