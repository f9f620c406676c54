/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * getaddrinfo and the rest of <netdb.h> for newlib (lib/newlib's netdb.h
 * has the contract): numeric text first, then /etc/hosts, then DNS through
 * resolv_dns_query. Every list node holds its own address, so
 * freeaddrinfo frees node by node.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "resolv_impl.h"

#define RESOLV_CONF_PATH "/etc/resolv.conf"
#define HOSTS_PATH	 "/etc/hosts"
#define KNOWN_FLAGS                                                                                \
	(AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED | AI_ALL | AI_ADDRCONFIG |       \
	 AI_NUMERICSERV)

struct ai_node {
	struct addrinfo ai;
	union {
		struct sockaddr_in in;
		struct sockaddr_in6 in6;
	} sa;
	char canon[]; /* the first node's canonical name, when asked for */
};

/* Addresses of one family, as the lookup found them. */
struct found {
	int af;
	struct km_dns_result r;
};

static const struct {
	const char *name;
	unsigned short port;
	unsigned char udp_only;
} services[] = {
	{ "echo", 7, 0 },  { "ftp", 21, 0 },	{ "ssh", 22, 0 },    { "telnet", 23, 0 },
	{ "smtp", 25, 0 }, { "domain", 53, 0 }, { "tftp", 69, 1 },   { "http", 80, 0 },
	{ "ntp", 123, 1 }, { "https", 443, 0 }, { "mqtt", 1883, 0 }, { "http-alt", 8080, 0 },
};

/* @service's port (host order) into *@port; 0 or an EAI_* code. */
static int service_port(const char *service, int flags, int socktype, unsigned int *port)
{
	char *end;
	unsigned long v;

	*port = 0;
	if (!service)
		return 0;
	v = strtoul(service, &end, 10);
	if (*service && !*end && *service != '-' && *service != '+') {
		if (v > 65535)
			return EAI_SERVICE;
		*port = (unsigned int)v;
		return 0;
	}
	if (flags & AI_NUMERICSERV)
		return EAI_NONAME;
	for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++) {
		if (strcmp(service, services[i].name))
			continue;
		if (services[i].udp_only && socktype == SOCK_STREAM)
			return EAI_SERVICE;
		*port = services[i].port;
		return 0;
	}
	return EAI_SERVICE;
}

/* Numeric text as an address of a family @af allows: 1 when it was. */
static int numeric_host(const char *node, int af, struct found *f)
{
	struct in_addr a4;

	if ((af == AF_UNSPEC || af == AF_INET) && inet_aton(node, &a4)) {
		f->af = AF_INET;
		f->r.count = 1;
		f->r.addr_len = 4;
		memcpy(f->r.addr[0], &a4, 4);
		return 1;
	}
	if ((af == AF_UNSPEC || af == AF_INET6) && inet_pton(AF_INET6, node, f->r.addr[0]) == 1) {
		f->af = AF_INET6;
		f->r.count = 1;
		f->r.addr_len = 16;
		return 1;
	}
	return 0;
}

static int eai_from_errno(int err)
{
	switch (err) {
	case -ENOENT:
		return EAI_NONAME;
	case -ENODATA:
		return EAI_NODATA;
	case -ETIMEDOUT:
	case -EAGAIN:
		return EAI_AGAIN;
	case -EBADMSG:
	case -EPROTO:
		return EAI_FAIL;
	case -EINVAL:
		return EAI_NONAME; /* a name no query can carry */
	case -ENOMEM:
		return EAI_MEMORY;
	default:
		errno = -err;
		return EAI_SYSTEM;
	}
}

