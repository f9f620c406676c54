/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * net/if.h - interface name sizes and flags for newlib, Linux's values
 * (netdevice(7)). Name/index lookups (if_nametoindex) are not offered.
 */
#ifndef KM_NEWLIB_NET_IF_H
#define KM_NEWLIB_NET_IF_H

#define IF_NAMESIZE 16 /* with the NUL */
#define IFNAMSIZ    IF_NAMESIZE

#define IFF_UP		0x1
#define IFF_BROADCAST	0x2
#define IFF_DEBUG	0x4
#define IFF_LOOPBACK	0x8
#define IFF_POINTOPOINT 0x10
#define IFF_RUNNING	0x40
#define IFF_NOARP	0x80
#define IFF_PROMISC	0x100
#define IFF_MULTICAST	0x1000

#endif
