/* SPDX-License-Identifier: BSD-3-Clause */
/* Private to lib/lwip: between the stack's start and the interfaces. */
#ifndef KM_LWIP_STACK_IMPL_H
#define KM_LWIP_STACK_IMPL_H

/* Bring up every network device as an lwIP interface (netif.c), from the
 * boot thread after the tcpip thread runs. 0, or a negative errno when
 * the configuration cannot be applied (the message says why). */
int km_lwip_netifs_init(void);

#include <stdint.h>

/* The DNS server from netdev.ip or DHCP, network order; 0 when none. */
uint32_t km_lwip_dns_server(void);

#endif /* KM_LWIP_STACK_IMPL_H */