/* One family's addresses for a name: hosts file, then DNS. */
static int lookup_family(const char *node, int af, const struct resolv_conf *conf, struct found *f)
{
	f->af = af;
	if (!resolv_hosts_lookup(HOSTS_PATH, node, af, &f->r))
		return 0;
	if (!strcasecmp(node, "localhost") || !strcasecmp(node, "localhost.")) {
		static const uint8_t lo4[4] = { 127, 0, 0, 1 }, lo6[16] = { [15] = 1 };

		f->r.count = 1;
		f->r.addr_len = af == AF_INET ? 4 : 16;
		memcpy(f->r.addr[0], af == AF_INET ? lo4 : lo6, f->r.addr_len);
		return 0;
	}
	return resolv_dns_query(conf, node, af == AF_INET ? KM_DNS_TYPE_A : KM_DNS_TYPE_AAAA,
				&f->r);
}

/* Fills @found[0..1] for @node; returns how many families, or an EAI_*
 * code (negative). */
static int lookup(const char *node, const struct addrinfo *h, struct found found[2])
{
	struct resolv_conf conf;
	int rc4 = -ENODATA, rc6 = -ENODATA, n = 0;

	if (!node) { /* the wildcard or the loopback address */
		static const uint8_t lo4[4] = { 127, 0, 0, 1 }, lo6[16] = { [15] = 1 };
		int passive = h->ai_flags & AI_PASSIVE;

		if (h->ai_family != AF_INET6) {
			found[n].af = AF_INET;
			found[n].r.count = 1;
			found[n].r.addr_len = 4;
			memcpy(found[n++].r.addr[0], passive ? (const uint8_t[4]){ 0 } : lo4, 4);
		}
		if (h->ai_family != AF_INET) {
			found[n].af = AF_INET6;
			found[n].r.count = 1;
			found[n].r.addr_len = 16;
			memcpy(found[n++].r.addr[0], passive ? (const uint8_t[16]){ 0 } : lo6, 16);
		}
		return n;
	}
	if (numeric_host(node, h->ai_family, &found[0]))
		return 1;
	if (h->ai_flags & AI_NUMERICHOST)
		return EAI_NONAME;
	resolv_read_conf(RESOLV_CONF_PATH, &conf);
	/* IPv4 first: lib/lwip is an IPv4 stack, and a client tries in order */
	if (h->ai_family != AF_INET6) {
		rc4 = lookup_family(node, AF_INET, &conf, &found[n]);
		if (!rc4)
			n++;
		else if (rc4 == -ENOENT)
			return EAI_NONAME; /* the name does not exist at all */
	}
	if (h->ai_family != AF_INET) {
		rc6 = lookup_family(node, AF_INET6, &conf, &found[n]);
		if (!rc6)
			n++;
		else if (rc6 == -ENOENT && h->ai_family == AF_INET6)
			return EAI_NONAME;
	}
	if (n)
		return n;
	/* the more telling failure: one that is not "no such records" */
	return eai_from_errno(
		h->ai_family == AF_INET6 || (rc4 == -ENODATA && rc6 != -ENODATA) ? rc6 : rc4);
}

static struct ai_node *new_node(const struct found *f, unsigned int i, unsigned int port,
				int socktype, int protocol, size_t canon_size)
{
	struct ai_node *n = calloc(1, sizeof(*n) + canon_size);

	if (!n)
		return NULL;
	n->ai.ai_family = f->af;
	n->ai.ai_socktype = socktype;
	n->ai.ai_protocol = protocol;
	n->ai.ai_addr = (struct sockaddr *)&n->sa;
	if (f->af == AF_INET) {
		n->sa.in.sin_family = AF_INET;
		n->sa.in.sin_port = htons((uint16_t)port);
		memcpy(&n->sa.in.sin_addr, f->r.addr[i], 4);
		n->ai.ai_addrlen = sizeof(n->sa.in);
	} else {
		n->sa.in6.sin6_family = AF_INET6;
		n->sa.in6.sin6_port = htons((uint16_t)port);
		memcpy(&n->sa.in6.sin6_addr, f->r.addr[i], 16);
		n->ai.ai_addrlen = sizeof(n->sa.in6);
	}
	return n;
}

/* The socket kinds one address becomes: the hinted type (with the hinted
 * protocol, else its usual one), or stream and datagram for type 0,
 * narrowed by a hinted protocol. Returns how many went into @kinds. */
