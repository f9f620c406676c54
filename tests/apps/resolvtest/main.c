/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * resolvtest NAME...: prints /etc/resolv.conf and uname's nodename, then one line per NAME,
 * "NAME -> A.B.C.D" (every IPv4 address getaddrinfo gives) or
 * "NAME: <gai_strerror>". Exit status: the number of names not resolved
 * (2 when /etc/resolv.conf cannot be read).
 *
 * resolvtest -api: the <netdb.h> and <arpa/inet.h> calls on numeric input,
 * where every POSIX C library agrees (the suite compares the "ok" lines
 * with the same program built natively); "N failures" last, and the
 * exit status is N.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/utsname.h>

static int failures;

static void check(int ok, const char *what)
{
	printf("%s - %s\n", ok ? "ok" : "FAIL", what);
	failures += !ok;
}

static int gai(const char *node, const char *service, int family, int socktype, int flags,
	       struct addrinfo **res)
{
	struct addrinfo hints;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = family;
	hints.ai_socktype = socktype;
	hints.ai_flags = flags;
	*res = NULL;
	return getaddrinfo(node, service, &hints, res);
}

static int is_in4(const struct addrinfo *r, const char *addr, int port)
{
	const struct sockaddr_in *sa = (const struct sockaddr_in *)r->ai_addr;

	return r->ai_family == AF_INET && r->ai_addrlen == sizeof(*sa) &&
	       sa->sin_family == AF_INET && sa->sin_addr.s_addr == inet_addr(addr) &&
	       sa->sin_port == htons(port);
}

static int ntop_is(int af, const char *text, const char *want)
{
	unsigned char bin[16];
	char out[INET6_ADDRSTRLEN];

	return inet_pton(af, text, bin) == 1 && inet_ntop(af, bin, out, sizeof(out)) &&
	       !strcmp(out, want);
}

