/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Allocator misuse on request, for the crash checks (run with test.filter=-
 * so the in-image tests are skipped): `doublefree`, `foreign` (free of a
 * stack address), `overflow` (writes past a block, then frees the next one).
 * With CONFIG_ASSERTIONS each must end in a report and KM_EXIT_CRASH.
 * `exhaust` fills the heap to NULL (ENOMEM, no crash) and prints the count.
 * `large` prints the largest power-of-two block malloc gives (1 MiB .. 1
 * TiB), having written its first and last byte.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "doublefree")) {
			char *p = malloc(40);

			printf("double free of %p\n", (void *)p);
			free(p);
			free(p);
		} else if (!strcmp(argv[i], "foreign")) {
			long x[4];

			printf("free of a stack address\n");
			free(&x[1]);
		} else if (!strcmp(argv[i], "overflow")) {
			char *a = malloc(64), *b = malloc(64);

			printf("overflow of %p into %p\n", (void *)a, (void *)b);
			memset(a, 0x41, (size_t)(b - a)); /* runs over b's header */
			free(b);
		} else if (!strcmp(argv[i], "large")) {
			size_t big = 0;

			for (size_t s = (size_t)1 << 40; s >= ((size_t)1 << 20) && !big; s >>= 1) {
				char *p = malloc(s);

				if (p) {
					p[0] = p[s - 1] = 1;
					big = s;
					free(p);
				}
			}
			printf("largest block: %zu MiB\n", big >> 20);
		} else if (!strcmp(argv[i], "exhaust")) {
			size_t n = 0;

			while (malloc(4096))
				n++;
			printf("exhausted after %zu blocks of 4 KiB: %s\n", n,
			       errno == ENOMEM ? "ENOMEM" : "wrong errno");
		}
	}
	printf("alloctest: main returns\n");
	return 0;
}