static int socket_kinds(const struct addrinfo *h, int kinds[2][2])
{
	static const int usual[][2] = { { SOCK_STREAM, IPPROTO_TCP }, { SOCK_DGRAM, IPPROTO_UDP } };
	int n = 0;

	if (h->ai_socktype == SOCK_RAW) {
		kinds[0][0] = SOCK_RAW;
		kinds[0][1] = h->ai_protocol;
		return 1;
	}
	for (size_t k = 0; k < sizeof(usual) / sizeof(usual[0]); k++) {
		if ((h->ai_socktype && h->ai_socktype != usual[k][0]) ||
		    (h->ai_protocol && h->ai_protocol != usual[k][1]))
			continue;
		kinds[n][0] = usual[k][0];
		kinds[n++][1] = usual[k][1];
	}
	return n;
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
		struct addrinfo **res)
{
	struct addrinfo h = { .ai_family = AF_UNSPEC };
	struct found found[2];
	struct addrinfo *head = NULL, **tail = &head;
	int kinds[2][2], nkinds, families, rc;
	unsigned int port;

	if (hints)
		h = *hints;
	if (!node && !service)
		return EAI_NONAME;
	if (h.ai_flags & ~KNOWN_FLAGS || (h.ai_flags & AI_CANONNAME && !node))
		return EAI_BADFLAGS;
	if (h.ai_family != AF_UNSPEC && h.ai_family != AF_INET && h.ai_family != AF_INET6)
		return EAI_FAMILY;
	if (h.ai_socktype != 0 && h.ai_socktype != SOCK_STREAM && h.ai_socktype != SOCK_DGRAM &&
	    h.ai_socktype != SOCK_RAW)
		return EAI_SOCKTYPE;
	nkinds = socket_kinds(&h, kinds);
	if (!nkinds)
		return EAI_SOCKTYPE; /* a protocol the type does not carry */
	rc = service_port(service, h.ai_flags, h.ai_socktype, &port);
	if (rc)
		return rc;
	families = lookup(node, &h, found);
	if (families < 0)
		return families;
	for (int f = 0; f < families; f++) {
		for (unsigned int i = 0; i < found[f].r.count; i++) {
			for (int k = 0; k < nkinds; k++) {
				size_t canon =
					!head && h.ai_flags & AI_CANONNAME ? strlen(node) + 1 : 0;
				struct ai_node *n = new_node(&found[f], i, port, kinds[k][0],
							     kinds[k][1], canon);

				if (!n) {
					freeaddrinfo(head);
					return EAI_MEMORY;
				}
				if (canon) {
					memcpy(n->canon, node, canon);
					n->ai.ai_canonname = n->canon;
				}
				*tail = &n->ai;
				tail = &n->ai.ai_next;
			}
		}
	}
	*res = head;
	return 0;
}

void freeaddrinfo(struct addrinfo *res)
{
	while (res) {
		struct addrinfo *next = res->ai_next;

		free(res); /* the node's first member: the same pointer */
		res = next;
	}
}

const char *gai_strerror(int err)
{
	switch (err) {
	case 0:
		return "Success";
	case EAI_BADFLAGS:
		return "Bad value for ai_flags";
	case EAI_NONAME:
		return "Name or service not known";
	case EAI_AGAIN:
		return "Temporary failure in name resolution";
	case EAI_FAIL:
		return "Non-recoverable failure in name resolution";
	case EAI_NODATA:
		return "No address associated with hostname";
	case EAI_FAMILY:
		return "ai_family not supported";
	case EAI_SOCKTYPE:
		return "ai_socktype not supported";
	case EAI_SERVICE:
		return "Servname not supported for ai_socktype";
	case EAI_ADDRFAMILY:
		return "Address family for hostname not supported";
	case EAI_MEMORY:
		return "Memory allocation failure";
	case EAI_SYSTEM:
		return "System error";
	case EAI_OVERFLOW:
		return "Argument buffer overflow";
	default:
		return "Unknown error";
	}
}