static int api(void)
{
	struct addrinfo *r;
	struct in_addr a;
	char host[NI_MAXHOST], serv[NI_MAXSERV], small[4];
	unsigned char bin[16];
	struct sockaddr_in sin;
	struct hostent *h;

	check(!gai("127.0.0.1", "80", AF_INET, SOCK_STREAM, 0, &r) && r && !r->ai_next &&
		      is_in4(r, "127.0.0.1", 80) && r->ai_socktype == SOCK_STREAM &&
		      r->ai_protocol == IPPROTO_TCP,
	      "getaddrinfo numeric IPv4 and port");
	freeaddrinfo(r);
	check(!gai(NULL, "8080", AF_INET, SOCK_STREAM, AI_PASSIVE, &r) && r &&
		      is_in4(r, "0.0.0.0", 8080),
	      "AI_PASSIVE without a node: the wildcard");
	freeaddrinfo(r);
	check(!gai(NULL, "8080", AF_INET, SOCK_DGRAM, 0, &r) && r && is_in4(r, "127.0.0.1", 8080) &&
		      r->ai_protocol == IPPROTO_UDP,
	      "no node, not passive: the loopback address");
	freeaddrinfo(r);
	check(!gai("10.0.0.1", NULL, AF_INET, 0, 0, &r) && r && r->ai_next &&
		      r->ai_socktype == SOCK_STREAM && r->ai_next->ai_socktype == SOCK_DGRAM &&
		      is_in4(r->ai_next, "10.0.0.1", 0),
	      "any socket type: stream, then datagram");
	freeaddrinfo(r);
	{
		struct addrinfo hints;

		memset(&hints, 0, sizeof(hints));
		hints.ai_family = AF_INET;
		hints.ai_protocol = IPPROTO_UDP;
		r = NULL;
		check(!getaddrinfo("10.0.0.1", "7", &hints, &r) && r && !r->ai_next &&
			      r->ai_socktype == SOCK_DGRAM && r->ai_protocol == IPPROTO_UDP,
		      "a protocol hint alone picks its socket type");
		freeaddrinfo(r);
	}
	check(gai("kumiki.invalid", "80", AF_INET, SOCK_STREAM, AI_NUMERICHOST, &r) == EAI_NONAME,
	      "AI_NUMERICHOST with a name is EAI_NONAME");
	check(gai("127.0.0.1", "80", 12345, 0, 0, &r) == EAI_FAMILY, "a bad family is EAI_FAMILY");
	check(gai(NULL, NULL, AF_UNSPEC, 0, 0, &r) == EAI_NONAME, "no node and no service");
	check(gai("127.0.0.1", "80x", AF_INET, SOCK_STREAM, AI_NUMERICSERV, &r) == EAI_NONAME,
	      "AI_NUMERICSERV with a name is EAI_NONAME");
	if (!gai("::1", "53", AF_INET6, SOCK_DGRAM, 0, &r) && r) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)r->ai_addr;

		check(r->ai_family == AF_INET6 && r->ai_addrlen == sizeof(*s6) &&
			      s6->sin6_port == htons(53) && IN6_IS_ADDR_LOOPBACK(&s6->sin6_addr),
		      "getaddrinfo numeric IPv6");
		freeaddrinfo(r);
	} else {
		check(0, "getaddrinfo numeric IPv6");
	}
	check(strlen(gai_strerror(EAI_NONAME)) > 0, "gai_strerror has a text");

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(8080);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	check(!getnameinfo((struct sockaddr *)&sin, sizeof(sin), host, sizeof(host), serv,
			   sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) &&
		      !strcmp(host, "127.0.0.1") && !strcmp(serv, "8080"),
	      "getnameinfo numeric");
	check(getnameinfo((struct sockaddr *)&sin, sizeof(sin), small, sizeof(small), NULL, 0,
			  NI_NUMERICHOST) == EAI_OVERFLOW,
	      "getnameinfo into a short buffer is EAI_OVERFLOW");

	check(ntop_is(AF_INET6, "2001:DB8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
	      "inet_pton/ntop: the first longest zero run");
	check(ntop_is(AF_INET6, "::1", "::1") && ntop_is(AF_INET6, "1::", "1::") &&
		      ntop_is(AF_INET6, "::", "::"),
	      "inet_pton/ntop: :: at either end");
	check(ntop_is(AF_INET6, "::ffff:1.2.3.4", "::ffff:1.2.3.4"),
	      "inet_pton/ntop: a v4-mapped address");
	check(ntop_is(AF_INET6, "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
	      "inet_pton/ntop: eight groups");
	check(inet_pton(AF_INET6, "1:2:3:4:5:6:7:8:9", bin) == 0 &&
		      inet_pton(AF_INET6, "1::2::3", bin) == 0 &&
		      inet_pton(AF_INET6, "12345::", bin) == 0 &&
		      inet_pton(AF_INET6, ":1::", bin) == 0,
	      "inet_pton rejects bad IPv6 text");
	check(ntop_is(AF_INET, "192.168.0.255", "192.168.0.255"), "inet_pton/ntop IPv4");
	check(inet_pton(AF_INET, "1.2.3.256", bin) == 0 && inet_pton(AF_INET, "1.2.3", bin) == 0 &&
		      inet_pton(AF_INET, "01.2.3.4", bin) == 0 &&
		      inet_pton(AF_INET, "1.2.3.4 ", bin) == 0,
	      "inet_pton rejects bad IPv4 text");
	check(inet_pton(AF_INET, "1.2.3.4", bin) == 1 && !memcmp(bin, "\1\2\3\4", 4),
	      "inet_pton gives network order");
	check(inet_ntop(AF_INET, "\1\2\3\4", small, sizeof(small)) == NULL,
	      "inet_ntop into a short buffer fails");
	check(inet_aton("127.1", &a) && a.s_addr == htonl(0x7f000001), "inet_aton a.b");
	check(inet_aton("0x7f.0.0.010", &a) && a.s_addr == htonl(0x7f000008),
	      "inet_aton hex and octal parts");
	check(!inet_aton("1.2.3.4.5", &a) && !inet_aton("256.1.1.1", &a) && !inet_aton("", &a),
	      "inet_aton rejects bad text");
	check(inet_addr("1.2.3") == htonl(0x01020003) && inet_addr("x") == INADDR_NONE,
	      "inet_addr");
	a.s_addr = htonl(0x0a000102);
	check(!strcmp(inet_ntoa(a), "10.0.1.2"), "inet_ntoa");
	h = gethostbyname("10.9.8.7");
	check(h && h->h_addrtype == AF_INET && h->h_length == 4 &&
		      !memcmp(h->h_addr_list[0], "\12\11\10\7", 4) && !h->h_addr_list[1],
	      "gethostbyname numeric");
	check(htons(0x1234) == ntohs(0x1234) &&
		      ((unsigned char *)&(unsigned short){ htons(1) })[1] == 1,
	      "htons is big-endian");
	check(sizeof(struct sockaddr_in) == 16 && sizeof(struct sockaddr_in6) == 28 &&
		      sizeof(struct sockaddr_storage) == 128 && sizeof(struct sockaddr) == 16,
	      "the Linux sockaddr sizes");
	printf("%d failures\n", failures);
	return failures;
}

int main(int argc, char **argv)
{
	char line[256];
	int failed = 0;
	struct utsname u;
	FILE *f;

	if (argc == 2 && !strcmp(argv[1], "-api"))
		return api();
	f = fopen("/etc/resolv.conf", "r");

	if (!f) {
		perror("/etc/resolv.conf");
		return 2;
	}
	while (fgets(line, sizeof(line), f))
		printf("resolv.conf: %s", line);
	fclose(f);
	if (uname(&u) == 0)
		printf("nodename: %s\n", u.nodename);
	for (int i = 1; i < argc; i++) {
		struct addrinfo hints, *res, *r;
		int rc;

		memset(&hints, 0, sizeof(hints));
		hints.ai_family = AF_INET;
		hints.ai_socktype = SOCK_STREAM;
		rc = getaddrinfo(argv[i], "80", &hints, &res);
		if (rc) {
			printf("%s: %s\n", argv[i], gai_strerror(rc));
			failed++;
			continue;
		}
		for (r = res; r; r = r->ai_next) {
			char a[INET_ADDRSTRLEN];

			inet_ntop(AF_INET, &((struct sockaddr_in *)r->ai_addr)->sin_addr, a,
				  sizeof(a));
			printf("%s -> %s\n", argv[i], a);
		}
		freeaddrinfo(res);
	}
	fflush(stdout);
	return failed;
}
