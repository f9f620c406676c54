/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One DNS question over UDP (RFC 1035 4.2.1): a fresh socket per server
 * and try, a random id, and only a datagram from that server's address
 * and port that parses as the answer to this query counts; anything else
 * is dropped and the wait goes on until the try's deadline.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "resolv_impl.h"

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int same_peer(const struct sockaddr_in6 *server, const struct sockaddr_in6 *from)
{
	if (server->sin6_family != from->sin6_family || server->sin6_port != from->sin6_port)
		return 0;
	if (server->sin6_family == AF_INET)
		return ((const struct sockaddr_in *)server)->sin_addr.s_addr ==
		       ((const struct sockaddr_in *)from)->sin_addr.s_addr;
	return !memcmp(&server->sin6_addr, &from->sin6_addr, sizeof(from->sin6_addr));
}

/* One try at @server: the parse result, -ETIMEDOUT, or -errno. */
static int ask(const struct sockaddr_in6 *server, unsigned int timeout_s, const char *name,
	       uint16_t type, struct km_dns_result *out)
{
	uint8_t query[KM_DNS_UDP_MAX], answer[KM_DNS_UDP_MAX];
	socklen_t slen = server->sin6_family == AF_INET ? sizeof(struct sockaddr_in)
							: sizeof(struct sockaddr_in6);
	long long deadline = now_ms() + timeout_s * 1000LL;
	uint16_t id;
	int qlen, fd, rc = -ETIMEDOUT;

	if (getrandom(&id, sizeof(id), 0) != sizeof(id))
		id = (uint16_t)now_ms();
	qlen = km_dns_build_query(query, sizeof(query), id, name, type);
	if (qlen < 0)
		return qlen;
	fd = socket(server->sin6_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (sendto(fd, query, (size_t)qlen, 0, (const struct sockaddr *)server, slen) != qlen) {
		rc = -errno;
		close(fd);
		return rc;
	}
	for (long long left; (left = deadline - now_ms()) > 0;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		struct sockaddr_in6 from;
		socklen_t flen = sizeof(from);
		int ready = poll(&pfd, 1, (int)left), parsed;
		ssize_t n;

		if (ready < 0 && errno != EINTR) {
			rc = -errno;
			break;
		}
		if (ready <= 0)
			continue; /* EINTR or the deadline: the loop's test decides */
		memset(&from, 0, sizeof(from));
		n = recvfrom(fd, answer, sizeof(answer), MSG_DONTWAIT, (struct sockaddr *)&from,
			     &flen);
		if (n < 0 || !same_peer(server, &from))
			continue;
		parsed = km_dns_parse_answer(answer, (size_t)n, id, name, type, out);
		if (parsed == -EBADMSG &&
		    !(n >= 2 && answer[0] == (id >> 8) && answer[1] == (uint8_t)id))
			continue; /* not even our id: a stray datagram */
		rc = parsed;
		break;
	}
	close(fd);
	return rc;
}

int resolv_dns_query(const struct resolv_conf *conf, const char *name, uint16_t type,
		     struct km_dns_result *out)
{
	int rc = -ETIMEDOUT, failure = 0;

	for (unsigned int round = 0; round < conf->attempts; round++) {
		for (unsigned int i = 0; i < conf->count; i++) {
			rc = ask(&conf->server[i], conf->timeout_s, name, type, out);
			if (rc == 0 || rc == -ENOENT || rc == -ENODATA || rc == -EINVAL)
				return rc;
			if (rc != -ETIMEDOUT)
				failure = rc; /* a server failed: remember, try the others */
		}
	}
	return failure ? failure : rc;
}
