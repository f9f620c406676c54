/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * httpreply: an HTTP/1.1 server answering every GET (and HEAD) with 200 and
 * a small fixed body. One thread per connection; keep-alive unless the
 * client asks otherwise (HTTP/1.0 without keep-alive, Connection: close).
 *
 *   httpreply [-p PORT]        (default 8080)
 *
 * Bad clients cost little: a request head larger than the buffer gets 431
 * and the connection is closed; a connection idle for IDLE_SECONDS is
 * closed; other methods get 405 and a close; when no thread can be
 * started the connection is closed at once. GET /stats answers the heap's
 * live allocations, the bytes they asked for and their usable bytes (on
 * Kumiki) instead of the fixed body, for leak checks.
 *
 * Plain POSIX: it also builds natively (cc -O2 -pthread main.c) for the
 * benchmark's baseline.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#ifdef CONFIG_LIBALLOC
#include <km/alloc.h>
#endif

#define HEAD_MAX     8192
#define IDLE_SECONDS 30
#define THREAD_STACK (64 * 1024)
#define BACKLOG	     256

static const char body[] = "Hello from httpreply\n";

struct conn {
	int fd;
	size_t have;
	char buf[HEAD_MAX];
};

static int send_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The heap's live allocations, the bytes they asked for (rounded to the
 * allocator's unit: the same live allocations always give the same
 * figure, the leak check) and their usable bytes (which also move with
 * how the allocator happened to split its free blocks), or -1 where the
 * allocator's statistics are not ours (a native build). */
static void heap_stats(long *objects, long *requested, long *bytes)
{
#ifdef CONFIG_LIBALLOC
	struct km_alloc_stats st;

	km_alloc_stats_get(&st); /* a consistent copy */
	*objects = (long)(st.nr_allocs - st.nr_frees);
	*requested = (long)st.requested;
	*bytes = (long)st.in_use;
#else
	*objects = *requested = *bytes = -1;
#endif
}

static int reply(int fd, int status, const char *reason, const char *text, int head_only, int keep)
{
	char out[512];
	size_t tlen = strlen(text);
	int n = snprintf(out, sizeof(out),
			 "HTTP/1.1 %d %s\r\nServer: httpreply\r\nContent-Type: text/plain\r\n"
			 "Content-Length: %zu\r\nConnection: %s\r\n\r\n%s",
			 status, reason, tlen, keep ? "keep-alive" : "close",
			 head_only ? "" : text);

	return send_all(fd, out, (size_t)n);
}

/* Whether header @name appears in @head with a value containing @value. */
static int header_has(const char *head, const char *name, const char *value)
{
	size_t nlen = strlen(name), vlen = strlen(value);

	for (const char *l = strstr(head, "\r\n"); l; l = strstr(l, "\r\n")) {
		l += 2;
		if (strncasecmp(l, name, nlen) || l[nlen] != ':')
			continue;
		for (const char *v = l + nlen + 1; *v && *v != '\r'; v++)
			if (!strncasecmp(v, value, vlen))
				return 1;
	}
	return 0;
}

/* Answer one request head (NUL-terminated); 1 to keep the connection. */
static int handle(int fd, char *head)
{
	int get = !strncmp(head, "GET ", 4), headreq = !strncmp(head, "HEAD ", 5);
	int http10 = strstr(head, " HTTP/1.0\r\n") != NULL;
	int keep = http10 ? header_has(head, "Connection", "keep-alive")
			  : !header_has(head, "Connection", "close");
	char stats[128];
	long objects, requested, bytes;

	if (!get && !headreq) {
		reply(fd, 405, "Method Not Allowed", "", 0, 0);
		return 0;
	}
	if (!strncmp(head + (get ? 4 : 5), "/stats ", 7)) {
		heap_stats(&objects, &requested, &bytes);
		snprintf(stats, sizeof(stats),
			 "heap_objects %ld\nheap_requested %ld\nheap_in_use %ld\n", objects,
			 requested, bytes);
		return reply(fd, 200, "OK", stats, headreq, keep) == 0 && keep;
	}
	return reply(fd, 200, "OK", body, headreq, keep) == 0 && keep;
}

static void *serve(void *arg)
{
	struct conn *c = arg;
	int open = 1;

	while (open) {
		char *end;
		ssize_t n;

		c->buf[c->have] = '\0';
		end = strstr(c->buf, "\r\n\r\n");
		if (end) {
			size_t used = (size_t)(end + 4 - c->buf);

			end[2] = '\0';
			open = handle(c->fd, c->buf);
			memmove(c->buf, c->buf + used, c->have - used);
			c->have -= used;
			continue;
		}
		if (c->have >= sizeof(c->buf) - 1) {
			reply(c->fd, 431, "Request Header Fields Too Large", "", 0, 0);
			break;
		}
		n = recv(c->fd, c->buf + c->have, sizeof(c->buf) - 1 - c->have, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) /* closed, reset, or idle too long */
			break;
		c->have += (size_t)n;
	}
	close(c->fd);
	free(c);
	return NULL;
}

static int listen_on(unsigned short port)
{
	struct sockaddr_in a;
	int one = 1, s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (s < 0) {
		perror("httpreply: socket");
		return -1;
	}
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(s, BACKLOG) < 0) {
		fprintf(stderr, "httpreply: cannot listen on port %u: %s\n", port, strerror(errno));
		close(s);
		return -1;
	}
	return s;
}

static void start_conn(int fd, pthread_attr_t *attr)
{
	struct timeval idle = { IDLE_SECONDS, 0 };
	struct conn *c = malloc(sizeof(*c));
	pthread_t t;
	int one = 1;

	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &idle, sizeof(idle));
	if (!c) {
		close(fd);
		return;
	}
	c->fd = fd;
	c->have = 0;
	if (pthread_create(&t, attr, serve, c)) {
		close(fd);
		free(c);
	}
}

int main(int argc, char **argv)
{
	unsigned long port = 8080;
	pthread_attr_t attr;
	int opt, s;

	while ((opt = getopt(argc, argv, "p:")) != -1) {
		char *end;

		if (opt != 'p') {
			fprintf(stderr, "usage: httpreply [-p PORT]\n");
			return 2;
		}
		errno = 0;
		port = strtoul(optarg, &end, 10);
		if (errno || *end || !*optarg || port < 1 || port > 65535) {
			fprintf(stderr, "httpreply: -p %s: not a port number (1..65535)\n", optarg);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "httpreply: unexpected argument '%s'\nusage: httpreply [-p PORT]\n",
			argv[optind]);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	s = listen_on((unsigned short)port);
	if (s < 0)
		return 1;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, THREAD_STACK);
	printf("httpreply: listening on port %lu\n", port);
	fflush(stdout);
	for (;;) {
		int fd = accept(s, NULL, NULL);

		if (fd >= 0)
			start_conn(fd, &attr);
		else if (errno != EINTR && errno != ECONNABORTED && errno != EAGAIN)
			usleep(10000); /* out of descriptors or memory: let some close */
	}
}
