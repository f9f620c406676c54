/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * crashtest: faults on purpose so that tests can check the platform's
 * crash report and exit status (KM_EXIT_CRASH). Usage:
 *   crashtest null | div0 | ud | bp | wtext | stack | spin | ok | exit N
 * null: read through a NULL pointer (#PF on the unmapped page 0)
 * div0: integer division by zero (#DE)
 * ud:   an invalid opcode (#UD, ud2)
 * bp:   a breakpoint instruction nobody handles (#BP, int3)
 * wtext: a write into the image's code (#PF, W^X)
 * stack: unbounded recursion off the end of the stack (kvm: the boot stack's
 *        guard page, #DF; linuxu: the host stack's limit, #PF)
 * spin: loop until something stops the image from outside
 * ok:   return 0 (the image itself works)
 * exit N: return N (how the platform carries any status out)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int zero;

__attribute__((noinline)) static int crash_null(void)
{
	volatile int *p = (volatile int *)(unsigned long)zero;

	return *p;
}

__attribute__((noinline)) static int crash_div0(void)
{
	return 42 / zero;
}

__attribute__((noinline)) static int crash_ud(void)
{
	__asm__ __volatile__("ud2");
	return 0;
}

__attribute__((noinline)) static int crash_bp(void)
{
	__asm__ __volatile__("int3");
	return 0;
}

__attribute__((noinline)) static int crash_wtext(void)
{
	volatile unsigned char *code = (volatile unsigned char *)(void *)crash_ud;

	*code = 0xcc;
	return 0;
}

static volatile int stop_depth = -1;

__attribute__((noinline)) static int crash_stack(int depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	if (depth == stop_depth)
		return 0;
	return crash_stack(depth + 1) + pad[0];
}

static const struct {
	const char *name;
	int (*fn)(void);
} cases[] = {
	{ "null", crash_null }, { "div0", crash_div0 },	  { "ud", crash_ud },
	{ "bp", crash_bp },	{ "wtext", crash_wtext },
};

int main(int argc, char *argv[])
{
	if (argc < 2) {
		printf("usage: %s null|div0|ud|bp|wtext|stack|spin|ok|exit N\n", argv[0]);
		return 2;
	}
	printf("crashtest: %s\n", argv[1]);
	if (!strcmp(argv[1], "ok"))
		return 0;
	if (!strcmp(argv[1], "exit") && argc > 2)
		return atoi(argv[2]);
	if (!strcmp(argv[1], "spin"))
		for (;;)
			zero = 0;
	if (!strcmp(argv[1], "stack"))
		return crash_stack(0);
	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (!strcmp(argv[1], cases[i].name))
			return cases[i].fn();
	printf("crashtest: unknown case %s\n", argv[1]);
	return 2;
}
