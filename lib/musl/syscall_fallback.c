/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TEMPORARY: delete this file (and its line in Makefile.uk) when lib/syscall
 * is merged. It is a weak km_syscall() with only what hello world needs
 * through musl: write/writev/ioctl(TIOCGWINSZ) on the console fds,
 * exit/exit_group, arch_prctl(ARCH_SET_FS), set_tid_address, and brk that
 * fails (-ENOMEM). Every other call returns -ENOSYS with one warning per
 * call number. lib/syscall's strong definition replaces it at link time.
 */
#include <errno.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <km/plat/console.h>
#include <km/plat/lifecycle.h>
#include <km/plat/tls.h>
#include <km/print.h>

#define ARCH_SET_FS 0x1002

long km_syscall(long nr, long a, long b, long c, long d, long e, long f);

static long console_write(long fd, const char *buf, size_t len)
{
	if (fd != 1 && fd != 2)
		return -EBADF;
	km_plat_console_write(buf, len);
	return (long)len;
}

__attribute__((weak)) long km_syscall(long nr, long a, long b, long c, long d, long e, long f)
{
	static unsigned char warned[512];

	switch (nr) {
	case SYS_write:
		return console_write(a, (const char *)b, (size_t)c);
	case SYS_writev: {
		const struct iovec *iov = (const struct iovec *)b;
		long done = 0;

		if (a != 1 && a != 2)
			return -EBADF;
		for (long i = 0; i < c; i++)
			done += console_write(a, iov[i].iov_base, iov[i].iov_len);
		return done;
	}
	case SYS_ioctl:
		if (a < 0 || a > 2)
			return -EBADF;
		if (b != TIOCGWINSZ)
			return -ENOTTY;
		*(struct winsize *)c = (struct winsize){ .ws_row = 24, .ws_col = 80 };
		return 0;
	case SYS_exit:
	case SYS_exit_group:
		km_plat_terminate((int)a);
	case SYS_arch_prctl:
		if (a != ARCH_SET_FS)
			return -EINVAL;
		km_plat_tls_set((uintptr_t)b);
		return 0;
	case SYS_set_tid_address:
		return 1;
	case SYS_brk:
		return -ENOMEM;
	}
	if (nr >= 0 && nr < (long)sizeof(warned) && !warned[nr]) {
		warned[nr] = 1;
		km_pr_warn("system call %ld is not implemented (temporary fallback)\n", nr);
	}
	return -ENOSYS;
}
