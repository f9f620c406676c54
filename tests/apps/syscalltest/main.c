/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Commands for tests/suites/65-syscall.sh (run with test.filter=- so the
 * in-image tests are skipped), each calling km_syscall() directly:
 *   enosys     an unimplemented call three times and fork twice
 *   trace      a few calls to see under syscall.trace=1
 *   env        the environment (env.vars=) and getenv("HOME")
 *   random     the random source in use and 16 bytes
 *   kill SIG   kill(getpid(), SIG), then "survived"
 *   abort      raise(SIGABRT) as musl's abort() does (blocked, then unblocked)
 *   exit N     exit_group(N)
 *   alarm      alarm(1), then a loop making no system call: SIGALRM ends it
 *              where the platform takes timer interrupts in main (linuxu)
 *   alarmsleep alarm(1), then nanosleep(10 s): SIGALRM ends it everywhere
 *   bench      ns per getpid and per clock_gettime(MONOTONIC) call (1e6 each)
 *   ctors      what the constructors did before main; the destructor prints
 *              at exit (nolibc's exit runs them)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <km/environ.h>
#include <km/random.h>
#include <km/syscall.h>
#include <km/time.h>

static int ctor_ran;

static void __attribute__((constructor)) ctor(void)
{
	ctor_ran++;
}

static void __attribute__((destructor)) dtor(void)
{
	printf("destructor: ran\n");
}

int main(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++) {
		const char *cmd = argv[i];
		long arg = i + 1 < argc ? strtol(argv[i + 1], NULL, 10) : 0;

		if (!strcmp(cmd, "ctors")) {
			printf("constructor: ran %d time(s)\n", ctor_ran);
		} else if (!strcmp(cmd, "enosys")) {
			long r[5];

			for (int k = 0; k < 3; k++)
				r[k] = km_syscall0(KM_SYS_kexec_load);
			r[3] = km_syscall0(KM_SYS_fork);
			r[4] = km_syscall0(KM_SYS_fork);
			printf("enosys: %ld %ld %ld %ld %ld\n", r[0], r[1], r[2], r[3], r[4]);
		} else if (!strcmp(cmd, "trace")) {
			long ts[2];

			km_syscall0(KM_SYS_getpid);
			km_syscall3(KM_SYS_write, 1, "hello\n", 6);
			km_syscall1(KM_SYS_close, 99);
			km_syscall2(KM_SYS_clock_gettime, 1, ts);
			km_syscall0(KM_SYS_kexec_load);
		} else if (!strcmp(cmd, "env")) {
			for (char **e = km_environ(); *e; e++)
				printf("env: %s\n", *e);
			printf("HOME=%s\n", getenv("HOME") ? getenv("HOME") : "(unset)");
		} else if (!strcmp(cmd, "random")) {
			unsigned char b[16];

			km_syscall3(KM_SYS_getrandom, b, sizeof(b), 0);
			printf("random: %s ", km_random_source());
			for (unsigned int k = 0; k < sizeof(b); k++)
				printf("%02x", b[k]);
			printf("\n");
		} else if (!strcmp(cmd, "kill")) {
			printf("kill: %ld\n",
			       km_syscall2(KM_SYS_kill, km_syscall0(KM_SYS_getpid), arg));
			printf("survived\n");
			i++;
		} else if (!strcmp(cmd, "abort")) {
			unsigned long all = ~0UL, old;

			km_syscall4(KM_SYS_rt_sigprocmask, 0, &all, &old, 8);
			km_syscall2(KM_SYS_tkill, km_syscall0(KM_SYS_gettid), 6);
			printf("abort: pending, not delivered yet\n");
			km_syscall4(KM_SYS_rt_sigprocmask, 2, &old, NULL, 8);
			printf("survived\n");
		} else if (!strcmp(cmd, "alarm")) {
			volatile unsigned long spins = 0;

			printf("alarm: %ld\n", km_syscall1(KM_SYS_alarm, 1));
			km_nsec_t end = km_time_monotonic_ns() + 10 * KM_NSEC_PER_SEC;

			while (km_time_monotonic_ns() < end)
				spins++;
			printf("survived\n");
		} else if (!strcmp(cmd, "alarmsleep")) {
			long ts[2] = { 10, 0 };

			printf("alarm: %ld\n", km_syscall1(KM_SYS_alarm, 1));
			km_syscall2(KM_SYS_nanosleep, ts, NULL);
			printf("survived\n");
		} else if (!strcmp(cmd, "bench")) {
			long ts[2];
			km_nsec_t t0 = km_time_monotonic_ns(), t1, t2;

			for (int k = 0; k < 1000000; k++)
				km_syscall0(KM_SYS_getpid);
			t1 = km_time_monotonic_ns();
			for (int k = 0; k < 1000000; k++)
				km_syscall2(KM_SYS_clock_gettime, 1, ts);
			t2 = km_time_monotonic_ns();
			printf("bench: getpid %llu.%03llu ns, clock_gettime %llu.%03llu ns\n",
			       (unsigned long long)(t1 - t0) / 1000000,
			       (unsigned long long)(t1 - t0) / 1000 % 1000,
			       (unsigned long long)(t2 - t1) / 1000000,
			       (unsigned long long)(t2 - t1) / 1000 % 1000);
		} else if (!strcmp(cmd, "exit")) {
			km_syscall1(KM_SYS_exit_group, arg);
			printf("survived\n");
		}
	}
	printf("syscalltest: main returns\n");
	return 0;
}
