/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A reference through the global offset table that the linker cannot make
 * direct (a lea of the GOTPCREL slot itself), so the image has a .got
 * whose slot must hold the variable's address once loaded: prints
 * "got: 42" when the loader brought the slot in (tests/suites/40-kvm.sh).
 */
#include <stdio.h>

int gotref_target = 42;

int main(void)
{
	int **slot;

	__asm__("leaq gotref_target@GOTPCREL(%%rip), %0" : "=r"(slot));
	printf("got: %d\n", *slot ? **slot : -1);
	return 0;
}
