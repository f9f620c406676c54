/* SPDX-License-Identifier: BSD-3-Clause */
/* posixtest COMMAND [ARGS]: one area of POSIX behaviour (see posixtest.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "posixtest.h"

int pt_failures;

int pt_check(int cond, const char *what, const char *fmt, ...)
{
	va_list ap;

	if (cond) {
		printf("ok: %s\n", what);
		return 1;
	}
	pt_failures++;
	printf("FAIL: %s (", what);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(")\n");
	return 0;
}

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "time", cmd_time },
	{ "sleep", cmd_sleep },
	{ "clockrate", cmd_clockrate },
	{ "env", cmd_env },
	{ "exit", cmd_exit },
	{ "jmp", cmd_jmp },
	{ "locale", cmd_locale },
	{ "printf", cmd_printf },
	{ "scanf", cmd_scanf },
	{ "buffering", cmd_buffering },
	{ "default-buffering", cmd_default_buffering },
	{ "math", cmd_math },
	{ "random", cmd_random },
	{ "enosys", cmd_enosys },
	{ "trace", cmd_trace },
	{ "resource", cmd_resource },
	{ "endian", cmd_endian },
	{ "hosted", cmd_hosted },
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: posixtest COMMAND [ARGS]\n");
		return 64;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(argv[1], commands[i].name)) {
			int rc = commands[i].run(argc - 1, argv + 1);

			printf("%s: %d failures\n", argv[1], pt_failures);
			return rc ? rc : (pt_failures > 0);
		}
	}
	fprintf(stderr, "posixtest: unknown command '%s'\n", argv[1]);
	return 64;
}
