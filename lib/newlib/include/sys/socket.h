/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/socket.h - BSD sockets for newlib, which has none: the Linux x86_64
 * ABI (socket(7), the constants and structure layouts the kernel and musl
 * use), so that every value passes to the syscall layer unchanged. The
 * calls are lib/newlib/posix_net.c's, one system call each (the socket
 * library, lib/lwip, owns them): they return what the call returns, or -1
 * with errno set from its -errno (EBADF, ENOTSOCK, EINVAL, EAGAIN, ...).
 * Without a socket library every call fails with ENOSYS.
 */
#ifndef KM_NEWLIB_SYS_SOCKET_H
#define KM_NEWLIB_SYS_SOCKET_H
#include <sys/types.h>
#include <sys/uio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned int socklen_t;
typedef unsigned short sa_family_t;

/* Types; SOCK_NONBLOCK and SOCK_CLOEXEC may be or-ed into socket()'s,
 * socketpair()'s and accept4()'s flags (Linux's O_NONBLOCK, O_CLOEXEC). */
#define SOCK_STREAM    1
#define SOCK_DGRAM     2
#define SOCK_RAW       3
#define SOCK_RDM       4
#define SOCK_SEQPACKET 5
#define SOCK_NONBLOCK  04000
#define SOCK_CLOEXEC   02000000

#define AF_UNSPEC  0
#define AF_UNIX	   1
#define AF_LOCAL   AF_UNIX
#define AF_INET	   2
#define AF_INET6   10
#define AF_NETLINK 16
#define AF_PACKET  17
#define PF_UNSPEC  AF_UNSPEC
#define PF_UNIX	   AF_UNIX
#define PF_LOCAL   AF_LOCAL
#define PF_INET	   AF_INET
#define PF_INET6   AF_INET6
#define PF_NETLINK AF_NETLINK
#define PF_PACKET  AF_PACKET

/* setsockopt()/getsockopt() at SOL_SOCKET */
#define SOL_SOCKET	1
#define SO_DEBUG	1
#define SO_REUSEADDR	2
#define SO_TYPE		3
#define SO_ERROR	4
#define SO_DONTROUTE	5
#define SO_BROADCAST	6
#define SO_SNDBUF	7
#define SO_RCVBUF	8
#define SO_KEEPALIVE	9
#define SO_OOBINLINE	10
#define SO_NO_CHECK	11
#define SO_PRIORITY	12
#define SO_LINGER	13
#define SO_BSDCOMPAT	14
#define SO_REUSEPORT	15
#define SO_PASSCRED	16
#define SO_PEERCRED	17
#define SO_RCVLOWAT	18
#define SO_SNDLOWAT	19
#define SO_RCVTIMEO	20 /* a struct timeval */
#define SO_SNDTIMEO	21 /* a struct timeval */
#define SO_BINDTODEVICE 25
#define SO_TIMESTAMP	29
#define SO_ACCEPTCONN	30
#define SO_SNDBUFFORCE	32
#define SO_RCVBUFFORCE	33
#define SO_PROTOCOL	38
#define SO_DOMAIN	39

#define SOMAXCONN 4096 /* listen()'s largest backlog; the stack MAY clamp lower */

/* send/recv flags */
#define MSG_OOB		 0x1
#define MSG_PEEK	 0x2
#define MSG_DONTROUTE	 0x4
#define MSG_CTRUNC	 0x8
#define MSG_TRUNC	 0x20
#define MSG_DONTWAIT	 0x40
#define MSG_EOR		 0x80
#define MSG_WAITALL	 0x100
#define MSG_CONFIRM	 0x800
#define MSG_ERRQUEUE	 0x2000
#define MSG_NOSIGNAL	 0x4000
#define MSG_MORE	 0x8000
#define MSG_CMSG_CLOEXEC 0x40000000

#define SHUT_RD	  0
#define SHUT_WR	  1
#define SHUT_RDWR 2

#define SCM_RIGHTS	1
#define SCM_CREDENTIALS 2

struct sockaddr {
	sa_family_t sa_family;
	char sa_data[14];
};

