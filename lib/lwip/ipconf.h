/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private to lib/lwip: the netdev.ip boot parameter's value,
 * <addr>/<prefix>:<gw>[:<dns>] (the form Unikraft and urunc pass), parsed
 * without lwIP so that the host unit tests can check it.
 */
#ifndef KM_LWIP_IPCONF_H
#define KM_LWIP_IPCONF_H

#include <stdint.h>

struct km_ipconf {
	int set;	  /* 1 once a value was given */
	uint32_t addr;	  /* network byte order, as in struct in_addr */
	uint32_t netmask; /* from the prefix */
	uint32_t gw;	  /* 0: none given (an empty field) */
	uint32_t dns;	  /* 0: none given */
	unsigned int prefix;
};

/*
 * Parse @text into @c. 0; -EINVAL when it is not of the form (addresses
 * are four decimal numbers 0..255 without leading signs or spaces; the
 * gateway field MAY be empty); -ERANGE for a prefix outside 1..32 or an
 * address of 0.0.0.0. @c is changed only on success.
 */
int km_ipconf_parse(const char *text, struct km_ipconf *c);

/* Dotted form of @addr (network order) into @buf (at least 16 bytes). */
void km_ipconf_format_addr(uint32_t addr, char *buf);

#endif /* KM_LWIP_IPCONF_H */
