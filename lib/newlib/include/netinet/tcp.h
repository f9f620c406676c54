/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netinet/tcp.h - TCP socket options for newlib, Linux's numbers (tcp(7)),
 * used at level IPPROTO_TCP. Which ones take effect is the stack's choice
 * (lib/lwip: TCP_NODELAY, TCP_KEEPIDLE/KEEPINTVL/KEEPCNT; TCP_MAXSEG,
 * TCP_CORK and TCP_DEFER_ACCEPT accepted as hints; others ENOPROTOOPT).
 */
#ifndef KM_NEWLIB_NETINET_TCP_H
#define KM_NEWLIB_NETINET_TCP_H

#define TCP_NODELAY	 1
#define TCP_MAXSEG	 2
#define TCP_CORK	 3
#define TCP_KEEPIDLE	 4
#define TCP_KEEPINTVL	 5
#define TCP_KEEPCNT	 6
#define TCP_SYNCNT	 7
#define TCP_LINGER2	 8
#define TCP_DEFER_ACCEPT 9
#define TCP_WINDOW_CLAMP 10
#define TCP_INFO	 11
#define TCP_QUICKACK	 12
#define TCP_CONGESTION	 13
#define TCP_USER_TIMEOUT 18
#define TCP_FASTOPEN	 23

#endif
