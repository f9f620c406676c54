/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The BSD socket calls, select/pselect and epoll for newlib, which has
 * none: each is one system call on the syscall layer (the socket library,
 * lib/lwip, lib/fdtab and lib/posix-epoll own them), -1 with errno set from
 * a -errno result. The headers (include/sys/socket.h, netinet/in.h,
 * sys/select.h, sys/epoll.h) are Linux's ABI, so arguments pass unchanged;
 * only signal masks are translated to Linux's numbers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <km/syscall.h>
#include "newlib_glue.h"

int socket(int domain, int type, int protocol)
{
	return (int)newlib_result(km_syscall3(KM_SYS_socket, domain, type, protocol));
}

int socketpair(int domain, int type, int protocol, int sv[2])
{
	return (int)newlib_result(km_syscall4(KM_SYS_socketpair, domain, type, protocol, sv));
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	return (int)newlib_result(km_syscall3(KM_SYS_bind, fd, addr, len));
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	return (int)newlib_result(km_syscall3(KM_SYS_connect, fd, addr, len));
}

int listen(int fd, int backlog)
{
	return (int)newlib_result(km_syscall2(KM_SYS_listen, fd, backlog));
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	return (int)newlib_result(km_syscall3(KM_SYS_accept, fd, addr, len));
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	return (int)newlib_result(km_syscall4(KM_SYS_accept4, fd, addr, len, flags));
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	return newlib_result(km_syscall6(KM_SYS_sendto, fd, buf, len, flags, 0, 0));
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	return newlib_result(km_syscall6(KM_SYS_recvfrom, fd, buf, len, flags, 0, 0));
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
	       socklen_t tolen)
{
	return newlib_result(km_syscall6(KM_SYS_sendto, fd, buf, len, flags, to, tolen));
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
		 socklen_t *fromlen)
{
	return newlib_result(km_syscall6(KM_SYS_recvfrom, fd, buf, len, flags, from, fromlen));
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	return newlib_result(km_syscall3(KM_SYS_sendmsg, fd, msg, flags));
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	return newlib_result(km_syscall3(KM_SYS_recvmsg, fd, msg, flags));
}

int shutdown(int fd, int how)
{
	return (int)newlib_result(km_syscall2(KM_SYS_shutdown, fd, how));
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	return (int)newlib_result(km_syscall6(KM_SYS_getsockopt, fd, level, name, val, len, 0));
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	return (int)newlib_result(km_syscall6(KM_SYS_setsockopt, fd, level, name, val, len, 0));
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	return (int)newlib_result(km_syscall3(KM_SYS_getsockname, fd, addr, len));
}

int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	return (int)newlib_result(km_syscall3(KM_SYS_getpeername, fd, addr, len));
}

int select(int n, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *timeout)
{
	return (int)newlib_result(km_syscall6(KM_SYS_select, n, rd, wr, ex, timeout, 0));
}

/* pselect6's last argument: the mask and its size in bytes. */
struct linux_sigset_arg {
	const uint64_t *set;
	unsigned long size;
};

int pselect(int n, fd_set *rd, fd_set *wr, fd_set *ex, const struct timespec *timeout,
	    const sigset_t *mask)
{
	uint64_t lmask = mask ? newlib_linux_sigset(mask) : 0;
	struct linux_sigset_arg arg = { mask ? &lmask : NULL, sizeof(lmask) };

	return (int)newlib_result(km_syscall6(KM_SYS_pselect6, n, rd, wr, ex, timeout, &arg));
}

int epoll_create(int size)
{
	return (int)newlib_result(km_syscall1(KM_SYS_epoll_create, size));
}

int epoll_create1(int flags)
{
	return (int)newlib_result(km_syscall1(KM_SYS_epoll_create1, flags));
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
	return (int)newlib_result(km_syscall4(KM_SYS_epoll_ctl, epfd, op, fd, ev));
}

int epoll_wait(int epfd, struct epoll_event *evs, int max, int timeout)
{
	return (int)newlib_result(km_syscall4(KM_SYS_epoll_wait, epfd, evs, max, timeout));
}

int epoll_pwait(int epfd, struct epoll_event *evs, int max, int timeout, const sigset_t *mask)
{
	uint64_t lmask = mask ? newlib_linux_sigset(mask) : 0;

	return (int)newlib_result(km_syscall6(KM_SYS_epoll_pwait, epfd, evs, max, timeout,
					      mask ? &lmask : NULL, sizeof(lmask)));
}

#undef htonl
#undef htons
#undef ntohl
#undef ntohs
uint32_t htonl(uint32_t v)
{
	return __builtin_bswap32(v);
}

uint16_t htons(uint16_t v)
{
	return __builtin_bswap16(v);
}

uint32_t ntohl(uint32_t v)
{
	return __builtin_bswap32(v);
}

uint16_t ntohs(uint16_t v)
{
	return __builtin_bswap16(v);
}

const struct in6_addr in6addr_any = IN6ADDR_ANY_INIT;
const struct in6_addr in6addr_loopback = IN6ADDR_LOOPBACK_INIT;
