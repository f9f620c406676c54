/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netinet/in.h - Internet addresses for newlib, in the Linux x86_64 ABI
 * (ip(7), ipv6(7)): struct sockaddr_in/sockaddr_in6 as the kernel lays
 * them out, IPPROTO_*, INADDR_* (host byte order, as POSIX), IP_* and
 * IPV6_* option numbers, and the byte-order functions (never fail).
 */
#ifndef KM_NEWLIB_NETINET_IN_H
#define KM_NEWLIB_NETINET_IN_H
#include <stdint.h>
#include <sys/socket.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint16_t in_port_t;
typedef uint32_t in_addr_t;

struct in_addr {
	in_addr_t s_addr; /* network byte order */
};

struct in6_addr {
	union {
		uint8_t km_u8[16];
		uint16_t km_u16[8];
		uint32_t km_u32[4];
	} km_in6;
};
#define s6_addr	  km_in6.km_u8
#define s6_addr16 km_in6.km_u16
#define s6_addr32 km_in6.km_u32

struct sockaddr_in {
	sa_family_t sin_family; /* AF_INET */
	in_port_t sin_port;	/* network byte order */
	struct in_addr sin_addr;
	unsigned char sin_zero[8];
};

struct sockaddr_in6 {
	sa_family_t sin6_family; /* AF_INET6 */
	in_port_t sin6_port;	 /* network byte order */
	uint32_t sin6_flowinfo;
	struct in6_addr sin6_addr;
	uint32_t sin6_scope_id;
};

struct ip_mreq {
	struct in_addr imr_multiaddr;
	struct in_addr imr_interface;
};

struct ipv6_mreq {
	struct in6_addr ipv6mr_multiaddr;
	unsigned int ipv6mr_interface;
};

#define IPPROTO_IP     0
#define IPPROTO_ICMP   1
#define IPPROTO_IGMP   2
#define IPPROTO_TCP    6
#define IPPROTO_UDP    17
#define IPPROTO_IPV6   41
#define IPPROTO_ICMPV6 58
#define IPPROTO_RAW    255

#define INADDR_ANY	 ((in_addr_t)0x00000000)
#define INADDR_BROADCAST ((in_addr_t)0xffffffff)
#define INADDR_NONE	 ((in_addr_t)0xffffffff)
#define INADDR_LOOPBACK	 ((in_addr_t)0x7f000001)

#define INET_ADDRSTRLEN	 16 /* "255.255.255.255" and its NUL */
#define INET6_ADDRSTRLEN 46

extern const struct in6_addr in6addr_any;      /* :: */
extern const struct in6_addr in6addr_loopback; /* ::1 */
#define IN6ADDR_ANY_INIT                                                                           \
	{                                                                                          \
		{                                                                                  \
			{                                                                          \
				0                                                                  \
			}                                                                          \
		}                                                                                  \
	}
#define IN6ADDR_LOOPBACK_INIT                                                                      \
	{                                                                                          \
		{                                                                                  \
			{                                                                          \
				0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1                     \
			}                                                                          \
		}                                                                                  \
	}

#define IN6_IS_ADDR_UNSPECIFIED(a)                                                                 \
	(!((a)->s6_addr32[0] | (a)->s6_addr32[1] | (a)->s6_addr32[2] | (a)->s6_addr32[3]))
#define IN6_IS_ADDR_LOOPBACK(a)                                                                    \
	(!((a)->s6_addr32[0] | (a)->s6_addr32[1] | (a)->s6_addr32[2]) &&                           \
	 (a)->s6_addr32[3] == htonl(1))
#define IN6_IS_ADDR_V4MAPPED(a)                                                                    \
	(!((a)->s6_addr32[0] | (a)->s6_addr32[1]) && (a)->s6_addr32[2] == htonl(0xffff))
#define IN6_IS_ADDR_MULTICAST(a) ((a)->s6_addr[0] == 0xff)
#define IN6_IS_ADDR_LINKLOCAL(a) ((a)->s6_addr[0] == 0xfe && ((a)->s6_addr[1] & 0xc0) == 0x80)

/* setsockopt()/getsockopt() at IPPROTO_IP */
#define IP_TOS		   1
#define IP_TTL		   2
#define IP_HDRINCL	   3
#define IP_OPTIONS	   4
#define IP_PKTINFO	   8
#define IP_MULTICAST_IF	   32
#define IP_MULTICAST_TTL   33
#define IP_MULTICAST_LOOP  34
#define IP_ADD_MEMBERSHIP  35
#define IP_DROP_MEMBERSHIP 36
/* at IPPROTO_IPV6 */
#define IPV6_UNICAST_HOPS   16
#define IPV6_MULTICAST_IF   17
#define IPV6_MULTICAST_HOPS 18
#define IPV6_MULTICAST_LOOP 19
#define IPV6_JOIN_GROUP	    20
#define IPV6_LEAVE_GROUP    21
#define IPV6_V6ONLY	    26

/* Host to network byte order and back (x86_64 is little-endian). */
uint32_t htonl(uint32_t v);
uint16_t htons(uint16_t v);
uint32_t ntohl(uint32_t v);
uint16_t ntohs(uint16_t v);
#define htonl(v) __builtin_bswap32((uint32_t)(v))
#define htons(v) __builtin_bswap16((uint16_t)(v))
#define ntohl(v) __builtin_bswap32((uint32_t)(v))
#define ntohs(v) __builtin_bswap16((uint16_t)(v))

#ifdef __cplusplus
}
#endif
#endif
