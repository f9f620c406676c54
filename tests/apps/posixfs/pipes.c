/* SPDX-License-Identifier: BSD-3-Clause */
/* pipe and pipe2: data, end of file, EPIPE, O_NONBLOCK, blocking with threads. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "posixfs.h"

#define BIG (256 * 1024)

static void *slow_writer(void *arg)
{
	int fd = *(int *)arg;
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	nanosleep(&ts, NULL);
	write(fd, "late", 4);
	return NULL;
}

static void *big_reader(void *arg)
{
	int fd = *(int *)arg;
	char *buf = malloc(BIG);
	long got = 0, n;
	unsigned long sum = 0;

	while (buf && (n = read(fd, buf, 10000)) > 0) {
		for (long i = 0; i < n; i++)
			sum += (unsigned char)buf[i] * (unsigned long)((got + i) % 251);
		got += n;
	}
	free(buf);
	return (void *)(got == BIG ? sum : 0);
}

static void basics(void)
{
	char buf[16];
	struct stat st;
	int p[2], size;

	OK(pipe(p));
	EQ(write(p[1], "hello", 5), 5);
	OK(ioctl(p[0], FIONREAD, &size));
	EQ(size, 5);
	EQ(read(p[0], buf, 3), 3);
	EQ(read(p[0], buf + 3, 10), 2);
	TRUE(!memcmp(buf, "hello", 5));
	OK(fstat(p[0], &st));
	TRUE(S_ISFIFO(st.st_mode));
	ERR(lseek(p[0], 0, SEEK_SET), ESPIPE);
	ERR(pread(p[0], buf, 1, 0), ESPIPE);
	EQ(posix_fadvise(p[0], 0, 0, POSIX_FADV_SEQUENTIAL), ESPIPE);
	ERR(write(p[0], "x", 1), EBADF);
	ERR(read(p[1], buf, 1), EBADF);
#ifdef F_GETPIPE_SZ /* not named by every C library (newlib) */
	EQ(fcntl(p[0], F_GETPIPE_SZ), 65536);
#endif
	close(p[1]);
	EQ(read(p[0], buf, sizeof(buf)), 0); /* no writer: end of file */
	close(p[0]);
	/* No reader: EPIPE (SIGPIPE ignored here). */
	{
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_IGN;
		OK(sigaction(SIGPIPE, &sa, NULL));
	}
	OK(pipe(p));
	close(p[0]);
	ERR(write(p[1], "x", 1), EPIPE);
	close(p[1]);
	ERR(pipe(NULL), EFAULT);
	ERR(pipe2(p, O_APPEND), EINVAL);
}

static void nonblocking(void)
{
	char *buf = calloc(1, 70000);
	int p[2];
	long n;

	OK(pipe2(p, O_NONBLOCK | O_CLOEXEC));
	EQ(fcntl(p[0], F_GETFD), FD_CLOEXEC);
	TRUE(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	ERR(read(p[0], buf, 1), EAGAIN);
	n = write(p[1], buf, 70000);
	EQ(n, 65536); /* a partial write fills the pipe */
	ERR(write(p[1], "x", 1), EAGAIN);
	EQ(read(p[0], buf, 100), 100);
	ERR(write(p[1], buf, 200), EAGAIN); /* <= PIPE_BUF: all or nothing */
	close(p[0]);
	close(p[1]);
	free(buf);
}

static void blocking(void)
{
	char buf[8] = { 0 }, *big = malloc(BIG);
	unsigned long sum = 0;
	pthread_t t;
	void *res;
	int p[2];

	/* A read waits for a writer that comes later. */
	OK(pipe(p));
	pthread_create(&t, NULL, slow_writer, &p[1]);
	EQ(read(p[0], buf, sizeof(buf)), 4);
	TRUE(!memcmp(buf, "late", 4));
	pthread_join(t, NULL);
	close(p[0]);
	close(p[1]);
	/* A write larger than the pipe waits for the reader, bytes in order. */
	OK(pipe(p));
	for (long i = 0; i < BIG; i++) {
		big[i] = (char)(i * 7 + 3);
		sum += (unsigned char)big[i] * (unsigned long)(i % 251);
	}
	pthread_create(&t, NULL, big_reader, &p[0]);
	EQ(write(p[1], big, BIG), BIG);
	close(p[1]);
	pthread_join(t, &res);
	EQ((unsigned long)res, sum);
	close(p[0]);
	free(big);
}

int cmd_pipes(int argc, char **argv)
{
	(void)argc, (void)argv;
	basics();
	nonblocking();
	blocking();
	return 0;
}
