/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The older <netdb.h> calls for newlib, on getaddrinfo: gethostbyname
 * (IPv4), getservbyname, getnameinfo (numeric answers), h_errno. Their
 * results live in per-thread storage, as the C libraries' do.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

static __thread int h_errno_value;

int *km_h_errno_location(void)
{
	return &h_errno_value;
}

const char *hstrerror(int err)
{
	switch (err) {
	case HOST_NOT_FOUND:
		return "Unknown host";
	case TRY_AGAIN:
		return "Host name lookup failure";
	case NO_RECOVERY:
		return "Unknown server error";
	case NO_DATA:
		return "No address associated with name";
	default:
		return "Resolver internal error";
	}
}

#define HOSTENT_ADDRS 16

static __thread struct {
	struct hostent h;
	char name[NI_MAXHOST];
	char *aliases[1];
	char *addr_list[HOSTENT_ADDRS + 1];
	struct in_addr addrs[HOSTENT_ADDRS];
} host;

struct hostent *gethostbyname(const char *name)
{
	struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM }, *res, *r;
	int rc = getaddrinfo(name, NULL, &hints, &res), n = 0;

	if (rc) {
		h_errno = rc == EAI_AGAIN    ? TRY_AGAIN
			  : rc == EAI_NODATA ? NO_DATA
			  : rc == EAI_NONAME ? HOST_NOT_FOUND
					     : NO_RECOVERY;
		return NULL;
	}
	for (r = res; r && n < HOSTENT_ADDRS; r = r->ai_next)
		host.addrs[n++] = ((struct sockaddr_in *)r->ai_addr)->sin_addr;
	freeaddrinfo(res);
	snprintf(host.name, sizeof(host.name), "%s", name);
	host.aliases[0] = NULL;
	for (int i = 0; i < n; i++)
		host.addr_list[i] = (char *)&host.addrs[i];
	host.addr_list[n] = NULL;
	host.h = (struct hostent){ .h_name = host.name,
				   .h_aliases = host.aliases,
				   .h_addrtype = AF_INET,
				   .h_length = 4,
				   .h_addr_list = host.addr_list };
	return &host.h;
}

static __thread struct {
	struct servent s;
	char name[NI_MAXSERV];
	char proto[4];
	char *aliases[1];
} serv;

struct servent *getservbyname(const char *name, const char *proto)
{
	int udp = proto && !strcmp(proto, "udp");
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = udp ? SOCK_DGRAM : SOCK_STREAM },
			*res;

	if ((proto && !udp && strcmp(proto, "tcp")) || getaddrinfo(NULL, name, &hints, &res))
		return NULL;
	serv.s.s_port = ((struct sockaddr_in *)res->ai_addr)->sin_port;
	freeaddrinfo(res);
	snprintf(serv.name, sizeof(serv.name), "%s", name);
	strcpy(serv.proto, udp ? "udp" : "tcp");
	serv.aliases[0] = NULL;
	serv.s.s_name = serv.name;
	serv.s.s_aliases = serv.aliases;
	serv.s.s_proto = serv.proto;
	return &serv.s;
}

int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host_out, socklen_t hostlen,
		char *serv_out, socklen_t servlen, int flags)
{
	const void *addr;
	unsigned int port;
	int af = sa ? sa->sa_family : AF_UNSPEC;

	if (af == AF_INET && salen >= sizeof(struct sockaddr_in)) {
		addr = &((const struct sockaddr_in *)sa)->sin_addr;
		port = ntohs(((const struct sockaddr_in *)sa)->sin_port);
	} else if (af == AF_INET6 && salen >= sizeof(struct sockaddr_in6)) {
		addr = &((const struct sockaddr_in6 *)sa)->sin6_addr;
		port = ntohs(((const struct sockaddr_in6 *)sa)->sin6_port);
	} else {
		return EAI_FAMILY;
	}
	/* no reverse lookups: a name is never found */
	if (flags & NI_NAMEREQD)
		return EAI_NONAME;
	if (host_out && hostlen && !inet_ntop(af, addr, host_out, hostlen))
		return EAI_OVERFLOW;
	if (serv_out && servlen && snprintf(serv_out, servlen, "%u", port) >= (int)servlen)
		return EAI_OVERFLOW;
	return 0;
}
