/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netdb.h - name resolution for newlib, in Linux's ABI (getaddrinfo(3),
 * getnameinfo(3), gethostbyname(3)); the functions are lib/resolv's (see
 * its README and km/resolv.h), which lib/lwip brings with newlib.
 *
 * Where names come from, in order: numeric text (inet_pton), /etc/hosts,
 * then DNS over UDP to the "nameserver" lines of /etc/resolv.conf (at most
 * 3 servers; "options timeout:N attempts:N" honoured within 1..30 s and
 * 1..5 tries). Services are numeric or one of a few well-known names.
 *
 * getaddrinfo: @node and/or @service (not both NULL); @hints MAY be NULL
 * (AF_UNSPEC, any type). Families AF_INET, AF_INET6, AF_UNSPEC; flags
 * AI_PASSIVE, AI_NUMERICHOST, AI_NUMERICSERV, AI_CANONNAME, AI_ADDRCONFIG
 * (accepted), AI_V4MAPPED and AI_ALL (accepted, no mapping). Returns 0
 * and a list in *@res the caller frees with freeaddrinfo, or an EAI_*:
 * EAI_NONAME (no such name, or AI_NUMERICHOST with a name), EAI_AGAIN
 * (no server answered in time), EAI_FAIL (a server failure or a malformed
 * answer), EAI_SERVICE, EAI_FAMILY, EAI_SOCKTYPE, EAI_BADFLAGS,
 * EAI_MEMORY, EAI_SYSTEM (errno tells).
 * getnameinfo: numeric answers only (NI_NAMEREQD therefore EAI_NONAME);
 * EAI_OVERFLOW when @host or @serv is too small.
 * gethostbyname: IPv4 through getaddrinfo; a per-thread result, NULL with
 * h_errno (HOST_NOT_FOUND, TRY_AGAIN, NO_RECOVERY) on failure.
 */
#ifndef KM_NEWLIB_NETDB_H
#define KM_NEWLIB_NETDB_H
#include <netinet/in.h>
#include <sys/socket.h>

#ifdef __cplusplus
extern "C" {
#endif

struct addrinfo {
	int ai_flags;
	int ai_family;
	int ai_socktype;
	int ai_protocol;
	socklen_t ai_addrlen;
	struct sockaddr *ai_addr;
	char *ai_canonname;
	struct addrinfo *ai_next;
};

#define AI_PASSIVE     0x01
#define AI_CANONNAME   0x02
#define AI_NUMERICHOST 0x04
#define AI_V4MAPPED    0x08
#define AI_ALL	       0x10
#define AI_ADDRCONFIG  0x20
#define AI_NUMERICSERV 0x400

#define EAI_BADFLAGS   -1
#define EAI_NONAME     -2
#define EAI_AGAIN      -3
#define EAI_FAIL       -4
#define EAI_NODATA     -5
#define EAI_FAMILY     -6
#define EAI_SOCKTYPE   -7
#define EAI_SERVICE    -8
#define EAI_ADDRFAMILY -9
#define EAI_MEMORY     -10
#define EAI_SYSTEM     -11
#define EAI_OVERFLOW   -12

#define NI_NUMERICHOST 1
#define NI_NUMERICSERV 2
#define NI_NOFQDN      4
#define NI_NAMEREQD    8
#define NI_DGRAM       16
#define NI_MAXHOST     1025
#define NI_MAXSERV     32

struct hostent {
	char *h_name;
	char **h_aliases;
	int h_addrtype;
	int h_length;
	char **h_addr_list;
};
#define h_addr h_addr_list[0]

struct servent {
	char *s_name;
	char **s_aliases;
	int s_port; /* network byte order */
	char *s_proto;
};

#define HOST_NOT_FOUND 1
#define TRY_AGAIN      2
#define NO_RECOVERY    3
#define NO_DATA	       4
#define NO_ADDRESS     NO_DATA
/* gethostbyname()'s error, per thread. */
int *km_h_errno_location(void);
#define h_errno (*km_h_errno_location())

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
		struct addrinfo **res);
void freeaddrinfo(struct addrinfo *res);
/* A static text for an EAI_* @err ("Unknown error" for others). */
const char *gai_strerror(int err);
int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host, socklen_t hostlen,
		char *serv, socklen_t servlen, int flags);
struct hostent *gethostbyname(const char *name);
/* @name's port for protocol @proto ("tcp", "udp" or NULL), from a small
 * built-in table; a per-thread result, NULL when unknown. */
struct servent *getservbyname(const char *name, const char *proto);
/* h_errno's text. */
const char *hstrerror(int err);

#ifdef __cplusplus
}
#endif
#endif
