/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * echo: UDP and TCP echo on one port (default 7777), for the network tests.
 * Every datagram goes back to its sender; every TCP connection gets its
 * bytes back until it closes (one thread per connection).
 *
 *   echo [-p PORT]
 *
 * Plain POSIX: it also builds natively (cc -O2 -pthread main.c).
 */
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int bound_socket(int type, unsigned short port)
{
	struct sockaddr_in a;
	int one = 1, s = socket(AF_INET, type, 0);

	if (s < 0)
		return -1;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    (type == SOCK_STREAM && listen(s, 128) < 0)) {
		close(s);
		return -1;
	}
	return s;
}

static void *udp_echo(void *arg)
{
	int s = *(int *)arg;
	char buf[2048];

	for (;;) {
		struct sockaddr_in from;
		socklen_t len = sizeof(from);
		ssize_t n = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);

		if (n >= 0)
			sendto(s, buf, (size_t)n, 0, (struct sockaddr *)&from, len);
	}
	return NULL;
}

static void *tcp_echo(void *arg)
{
	int c = (int)(long)arg;
	char buf[4096];
	ssize_t n;

	while ((n = recv(c, buf, sizeof(buf), 0)) > 0)
		for (ssize_t off = 0, w; off < n; off += w)
			if ((w = send(c, buf + off, (size_t)(n - off), MSG_NOSIGNAL)) <= 0)
				goto out;
out:
	close(c);
	return NULL;
}

int main(int argc, char **argv)
{
	unsigned long port = 7777;
	pthread_attr_t attr;
	pthread_t t;
	int opt, u, l;

	while ((opt = getopt(argc, argv, "p:")) != -1) {
		char *end;

		errno = 0;
		port = opt == 'p' ? strtoul(optarg, &end, 10) : 0;
		if (opt != 'p' || errno || *end || !*optarg || port < 1 || port > 65535) {
			fprintf(stderr, "usage: echo [-p PORT]   (PORT 1..65535)\n");
			return 2;
		}
	}
	signal(SIGPIPE, SIG_IGN);
	u = bound_socket(SOCK_DGRAM, (unsigned short)port);
	l = bound_socket(SOCK_STREAM, (unsigned short)port);
	if (u < 0 || l < 0) {
		fprintf(stderr, "echo: cannot bind port %lu: %s\n", port, strerror(errno));
		return 1;
	}
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	if (pthread_create(&t, &attr, udp_echo, &u)) {
		fprintf(stderr, "echo: cannot start the UDP thread\n");
		return 1;
	}
	printf("echo: UDP and TCP on port %lu\n", port);
	fflush(stdout);
	for (;;) {
		int c = accept(l, NULL, NULL);

		if (c >= 0 && pthread_create(&t, &attr, tcp_echo, (void *)(long)c))
			close(c);
		else if (c < 0 && errno != EINTR && errno != ECONNABORTED)
			usleep(10000);
	}
}
