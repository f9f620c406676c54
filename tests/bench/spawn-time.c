/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * spawn-time RUNS CMD [ARGS...]: run CMD RUNS times (stdout to /dev/null)
 * and print the median and minimum wall time of one run, in microseconds.
 * Runs alternate with nothing else, so a same-run ratio of two commands is
 * fair; each run is timed from fork to reaped exit.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int runs = argc > 2 ? atoi(argv[1]) : 0;
	double *us;

	if (runs < 1) {
		fprintf(stderr, "usage: spawn-time RUNS CMD [ARGS...]\n");
		return 2;
	}
	us = calloc((size_t)runs, sizeof(*us));
	for (int i = 0; i < runs; i++) {
		struct timespec t0, t1;
		int status;
		pid_t pid;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		pid = fork();
		if (pid == 0) {
			int fd = open("/dev/null", O_RDWR);

			dup2(fd, 0);
			dup2(fd, 1);
			execv(argv[2], &argv[2]);
			_exit(127);
		}
		waitpid(pid, &status, 0);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "spawn-time: %s failed\n", argv[2]);
			return 1;
		}
		us[i] = (double)(t1.tv_sec - t0.tv_sec) * 1e6 +
			(double)(t1.tv_nsec - t0.tv_nsec) / 1e3;
	}
	qsort(us, (size_t)runs, sizeof(*us), cmp);
	printf("%.1f %.1f\n", us[runs / 2], us[0]);
	return 0;
}