/* Large and aligned enough for every address family's sockaddr. */
struct sockaddr_storage {
	sa_family_t ss_family;
	char km_ss_pad[128 - sizeof(sa_family_t) - sizeof(unsigned long)];
	unsigned long km_ss_align;
};

struct msghdr {
	void *msg_name;	       /* the peer's address, or NULL */
	socklen_t msg_namelen; /* its size in bytes */
	struct iovec *msg_iov;
	size_t msg_iovlen;
	void *msg_control; /* ancillary data: cmsghdr records */
	size_t msg_controllen;
	int msg_flags; /* recvmsg(): MSG_TRUNC, MSG_CTRUNC, ... */
};

struct cmsghdr {
	size_t cmsg_len; /* with this header, before the data's padding */
	int cmsg_level;
	int cmsg_type;
};

#define CMSG_ALIGN(len) (((len) + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1))
#define CMSG_DATA(c)	((unsigned char *)((struct cmsghdr *)(c) + 1))
#define CMSG_SPACE(len) (CMSG_ALIGN(len) + CMSG_ALIGN(sizeof(struct cmsghdr)))
#define CMSG_LEN(len)	(CMSG_ALIGN(sizeof(struct cmsghdr)) + (len))
#define CMSG_FIRSTHDR(m)                                                                           \
	((size_t)(m)->msg_controllen >= sizeof(struct cmsghdr)                                     \
		 ? (struct cmsghdr *)(m)->msg_control                                              \
		 : (struct cmsghdr *)0)
/* The record after @c in @m, or NULL when none fits in msg_controllen. */
#define CMSG_NXTHDR(m, c) km_cmsg_nxthdr((m), (c))
static inline struct cmsghdr *km_cmsg_nxthdr(const struct msghdr *m, const struct cmsghdr *c)
{
	unsigned char *end = (unsigned char *)m->msg_control + m->msg_controllen;
	unsigned char *next;

	if (c->cmsg_len < sizeof(struct cmsghdr))
		return (struct cmsghdr *)0;
	next = (unsigned char *)c + CMSG_ALIGN(c->cmsg_len);
	if ((size_t)(end - next) < sizeof(struct cmsghdr) ||
	    (size_t)(end - next) < CMSG_ALIGN(((struct cmsghdr *)next)->cmsg_len))
		return (struct cmsghdr *)0;
	return (struct cmsghdr *)next;
}

struct linger {
	int l_onoff;  /* non-zero: close() waits */
	int l_linger; /* that long, in seconds */
};

#if __GNU_VISIBLE
struct ucred {
	pid_t pid;
	uid_t uid;
	gid_t gid;
};
#endif

int socket(int domain, int type, int protocol);
int socketpair(int domain, int type, int protocol, int sv[2]);
int bind(int fd, const struct sockaddr *addr, socklen_t len);
int connect(int fd, const struct sockaddr *addr, socklen_t len);
int listen(int fd, int backlog);
/* @addr/@len MAY be NULL; otherwise *@len is in/out (the full size is
 * returned even when the address was cut to fit). */
int accept(int fd, struct sockaddr *addr, socklen_t *len);
#if __GNU_VISIBLE
/* accept() with SOCK_NONBLOCK and SOCK_CLOEXEC in @flags (else EINVAL). */
int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
#endif
ssize_t send(int fd, const void *buf, size_t len, int flags);
ssize_t recv(int fd, void *buf, size_t len, int flags);
ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
	       socklen_t tolen);
ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
		 socklen_t *fromlen);
ssize_t sendmsg(int fd, const struct msghdr *msg, int flags);
ssize_t recvmsg(int fd, struct msghdr *msg, int flags);
int shutdown(int fd, int how);
int getsockopt(int fd, int level, int name, void *val, socklen_t *len);
int setsockopt(int fd, int level, int name, const void *val, socklen_t len);
int getsockname(int fd, struct sockaddr *addr, socklen_t *len);
int getpeername(int fd, struct sockaddr *addr, socklen_t *len);

#ifdef __cplusplus
}
#endif
#endif
