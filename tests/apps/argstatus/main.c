/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test app: prints each argument in brackets and returns the number given
 * by `status=N` (so tests can check argv and exit-status passing), and
 * echoes standard input when given `cat`; `abort` calls abort().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char *argv[])
{
	int status = 0;

	printf("argc=%d\n", argc);
	for (int i = 0; i < argc; i++) {
		printf("argv[%d]=[%s]\n", i, argv[i]);
		if (!strncmp(argv[i], "status=", 7))
			status = atoi(argv[i] + 7);
		if (!strcmp(argv[i], "abort"))
			abort();
		if (!strcmp(argv[i], "cat")) {
			char line[128];

			while (fgets(line, sizeof(line), stdin))
				printf("stdin: %s", line);
			printf("stdin: EOF\n");
		}
	}
	return status;
}
