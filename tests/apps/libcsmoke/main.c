/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test app: what every C library choice must give before anything else
 * works. Each line is checked by tests/suites/70-libc.sh: heap (strdup,
 * a 1 MiB malloc), floating-point printf, errno set by the library
 * (per-thread storage), an initialised __thread variable, atexit handlers
 * running after main, main's return value as the exit status, and C
 * constructors (in priority order, before main) and destructors (after
 * the atexit handlers), as third-party libraries use them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static __thread int tls_value = 42;

static void at_exit(void)
{
	printf("atexit: ran\n");
}

static char ctor_order[32];

static void __attribute__((constructor)) ctor_default(void)
{
	strcat(ctor_order, " default");
}

static void __attribute__((constructor(200))) ctor_200(void)
{
	strcat(ctor_order, " 200");
}

static void __attribute__((constructor(101))) ctor_101(void)
{
	strcat(ctor_order, " 101");
}

static void __attribute__((destructor)) dtor(void)
{
	printf("destructor: ran\n");
}

int main(int argc, char *argv[])
{
	char *copy = strdup("copied");
	char *big = malloc(1 << 20);

	if (!copy || !big) {
		printf("heap: failed\n");
		return 1;
	}
	memset(big, 'x', 1 << 20);
	printf("heap: %s %c\n", copy, big[(1 << 20) - 1]);
	free(big);
	free(copy);
	printf("float: %.3f %g\n", 3.14159, 1e-300);
	errno = 0;
	strtol("99999999999999999999999", NULL, 10);
	printf("errno: %s\n", errno == ERANGE ? "ERANGE" : "wrong");
	printf("tls: %d\n", tls_value);
	printf("env: FOO=%s\n", getenv("FOO") ? getenv("FOO") : "(unset)");
	printf("pid: %d\n", (int)getpid());
	printf("constructors:%s\n", ctor_order);
	if (atexit(at_exit)) {
		printf("atexit: failed\n");
		return 1;
	}
	return argc > 1 ? atoi(argv[1]) : 0;
}
