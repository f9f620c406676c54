/* SPDX-License-Identifier: BSD-3-Clause */
/* The smallest useful application: a greeting and its arguments. */
#include <stdio.h>

int main(int argc, char *argv[])
{
	printf("%s\n", CONFIG_APPHELLOWORLD_GREETING);
	for (int i = 0; i < argc; i++)
		printf("argv[%d]: %s\n", i, argv[i]);
	return 0;
}
