/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test app: lib/newlib's OS stubs and added POSIX functions, one line each,
 * checked by tests/suites/72-newlib.sh. Each line prints what the call
 * gave, so a wrong value shows in the output rather than as "failed".
 * The last line comes from exit(): a fully buffered stderr is flushed then.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static long long ns_of(const struct timespec *ts)
{
	return ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

int main(void)
{
	struct timespec t0, t1, res, nap = { 0, 20000000 };
	struct stat st;
	int fd, err;

	setvbuf(stdout, NULL, _IONBF, 0);   /* lines in order with dup2's write */
	setvbuf(stderr, NULL, _IOFBF, 256); /* written by exit()'s flush only */
	fprintf(stderr, "exit: stderr flushed\n");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	printf("nanosleep: %d\n", nanosleep(&nap, NULL));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("monotonic: slept %s\n",
	       ns_of(&t1) - ns_of(&t0) >= 20000000 ? "20ms or more" : "too little");
	clock_gettime(CLOCK_REALTIME, &t0);
	printf("realtime: %s\n", t0.tv_sec > 1500000000 ? "after 2017" : "wrong");
	err = clock_getres(CLOCK_MONOTONIC, &res);
	printf("clock_getres: %d %s\n", err, res.tv_sec == 0 && res.tv_nsec > 0 ? "ok" : "wrong");
	printf("usleep: %d\n", usleep(1000));
	printf("ids: %d %d %d %d\n", (int)getuid(), (int)geteuid(), (int)getgid(), (int)getegid());
	printf("isatty: %d %d\n", isatty(1), isatty(99));
	err = fstat(1, &st);
	printf("fstat: %d %s\n", err, S_ISCHR(st.st_mode) ? "char device" : "other");
	fd = dup2(1, 7);
	printf("dup2: %d\n", fd);
	if (fd == 7)
		write(fd, "write: through fd 7\n", 20);
	errno = 0;
	fd = close(99);
	printf("close(99): %d %s\n", fd, strerror(errno));
	errno = 0;
	fd = fork();
	err = errno;
	printf("fork: %d %s (%d)\n", fd, strerror(err), err);
	printf("getentropy: %d\n", getentropy(&res, sizeof(res)));
	fd = open("/no/such/file", O_RDONLY);
	printf("open: %d %s\n", fd, fd < 0 ? "failed" : "opened");
	return 0;
}
