/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The image's lwIP options (lib/lwip/port/lwipopts.h, with its Kconfig
 * defaults), turned into a host build without an operating system: no
 * threads, so no netconn or socket layer; the fuzzer drives the netif
 * input and the timers itself.
 */
#ifndef KM_LWIP_FUZZ_LWIPOPTS_H
#define KM_LWIP_FUZZ_LWIPOPTS_H

#define KM_LWIP_SOCKETS	    256
#define KM_LWIP_TCP_PCBS    256
#define KM_LWIP_UDP_PCBS    16
#define KM_LWIP_BACKLOG	    128
#define KM_LWIP_TCP_MSS	    1460
#define KM_LWIP_TCP_WND	    32768
#define KM_LWIP_TCP_SND_BUF 32768
#define KM_LWIP_TCPIP_STACK (64 * 1024)
#define KM_LWIP_LOOPBACK    0
#define KM_LWIP_DEBUG	    0

#include "../../../lib/lwip/port/lwipopts.h"

#undef NO_SYS
#define NO_SYS 1
#undef SYS_LIGHTWEIGHT_PROT
#define SYS_LIGHTWEIGHT_PROT 0
#undef LWIP_TCPIP_CORE_LOCKING
#define LWIP_TCPIP_CORE_LOCKING 0
#undef LWIP_NETIF_API
#define LWIP_NETIF_API 0
#undef LWIP_NETCONN
#define LWIP_NETCONN 0
#undef LWIP_SOCKET
#define LWIP_SOCKET 0
/* Assertions on: a broken invariant is a finding. */
#undef LWIP_NOASSERT

#endif
