/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netpoke: the host side of the network tests (tests/suites/90-net.sh),
 * the clients curl and wrk are not: bad clients and echo checks. Every
 * mode is bounded in time and prints one result line; the exit status is 0
 * when the mode's expectation holds.
 *
 *   netpoke udp     HOST PORT          a datagram comes back unchanged
 *   netpoke tcpecho HOST PORT BYTES    BYTES come back unchanged
 *   netpoke idle    HOST PORT N        opens N connections that send
 *                                      nothing; prints "idle N open" and
 *                                      holds them until stdin closes
 *   netpoke churn   HOST PORT N        N connections opened and dropped
 *                                      (every other one by a reset)
 *   netpoke bighead HOST PORT BYTES    a GET with a header of BYTES bytes;
 *                                      prints the status line, or "closed"
 *                                      when the server shut the door first
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static struct sockaddr_in target;

static void die(const char *what)
{
	fprintf(stderr, "netpoke: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void set_timeouts(int s, int seconds)
{
	struct timeval tv = { seconds, 0 };

	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

static int connect_tcp(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);

	if (s < 0)
		die("socket");
	set_timeouts(s, 10);
	if (connect(s, (struct sockaddr *)&target, sizeof(target)) < 0)
		die("connect");
	return s;
}

static int mode_udp(void)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	char msg[64], back[64];
	ssize_t n = -1;

	set_timeouts(s, 1);
	snprintf(msg, sizeof(msg), "netpoke %d", (int)getpid());
	for (int tries = 0; tries < 5 && n < 0; tries++) { /* UDP may lose the first (ARP) */
		sendto(s, msg, strlen(msg), 0, (struct sockaddr *)&target, sizeof(target));
		n = recv(s, back, sizeof(back), 0);
	}
	if (n != (ssize_t)strlen(msg) || memcmp(msg, back, (size_t)n)) {
		printf("udp: no echo\n");
		return 1;
	}
	printf("udp: echo ok\n");
	return 0;
}

static int mode_tcpecho(long bytes)
{
	int s = connect_tcp();
	char *out = malloc((size_t)bytes), *in = malloc((size_t)bytes);
	long sent = 0, got = 0;

	if (!out || !in)
		die("malloc");
	for (long i = 0; i < bytes; i++)
		out[i] = (char)(i * 31 + 7);
	while (got < bytes) {
		struct pollfd p = { s, POLLIN | (sent < bytes ? POLLOUT : 0), 0 };
		ssize_t n;

		if (poll(&p, 1, 10000) <= 0)
			break;
		if ((p.revents & POLLOUT) &&
		    (n = send(s, out + sent, (size_t)(bytes - sent), 0)) > 0)
			sent += n;
		if (p.revents & (POLLIN | POLLHUP)) {
			n = recv(s, in + got, (size_t)(bytes - got), 0);
			if (n <= 0)
				break;
			got += n;
		}
	}
	if (got != bytes || memcmp(out, in, (size_t)bytes)) {
		printf("tcpecho: %ld of %ld bytes came back\n", got, bytes);
		return 1;
	}
	printf("tcpecho: %ld bytes ok\n", bytes);
	return 0;
}

static int mode_idle(long n)
{
	char c;

	for (long i = 0; i < n; i++)
		connect_tcp();
	printf("idle %ld open\n", n);
	fflush(stdout);
	while (read(0, &c, 1) > 0)
		;
	return 0;
}

static int mode_churn(long n)
{
	for (long i = 0; i < n; i++) {
		int s = connect_tcp();

		if (i % 2) {
			struct linger l = { 1, 0 }; /* close sends a reset */

			setsockopt(s, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
		}
		close(s);
	}
	printf("churn: %ld connections opened and dropped\n", n);
	return 0;
}

static int mode_bighead(long bytes)
{
	int s = connect_tcp();
	char chunk[4096], status[128];
	const char *start = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ";
	long left = bytes;
	ssize_t n;

	signal(SIGPIPE, SIG_IGN);
	memset(chunk, 'a', sizeof(chunk));
	if (send(s, start, strlen(start), 0) < 0)
		die("send");
	while (left > 0) {
		n = send(s, chunk, left < (long)sizeof(chunk) ? (size_t)left : sizeof(chunk), 0);
		if (n <= 0)
			break; /* the server answered and closed: fine */
		left -= n;
	}
	if (left <= 0)
		send(s, "\r\n\r\n", 4, 0);
	n = recv(s, status, sizeof(status) - 1, 0);
	if (n <= 0) {
		printf("closed\n");
		return 0;
	}
	status[n] = '\0';
	status[strcspn(status, "\r\n")] = '\0';
	printf("%s\n", status);
	return 0;
}

int main(int argc, char **argv)
{
	long n = argc > 4 ? strtol(argv[4], NULL, 10) : 0;

	if (argc < 4) {
		fprintf(stderr, "usage: netpoke udp|tcpecho|idle|churn|bighead HOST PORT [N]\n");
		return 2;
	}
	target.sin_family = AF_INET;
	target.sin_port = htons((unsigned short)atoi(argv[3]));
	if (inet_pton(AF_INET, argv[2], &target.sin_addr) != 1) {
		fprintf(stderr, "netpoke: %s: not an IPv4 address\n", argv[2]);
		return 2;
	}
	alarm(120); /* whatever happens, never hang a test */
	if (!strcmp(argv[1], "udp"))
		return mode_udp();
	if (!strcmp(argv[1], "tcpecho") && n > 0)
		return mode_tcpecho(n);
	if (!strcmp(argv[1], "idle") && n > 0)
		return mode_idle(n);
	if (!strcmp(argv[1], "churn") && n > 0)
		return mode_churn(n);
	if (!strcmp(argv[1], "bighead") && n > 0)
		return mode_bighead(n);
	fprintf(stderr, "netpoke: %s: unknown mode or missing count\n", argv[1]);
	return 2;
}
