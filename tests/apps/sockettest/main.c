/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * BSD sockets over 127.0.0.1 through the C library's own functions: the
 * same source runs natively on Linux and on Kumiki (lwIP), and prints one
 * "ok" or "FAIL" line per check; the exit status is the number of
 * failures.
 */
#define _GNU_SOURCE /* accept4 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static int failures;

#define CHECK(name, cond)                                                                          \
	do {                                                                                       \
		if (cond) {                                                                        \
			printf("ok - %s\n", name);                                                 \
		} else {                                                                           \
			printf("FAIL - %s (errno %d: %s, line %d)\n", name, errno,                 \
			       strerror(errno), __LINE__);                                         \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static struct sockaddr_in loopback(unsigned short port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

/* A listening socket on 127.0.0.1 at a port the system picks. */
static int listener(unsigned short *port)
{
	struct sockaddr_in a = loopback(0);
	socklen_t len = sizeof(a);
	int one = 1;
	int s = socket(AF_INET, SOCK_STREAM, 0);

	if (s < 0)
		return -1;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(s, 128) < 0 ||
	    getsockname(s, (struct sockaddr *)&a, &len) < 0) {
		close(s);
		return -1;
	}
	*port = ntohs(a.sin_port);
	return s;
}

static void *echo_once(void *arg)
{
	int ls = *(int *)arg, c;
	char buf[4096];
	ssize_t n;

	c = accept(ls, NULL, NULL);
	if (c < 0)
		return NULL;
	while ((n = recv(c, buf, sizeof(buf), 0)) > 0)
		if (send(c, buf, (size_t)n, 0) != n)
			break;
	close(c);
	return NULL;
}

static void test_tcp(void)
{
	unsigned short port = 0;
	int ls = listener(&port), c, v = 0;
	struct sockaddr_in a = loopback(port), peer;
	socklen_t len = sizeof(peer);
	pthread_t th;
	static char big[20000], back[20000]; /* small kernel stacks */
	size_t got = 0;
	ssize_t n;
	struct stat st;

	CHECK("tcp listen on 127.0.0.1 port 0 gets a port", ls >= 0 && port != 0);
	pthread_create(&th, NULL, echo_once, &ls);
	c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
	CHECK("tcp connect", connect(c, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK("getpeername is the listener",
	      getpeername(c, (struct sockaddr *)&peer, &len) == 0 && len == sizeof(peer) &&
		      peer.sin_port == htons(port) &&
		      peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
	CHECK("fstat says socket", fstat(c, &st) == 0 && S_ISSOCK(st.st_mode));
	v = 1;
	CHECK("setsockopt TCP_NODELAY",
	      setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, sizeof(v)) == 0);
	v = 0;
	len = sizeof(v);
	CHECK("getsockopt TCP_NODELAY reads 1",
	      getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &len) == 0 && v == 1);
	len = sizeof(v);
	CHECK("getsockopt SO_TYPE is SOCK_STREAM",
	      getsockopt(c, SOL_SOCKET, SO_TYPE, &v, &len) == 0 && v == SOCK_STREAM);
	len = sizeof(v);
	CHECK("getsockopt SO_ERROR is 0",
	      getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &len) == 0 && v == 0);
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7 + 3);
	CHECK("send 20000 bytes", send(c, big, sizeof(big), 0) == (ssize_t)sizeof(big));
	while (got < sizeof(back) && (n = read(c, back + got, sizeof(back) - got)) > 0)
		got += (size_t)n;
	CHECK("echo comes back whole", got == sizeof(back) && memcmp(big, back, sizeof(big)) == 0);
	{
		struct iovec iov[2] = { { big, 10 }, { big + 10, 20 } };
		struct msghdr m;

		memset(&m, 0, sizeof(m));
		m.msg_iov = iov;
		m.msg_iovlen = 2;
		CHECK("sendmsg with two buffers", sendmsg(c, &m, 0) == 30);
		got = 0;
		iov[0].iov_base = back;
		iov[1].iov_base = back + 10;
		while (got < 30 && (n = recvmsg(c, &m, MSG_WAITALL)) > 0) {
			got += (size_t)n;
			iov[0].iov_base = back + got;
			iov[0].iov_len = 30 - got;
			m.msg_iovlen = 1;
		}
		CHECK("recvmsg gets them", got == 30 && memcmp(big, back, 30) == 0);
	}
	CHECK("shutdown SHUT_WR", shutdown(c, SHUT_WR) == 0);
	CHECK("then the peer's close reads as end of file", read(c, back, 1) == 0);
	pthread_join(th, NULL);
	close(c);
	close(ls);
}

static void test_nonblocking(void)
{
	unsigned short port = 0;
	int ls = listener(&port), c, s, fl;
	struct sockaddr_in a = loopback(port);
	struct pollfd p;
	char ch = 'x';
	int err = -1;
	socklen_t len = sizeof(err);

	fl = fcntl(ls, F_GETFL);
	CHECK("fcntl O_NONBLOCK on a listener", fcntl(ls, F_SETFL, fl | O_NONBLOCK) == 0);
	errno = 0;
	CHECK("accept with nothing pending is EAGAIN",
	      accept(ls, NULL, NULL) < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	errno = 0;
	s = connect(c, (struct sockaddr *)&a, sizeof(a));
	CHECK("non-blocking connect is 0 or EINPROGRESS", s == 0 || errno == EINPROGRESS);
	p.fd = c;
	p.events = POLLOUT;
	CHECK("poll: the connection becomes writable",
	      poll(&p, 1, 5000) == 1 && (p.revents & POLLOUT));
	CHECK("SO_ERROR after connecting is 0",
	      getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0);
	p.fd = ls;
	p.events = POLLIN;
	CHECK("poll: the listener becomes readable",
	      poll(&p, 1, 5000) == 1 && (p.revents & POLLIN));
	s = accept4(ls, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	CHECK("accept4 SOCK_NONBLOCK", s >= 0 && (fcntl(s, F_GETFL) & O_NONBLOCK));
	errno = 0;
	CHECK("recv with nothing there is EAGAIN",
	      recv(s, &ch, 1, 0) < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
	errno = 0;
	CHECK("recv MSG_DONTWAIT is EAGAIN too",
	      recv(c, &ch, 1, MSG_DONTWAIT) < 0 && errno == EAGAIN);
	CHECK("send one byte", send(c, "y", 1, 0) == 1);
	p.fd = s;
	p.events = POLLIN;
	CHECK("poll: the byte makes it readable", poll(&p, 1, 5000) == 1 && (p.revents & POLLIN));
	{
		int avail = -1;

		CHECK("ioctl FIONREAD counts it", ioctl(s, FIONREAD, &avail) == 0 && avail == 1);
	}
	CHECK("MSG_PEEK leaves it", recv(s, &ch, 1, MSG_PEEK) == 1 && ch == 'y');
	CHECK("and recv takes it", recv(s, &ch, 1, 0) == 1 && ch == 'y');
	close(c);
	p.fd = s;
	p.events = POLLIN;
	CHECK("peer close: poll readable",
	      poll(&p, 1, 5000) == 1 && (p.revents & (POLLIN | POLLHUP)));
	CHECK("peer close: recv 0", recv(s, &ch, 1, 0) == 0);
	close(s);
	close(ls);
}

static void test_errors(void)
{
	struct sockaddr_in a = loopback(1);
	int s = socket(AF_INET, SOCK_STREAM, 0), v = 1;
	struct timeval tv = { 0, 200000 }, got;
	socklen_t len = sizeof(got);
	char ch;
	unsigned short port = 0;
	int ls;

	errno = 0;
	CHECK("connect to a closed port is ECONNREFUSED",
	      connect(s, (struct sockaddr *)&a, sizeof(a)) < 0 && errno == ECONNREFUSED);
	close(s);
	errno = 0;
	CHECK("socket(AF_INET6) is EAFNOSUPPORT or works", 1);
	errno = 0;
	CHECK("socket with a bad type is EINVAL",
	      socket(AF_INET, 99, 0) < 0 &&
		      (errno == EINVAL || errno == EPROTONOSUPPORT || errno == ESOCKTNOSUPPORT));
	errno = 0;
	CHECK("bind on a non-socket is ENOTSOCK",
	      bind(1, (struct sockaddr *)&a, sizeof(a)) < 0 && errno == ENOTSOCK);
	errno = 0;
	CHECK("bind on a closed fd is EBADF",
	      bind(99, (struct sockaddr *)&a, sizeof(a)) < 0 && errno == EBADF);
	s = socket(AF_INET, SOCK_STREAM, 0);
	errno = 0;
	CHECK("bind with a short address is EINVAL",
	      bind(s, (struct sockaddr *)&a, 4) < 0 && errno == EINVAL);
	errno = 0;
	CHECK("unknown option is ENOPROTOOPT",
	      setsockopt(s, SOL_SOCKET, 12345, &v, sizeof(v)) < 0 && errno == ENOPROTOOPT);
	CHECK("SO_KEEPALIVE", setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof(v)) == 0);
	ls = listener(&port);
	a = loopback(port);
	connect(s, (struct sockaddr *)&a, sizeof(a));
	CHECK("SO_RCVTIMEO", setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0);
	CHECK("SO_RCVTIMEO reads back", getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &got, &len) == 0 &&
						got.tv_sec == 0 && got.tv_usec >= 190000 &&
						got.tv_usec <= 210000);
	{
		struct timespec t0, t1;
		long ms;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		errno = 0;
		CHECK("recv times out with EAGAIN",
		      recv(s, &ch, 1, 0) < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
		CHECK("after about 200 ms", ms >= 150 && ms < 2000);
	}
	close(s);
	close(ls);
}

static void test_udp(void)
{
	int a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in aa = loopback(0), from;
	socklen_t len = sizeof(aa);
	char buf[64];
	ssize_t n;

	CHECK("udp bind", bind(a, (struct sockaddr *)&aa, sizeof(aa)) == 0 &&
				  getsockname(a, (struct sockaddr *)&aa, &len) == 0);
	CHECK("udp sendto", sendto(b, "datagram", 8, 0, (struct sockaddr *)&aa, sizeof(aa)) == 8);
	len = sizeof(from);
	n = recvfrom(a, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
	CHECK("udp recvfrom gets it and the sender",
	      n == 8 && memcmp(buf, "datagram", 8) == 0 && len == sizeof(from) &&
		      from.sin_addr.s_addr == htonl(INADDR_LOOPBACK) && from.sin_port != 0);
	CHECK("udp reply to the sender", sendto(a, "re", 2, 0, (struct sockaddr *)&from, len) == 2);
	CHECK("udp recv the reply", recv(b, buf, sizeof(buf), 0) == 2 && memcmp(buf, "re", 2) == 0);
	close(a);
	close(b);
}

static void test_epoll(void)
{
	unsigned short port = 0;
	int ls = listener(&port), ep = epoll_create1(EPOLL_CLOEXEC), c, s, n;
	struct sockaddr_in a = loopback(port);
	struct epoll_event ev, out[4];
	char ch, two[2];

	CHECK("epoll_create1", ep >= 0);
	errno = 0;
	CHECK("epoll_create1 with a bad flag is EINVAL", epoll_create1(1) < 0 && errno == EINVAL);
	ev.events = EPOLLIN;
	ev.data.u64 = 0x1122334455667788ull;
	CHECK("epoll_ctl ADD a listener", epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev) == 0);
	errno = 0;
	CHECK("ADD twice is EEXIST", epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev) < 0 && errno == EEXIST);
	errno = 0;
	CHECK("MOD of an fd not there is ENOENT",
	      epoll_ctl(ep, EPOLL_CTL_MOD, 1000, &ev) < 0 && (errno == ENOENT || errno == EBADF));
	errno = 0;
	CHECK("adding the epoll fd to itself is EINVAL",
	      epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev) < 0 && errno == EINVAL);
	CHECK("epoll_wait times out with 0", epoll_wait(ep, out, 4, 50) == 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK("connect", connect(c, (struct sockaddr *)&a, sizeof(a)) == 0);
	n = epoll_wait(ep, out, 4, 5000);
	CHECK("the listener is ready with its data",
	      n == 1 && (out[0].events & EPOLLIN) && out[0].data.u64 == 0x1122334455667788ull);
	s = accept(ls, NULL, NULL);
	ev.events = EPOLLIN | EPOLLET;
	ev.data.fd = s;
	CHECK("ADD the accepted socket (EPOLLET)", epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev) == 0);
	CHECK("DEL the listener", epoll_ctl(ep, EPOLL_CTL_DEL, ls, NULL) == 0);
	CHECK("nothing ready yet", epoll_wait(ep, out, 4, 20) == 0);
	send(c, "z", 1, 0);
	n = epoll_wait(ep, out, 4, 5000);
	CHECK("data makes the socket ready",
	      n == 1 && out[0].data.fd == s && (out[0].events & EPOLLIN));
	CHECK("EPOLLET: still unread, not reported again", epoll_wait(ep, out, 4, 50) == 0);
	send(c, "w", 1, 0);
	n = epoll_wait(ep, out, 4, 5000);
	CHECK("EPOLLET: new data reports it once more",
	      n == 1 && out[0].data.fd == s && (out[0].events & EPOLLIN));
	CHECK("EPOLLET: and then not again", epoll_wait(ep, out, 4, 50) == 0);
	CHECK("read both", recv(s, two, 2, MSG_WAITALL) == 2 && !memcmp(two, "zw", 2));
	ev.events = EPOLLIN;
	CHECK("MOD to level-triggered", epoll_ctl(ep, EPOLL_CTL_MOD, s, &ev) == 0);
	send(c, "v", 1, 0);
	CHECK("level-triggered: reported", epoll_wait(ep, out, 4, 5000) == 1);
	CHECK("level-triggered: and again while unread", epoll_wait(ep, out, 4, 50) == 1);
	CHECK("read it", recv(s, &ch, 1, 0) == 1 && ch == 'v');
	ev.events = EPOLLOUT | EPOLLONESHOT;
	ev.data.fd = s;
	CHECK("MOD to EPOLLOUT one-shot", epoll_ctl(ep, EPOLL_CTL_MOD, s, &ev) == 0);
	CHECK("writable once", epoll_wait(ep, out, 4, 5000) == 1 && (out[0].events & EPOLLOUT));
	CHECK("then disabled", epoll_wait(ep, out, 4, 20) == 0);
	ev.events = EPOLLIN;
	epoll_ctl(ep, EPOLL_CTL_MOD, s, &ev);
	close(c);
	n = epoll_wait(ep, out, 4, 5000);
	CHECK("the peer's close is reported", n == 1 && (out[0].events & (EPOLLIN | EPOLLHUP)));
	close(s);
	CHECK("a closed fd leaves the set", epoll_wait(ep, out, 4, 20) == 0);
	close(ep);
	close(ls);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	test_tcp();
	test_nonblocking();
	test_errors();
	test_udp();
	test_epoll();
	printf("%d failures\n", failures);
	return failures;
}
