/* SPDX-License-Identifier: BSD-3-Clause */
/* poll, ppoll, select and pselect on files and pipes. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "compat.h"
#include "posixfs.h"

static long elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

static void polls(void)
{
	struct pollfd fds[3];
	struct timespec t0, ts = { 0, 20 * 1000 * 1000 };
	int p[2], f;
	char c;

	mkdir("/p", 0755);
	pf_write_file("/p/f", "data", 4);
	f = OK(open("/p/f", O_RDWR));
	OK(pipe(p));
	fds[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	fds[2] = (struct pollfd){ .fd = f, .events = POLLIN | POLLOUT };
	EQ(poll(fds, 3, 0), 2);
	EQ(fds[0].revents, 0);
	EQ(fds[1].revents, POLLOUT);
	EQ(fds[2].revents, POLLIN | POLLOUT);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	EQ(poll(fds, 1, 30), 0); /* times out */
	TRUE(elapsed_ms(&t0) >= 30);
	write(p[1], "x", 1);
	EQ(poll(fds, 1, -1), 1);
	EQ(fds[0].revents, POLLIN);
	read(p[0], &c, 1);
	EQ(ppoll(fds, 1, &ts, NULL), 0);
	close(p[1]);
	EQ(poll(fds, 1, 0), 1);
	EQ(fds[0].revents, POLLHUP); /* no writer left */
	fds[0].fd = 99;
	EQ(poll(fds, 1, 0), 1);
	EQ(fds[0].revents, POLLNVAL);
	ts.tv_nsec = -1;
	ERR(ppoll(fds, 1, &ts, NULL), EINVAL);
	close(p[0]);
	close(f);
}

static void selects(void)
{
	fd_set r, w;
	struct timeval tv = { 0, 30000 };
	struct timespec ts = { 0, 10 * 1000 * 1000 }, t0;
	int p[2], f = OK(open("/p/f", O_RDONLY)), top;

	OK(pipe(p));
	top = (p[0] > p[1] ? p[0] : p[1]) > f ? (p[0] > p[1] ? p[0] : p[1]) : f;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(f, &r);
	FD_SET(p[1], &w);
	EQ(select(top + 1, &r, &w, NULL, &tv), 3 - 1);
	TRUE(!FD_ISSET(p[0], &r) && FD_ISSET(f, &r) && FD_ISSET(p[1], &w));
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	tv = (struct timeval){ 0, 30000 };
	EQ(select(p[0] + 1, &r, NULL, NULL, &tv), 0);
	TRUE(elapsed_ms(&t0) >= 30);
	TRUE(!FD_ISSET(p[0], &r));
	write(p[1], "y", 1);
	FD_SET(p[0], &r);
	EQ(select(p[0] + 1, &r, NULL, NULL, NULL), 1);
	TRUE(FD_ISSET(p[0], &r));
	FD_SET(p[0], &r);
	EQ(pselect(p[0] + 1, &r, NULL, NULL, &ts, NULL), 1);
	FD_ZERO(&r);
	FD_SET(60, &r); /* below newlib's FD_SETSIZE of 64 */
	ERR(select(61, &r, NULL, NULL, &tv), EBADF);
	ERR(select(-1, NULL, NULL, NULL, &tv), EINVAL);
	tv.tv_sec = -1;
	ERR(select(1, NULL, NULL, NULL, &tv), EINVAL);
	tv = (struct timeval){ 0, 1000000 + 10000 }; /* Linux carries microseconds over */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	EQ(syscall(SYS_select, 0, NULL, NULL, NULL, &tv), 0);
	TRUE(elapsed_ms(&t0) >= 1010);
	tv = (struct timeval){ 0, 1000 };
	EQ(select(0, NULL, NULL, NULL, &tv), 0); /* a plain sleep */
	close(p[0]);
	close(p[1]);
	close(f);
}

int cmd_poll(int argc, char **argv)
{
	(void)argc, (void)argv;
	polls();
	selects();
	return 0;
}
