/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Console: fd 1 out, fd 0 in, fd 2 the error stream. Nothing here assumes a
 * terminal: stdout may be a pipe or a file, stdin /dev/null, a file, or
 * closed.
 */
#include <errno.h>
#include <km/plat/console.h>
#include "linuxu.h"

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		long n = linuxu_syscall(LINUXU_SYS_write, fd, buf, len);

		if (n == -EINTR || n == -EAGAIN)
			continue;
		if (n < 0)
			return (int)n;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int km_plat_console_write(const char *buf, size_t len)
{
	return write_all(1, buf, len);
}

int km_plat_console_write_err(const char *buf, size_t len)
{
	return write_all(2, buf, len);
}

/* Asked once: the host's fd 1 answers TCGETS only when it is a terminal. */
int km_plat_console_is_terminal(void)
{
	static int answer = -1;
	unsigned char termios[64]; /* the kernel's struct termios: 36 bytes */

	if (answer < 0)
		answer = linuxu_syscall(LINUXU_SYS_ioctl, 1, LINUXU_TCGETS, termios) == 0;
	return answer;
}

struct linuxu_pollfd {
	int fd;
	short events;
	short revents;
};
#define LINUXU_POLLIN 0x001

long km_plat_console_read(char *buf, size_t len)
{
	struct linuxu_pollfd pfd = { .fd = 0, .events = LINUXU_POLLIN };
	struct linuxu_timespec zero = { 0, 0 };
	long n = linuxu_syscall6(LINUXU_SYS_ppoll, (long)&pfd, 1, (long)&zero, 0, 0, 0);

	if (n == 0 || n == -EINTR)
		return -EAGAIN;
	if (n < 0 || (pfd.revents & 0x20 /* POLLNVAL: stdin closed */))
		return 0;
	n = linuxu_syscall(LINUXU_SYS_read, 0, buf, len);
	if (n == -EAGAIN || n == -EINTR)
		return -EAGAIN;
	return n < 0 ? 0 : n; /* a broken stdin reads as end of input */
}
