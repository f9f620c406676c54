/* SPDX-License-Identifier: BSD-3-Clause */
/* getrandom, an unimplemented system call, and calls to trace. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <stdio.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "posixtest.h"

int cmd_random(int argc, char **argv)
{
	unsigned char a[64], b[64];
	ssize_t r;
	int same = 1, equal_bytes = 1, hist[256] = { 0 }, maxc = 0;
	static unsigned char big[65536];

	(void)argc, (void)argv;
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	PT_CHECK(getrandom(a, sizeof(a), 0) == sizeof(a) && getrandom(b, sizeof(b), 0) == sizeof(b),
		 "getrandom fills the buffer");
	same = !memcmp(a, b, sizeof(a));
	for (size_t i = 1; i < sizeof(a); i++)
		equal_bytes &= a[i] == a[0];
	PT_CHECK(!same, "two getrandom calls differ");
	PT_CHECK(!equal_bytes, "getrandom's bytes are not all equal");
	r = getrandom(big, sizeof(big), GRND_NONBLOCK);
	for (size_t i = 0; i < sizeof(big); i++)
		hist[big[i]]++;
	for (int i = 0; i < 256; i++)
		maxc = hist[i] > maxc ? hist[i] : maxc;
	/* 256 expected per value; 400 is about 9 standard deviations. */
	PT_CHECK(r == sizeof(big) && maxc < 400,
		 "64 KiB from getrandom(GRND_NONBLOCK) look uniform",
		 "r %zd, most frequent byte %d times", r, maxc);
	PT_CHECK(getrandom(a, 0, 0) == 0, "getrandom of 0 bytes returns 0");
	errno = 0;
	r = getrandom(a, sizeof(a), 0x100);
	PT_CHECK(r == -1 && errno == EINVAL, "getrandom with an unknown flag is EINVAL",
		 "r %zd errno %d", r, errno);
	errno = 0;
	r = getrandom(a, sizeof(a), GRND_RANDOM | 4 /* GRND_INSECURE */);
	PT_CHECK(r == -1 && errno == EINVAL, "getrandom(GRND_RANDOM | GRND_INSECURE) is EINVAL",
		 "r %zd errno %d", r, errno);
	errno = 0;
	r = getrandom(NULL, 16, 0);
	PT_CHECK(r == -1 && errno == EFAULT, "getrandom into NULL is EFAULT", "r %zd errno %d", r,
		 errno);
	return 0;
}

/* enosys: kexec_load three times, fork twice: -1/ENOSYS each, and the
 * system warns once per call (the suite counts the lines). */
int cmd_enosys(int argc, char **argv)
{
	long r[3];
	int e[3];

	(void)argc, (void)argv;
	for (int i = 0; i < 3; i++) {
		errno = 0;
		r[i] = syscall(SYS_kexec_load, 0, 0, 0, 0);
		e[i] = errno;
	}
	PT_CHECK(r[0] == -1 && e[0] == ENOSYS && r[1] == -1 && e[1] == ENOSYS && r[2] == -1 &&
			 e[2] == ENOSYS,
		 "syscall(SYS_kexec_load) is -1, ENOSYS", "%ld %d", r[0], e[0]);
	for (int i = 0; i < 2; i++) {
		errno = 0;
		r[i] = fork();
		e[i] = errno;
	}
	PT_CHECK(r[0] == -1 && e[0] == ENOSYS && r[1] == -1 && e[1] == ENOSYS, "fork is -1, ENOSYS",
		 "%ld %d", r[0], e[0]);
	PT_CHECK(!strcmp(strerror(ENOSYS), "Function not implemented"), "strerror(ENOSYS)");
	return 0;
}

/* trace: a few calls whose trace lines the suite knows. */
int cmd_trace(int argc, char **argv)
{
	struct timespec ts;

	(void)argc, (void)argv;
	printf("pid %d\n", (int)getpid());
	fflush(stdout);
	write(1, "hello\n", 6);
	/* a direct entry ("vDSO") call when untraced, a traced system call else */
	PT_CHECK(clock_gettime(CLOCK_MONOTONIC, &ts) == 0, "clock_gettime(MONOTONIC)");
	PT_CHECK(close(99) == -1 && errno == EBADF, "close(99) is EBADF");
	PT_CHECK(open("/nonexistent", O_RDONLY) == -1 && errno == ENOSYS,
		 "open without a file system is ENOSYS", "errno %d", errno);
	return 0;
}
