/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private to lib/lwip: the netdev.ip boot parameter's value in Unikraft's
 * field order (what urunc and kraft pass),
 *   <addr>/<prefix>[:<gw>[:<dns0>[:<dns1>[:<hostname>[:<domain>]]]]]
 * where every field after the first MAY be empty, parsed without lwIP so
 * that the host unit tests can check it.
 */
#ifndef KM_LWIP_IPCONF_H
#define KM_LWIP_IPCONF_H

#include <stdint.h>

struct km_ipconf {
	int set;	  /* 1 once a value was given */
	uint32_t addr;	  /* network byte order, as in struct in_addr */
	uint32_t netmask; /* from the prefix */
	uint32_t gw;	  /* 0: none given (an empty field) */
	uint32_t dns[2];  /* 0: none given */
	unsigned int prefix;
	char hostname[64]; /* "": none given */
	char domain[254];  /* "": none given */
};

/*
 * Parse @text into @c. 0; -EINVAL when it is not of the form (addresses
 * are four decimal numbers 0..255 without leading signs or spaces; a
 * hostname is one RFC 1123 label: 1..63 letters, digits and '-', not
 * starting or ending with '-'; a domain is such labels joined by '.', at
 * most 253 characters; more than six fields); -ERANGE for a prefix outside
 * 1..32, an address of 0.0.0.0, or a gateway outside the prefix's subnet
 * (lwIP could not reach it). @c is changed only on success.
 */
int km_ipconf_parse(const char *text, struct km_ipconf *c);

/* Dotted form of @addr (network order) into @buf (at least 16 bytes). */
void km_ipconf_format_addr(uint32_t addr, char *buf);

#endif /* KM_LWIP_IPCONF_H */
