/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * atexit, exit, _Exit, abort: how an image ends through the C library.
 *
 * The image's exit status is whatever the platform's km_plat_terminate()
 * carries out, so every path ends there; exit() only adds the C cleanup
 * (handlers, destructors, then stdout) in front of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <km/exit.h>
#include <km/init.h>
#include <km/plat/console.h>
#include <km/plat/lifecycle.h>

static void (*handlers[ATEXIT_MAX])(void);
static unsigned int nr_handlers;

int atexit(void (*func)(void))
{
	if (nr_handlers == ATEXIT_MAX)
		return -1;
	handlers[nr_handlers++] = func;
	return 0;
}

void exit(int status)
{
	/* Reverse order; a handler may itself call atexit, which is fine. */
	while (nr_handlers > 0)
		handlers[--nr_handlers]();
	/* then the program's C destructors (.fini_array), as a C library's
	 * exit does */
	km_run_destructors();
	fflush(NULL);
	km_plat_terminate(status);
}

void _Exit(int status)
{
	km_plat_terminate(status);
}

void abort(void)
{
	static const char msg[] = "abort()\n";

	/*
	 * C does not require flushing here, but a partly written line is
	 * often the best clue to what went wrong, and the console is the
	 * only log a unikernel has.
	 */
	fflush(stdout);
	km_plat_console_write(msg, sizeof(msg) - 1);
	km_plat_terminate(KM_EXIT_CRASH);
}
