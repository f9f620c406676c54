/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/lwip.h - the TCP/IP stack (lib/lwip): lwIP 2.1.3 behind the Linux
 * socket system calls.
 *
 * Programs use their C library's socket functions; nothing here is needed
 * to open a socket. lwIP's own names never reach a program: its headers
 * are seen by lib/lwip's files only.
 *
 * System calls (Linux x86_64 ABI; man 2 of each; sockets are fd-table
 * files, so read, write, readv, writev, close, dup, fcntl, ioctl FIONBIO,
 * FIONREAD, fstat (S_IFSOCK) and poll work on them too):
 *   socket     AF_INET only (-EAFNOSUPPORT otherwise); SOCK_STREAM and
 *              SOCK_DGRAM (raw: -EPROTONOSUPPORT), with SOCK_NONBLOCK and
 *              SOCK_CLOEXEC; protocol 0 or the type's own
 *   socketpair -EOPNOTSUPP for AF_UNIX (the VFS's), else -EAFNOSUPPORT
 *   bind, connect (AF_UNSPEC disconnects a datagram socket; a refused TCP
 *              connection is -ECONNREFUSED), listen (backlog clamped to
 *              1..CONFIG_LIBLWIP_BACKLOG), accept, accept4
 *   sendto, recvfrom, sendmsg, recvmsg (no ancillary data: controllen is
 *              set to 0; at most 1024 buffers, else -EMSGSIZE)
 *              flags: MSG_PEEK, MSG_DONTWAIT, MSG_WAITALL (streams),
 *              MSG_MORE; MSG_NOSIGNAL, MSG_CONFIRM, MSG_EOR, MSG_TRUNC
 *              are accepted and change nothing; MSG_OOB: -EOPNOTSUPP
 *   shutdown (how 0..2), getsockname, getpeername
 *   setsockopt/getsockopt: SOL_SOCKET SO_REUSEADDR, SO_REUSEPORT (the
 *              same as SO_REUSEADDR), SO_TYPE, SO_ERROR, SO_BROADCAST,
 *              SO_RCVBUF, SO_KEEPALIVE, SO_LINGER, SO_RCVTIMEO,
 *              SO_SNDTIMEO, SO_ACCEPTCONN, SO_DOMAIN, SO_PROTOCOL;
 *              IPPROTO_IP IP_TOS, IP_TTL; IPPROTO_TCP TCP_NODELAY,
 *              TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT. Accepted as hints
 *              that change nothing observable: SO_SNDBUF (reads back the
 *              fixed send buffer), SO_RCVLOWAT, SO_SNDLOWAT, TCP_MAXSEG
 *              (reads back the MSS), TCP_CORK, TCP_DEFER_ACCEPT,
 *              TCP_QUICKACK. Anything else: -ENOPROTOOPT.
 * Blocking calls sleep on lwIP's semaphores (no polling); O_NONBLOCK
 * gives -EAGAIN, and connect -EINPROGRESS, as on Linux. poll reports
 * POLLIN (data, a pending connection, or the peer's close), POLLOUT and
 * POLLERR.
 *
 * Limits: CONFIG_LIBLWIP_SOCKETS sockets at once (then -ENFILE); IPv4
 * only; no SIGPIPE (writing to a reset connection is -EPIPE or
 * -ECONNRESET); a socket's SO_ERROR after a refused non-blocking connect
 * is ECONNRESET (lwIP's name for it).
 *
 * Memory: every lwIP allocation comes from lib/alloc (malloc), so its
 * statistics (km/alloc.h) account for the stack too; nothing is reserved
 * up front.
 */
#ifndef KM_LWIP_H
#define KM_LWIP_H

#endif /* KM_LWIP_H */
