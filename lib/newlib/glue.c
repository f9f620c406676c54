/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's process start-up without a crt0: Kumiki's lib/boot calls main()
 * and then exit(main's status), which is newlib's exit (atexit handlers,
 * then the stdio flush of _GLOBAL_REENT's cleanup, then _exit in
 * syscalls.c). Before that, this early init function gives newlib the
 * environment of lib/posix-environ (env.vars=).
 *
 * newlib is built with __DYNAMIC_REENT__ (build-libc), so everything it
 * keeps per caller (errno, strtok's and rand's state, the buffers of
 * asctime and ecvt, ...) is in the reent that __getreent() returns. Each
 * thread has its own, in its TLS block and initialised at its first use,
 * so errno is per thread; before the boot thread has a TLS block, the
 * global reent (_impure_ptr) stands in. stdin, stdout and stderr are global streams
 * (--enable-newlib-global-stdio-streams), the same FILEs in every reent.
 */
#include <errno.h>
#include <reent.h>
#include <stdlib.h>
#include <string.h>
#include <km/environ.h>
#include <km/init.h>
#include <km/plat/tls.h>

extern char **environ;

/* newlib internals (stdlib/setenv_r.c), linkable in a static image. */
int _setenv_r(struct _reent *r, const char *name, const char *value, int rewrite);
int _unsetenv_r(struct _reent *r, const char *name);

/* newlib internal (stdio/findfp.c), linkable in a static image. */
void __sinit(struct _reent *s);

static __thread struct _reent thread_reent;
static __thread int thread_reent_ready;

struct _reent *__getreent(void)
{
	/* Before the boot thread has a TLS block (lib/sched makes it),
	 * boot code (parameter parsing, early init) uses the global reent. */
	if (__builtin_expect(!km_plat_tls_get(), 0))
		return _impure_ptr;
	if (__builtin_expect(!thread_reent_ready, 0)) {
		_REENT_INIT_PTR(&thread_reent);
		thread_reent_ready = 1;
	}
	return &thread_reent;
}

static int newlib_init(void)
{
	environ = km_environ();
	/* exit() flushes stdio through the global reent's cleanup hook, which
	 * only the global reent's stdio set-up installs; every other reent
	 * sets up its own hook and shares the global streams. Without this a
	 * fully buffered stdout or stderr would lose its buffer at exit. */
	__sinit(_GLOBAL_REENT);
	/* What newlib's crt0 does: destructors run at exit(), after the
	 * handlers the program registers. */
	return atexit(km_run_destructors) ? -ENOMEM : 0;
}
KM_INIT_EARLY_REQUIRED(newlib_init, 0);

/*
 * setenv and unsetenv in place of newlib's (stdlib/setenv.c, which holds
 * both, so both are replaced): newlib's setenv accepts a NULL or empty
 * name, which POSIX says is EINVAL.
 */
int setenv(const char *name, const char *value, int rewrite)
{
	if (!name || !*name || strchr(name, '=')) {
		errno = EINVAL;
		return -1;
	}
	return _setenv_r(__getreent(), name, value, rewrite);
}

int unsetenv(const char *name)
{
	return _unsetenv_r(__getreent(), name);
}
