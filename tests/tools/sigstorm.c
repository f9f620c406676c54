/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sigstorm PID SECONDS [SIGNAL]: sends SIGNAL (default SIGALRM) to PID as
 * fast as kill(2) allows for SECONDS, then prints how many it sent. For
 * tests that a process stands a flood of signals (suite 60: linuxu
 * images take SIGALRM as their timer interrupt). Stops early, with
 * status 0, when PID has ended.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timespec now, end;
	long sent = 0;
	pid_t pid;
	int sig;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: sigstorm PID SECONDS [SIGNAL]\n");
		return 2;
	}
	pid = (pid_t)atol(argv[1]);
	sig = argc > 3 ? atoi(argv[3]) : SIGALRM;
	if (pid <= 0 || sig <= 0 || sig >= 65) {
		fprintf(stderr, "sigstorm: bad PID or SIGNAL\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += atol(argv[2]);
	do {
		if (kill(pid, sig) < 0) {
			if (errno == ESRCH)
				break;
			perror("sigstorm: kill");
			return 1;
		}
		sent++;
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec < end.tv_sec ||
		 (now.tv_sec == end.tv_sec && now.tv_nsec < end.tv_nsec));
	printf("sigstorm: %ld signals sent\n", sent);
	return 0;
}
