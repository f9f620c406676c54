/* SPDX-License-Identifier: BSD-3-Clause */
/* The console as fds 0, 1 and 2 (see km/fdtab.h). */
#include <errno.h>
#include <string.h>
#include <km/fdtab.h>
#include <km/init.h>
#include <km/plat/console.h>
#include <km/time.h>
#include "fdtab_impl.h"

#define TCGETS_	    0x5401
#define TCSETS_	    0x5402
#define TCSETSW_    0x5403
#define TCSETSF_    0x5404
#define TIOCGWINSZ_ 0x5413
#define TIOCSWINSZ_ 0x5414
#define TIOCGPGRP_  0x540f
#define S_IFCHR_    0020000
#define S_IFIFO_    0010000

/* The kernel's struct termios (termbits.h): 4 flags, line, 19 cc. */
struct k_termios {
	unsigned int iflag, oflag, cflag, lflag;
	unsigned char line, cc[19];
};

struct winsize_ {
	unsigned short rows, cols, xpixel, ypixel;
};

/* A byte poll found, given to the next read. */
static int pushback = -1;

static long console_read(struct km_file *f, void *buf, size_t len, int64_t *off)
{
	char *p = buf;
	long n;

	(void)off;
	if (!len)
		return 0;
	if (pushback >= 0) {
		p[0] = (char)pushback;
		pushback = -1;
		n = km_plat_console_read(p + 1, len - 1);
		return n > 0 ? n + 1 : 1;
	}
	while ((n = km_plat_console_read(p, len)) == -EAGAIN && !(f->flags & O_NONBLOCK_))
		km_sleep_ns(KM_NSEC_PER_MSEC);
	return n;
}

static struct km_file console_err;

static long console_write(struct km_file *f, const void *buf, size_t len, int64_t *off)
{
	int r;

	(void)off;
	r = f == &console_err ? km_plat_console_write_err(buf, len)
			      : km_plat_console_write(buf, len);
	return r < 0 ? r : (long)len;
}

static unsigned int console_poll(struct km_file *f, unsigned int events)
{
	unsigned int ready = POLLOUT_;

	(void)f;
	if (events & POLLIN_) {
		char c;

		long n = pushback < 0 ? km_plat_console_read(&c, 1) : 1;

		if (pushback < 0 && n == 1)
			pushback = (unsigned char)c;
		/* A byte waiting, or end of input: read will not block. */
		if (n >= 0)
			ready |= POLLIN_;
	}
	return ready | KM_POLL_NOWAKE; /* no interrupt says input came */
}

static long console_ioctl(struct km_file *f, unsigned long req, unsigned long arg)
{
	(void)f;
	/* Like a pipe or a file: isatty() is 0, stdio buffers fully. */
	if (!km_plat_console_is_terminal())
		return -ENOTTY;
	switch (req) {
	case TCGETS_: {
		/* A cooked terminal: ICRNL|IXON, OPOST|ONLCR, B38400|CS8|CREAD,
		 * ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN. */
		static const struct k_termios cooked = {
			0x0500,
			0x0005,
			0x00bf,
			0x8a3b,
			0,
			{ 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0 },
		};

		if (!arg)
			return -EFAULT;
		memcpy((void *)arg, &cooked, sizeof(cooked));
		return 0;
	}
	case TCSETS_:
	case TCSETSW_:
	case TCSETSF_:
	case TIOCSWINSZ_:
		return arg ? 0 : -EFAULT;
	case TIOCGWINSZ_:
		if (!arg)
			return -EFAULT;
		*(struct winsize_ *)arg = (struct winsize_){ 24, 80, 0, 0 };
		return 0;
	case TIOCGPGRP_:
		if (!arg)
			return -EFAULT;
		*(int *)arg = 1;
		return 0;
	default:
		return -ENOTTY;
	}
}

static int console_fstat(struct km_file *f, struct km_stat *st)
{
	(void)f;
	if (km_plat_console_is_terminal()) {
		st->st_mode = S_IFCHR_ | 0620;
		st->st_rdev = (136 << 8) | 0; /* makedev(136, 0): /dev/pts/0 */
	} else {
		st->st_mode = S_IFIFO_ | 0600; /* not seekable, like a pipe */
	}
	st->st_nlink = 1;
	st->st_blksize = 1024;
	st->st_dev = 22;
	st->st_ino = 3;
	return 0;
}

static const struct km_file_ops console_ops = {
	.kind = "console",
	.read = console_read,
	.write = console_write,
	.poll = console_poll,
	.ioctl = console_ioctl,
	.fstat = console_fstat,
};

/* Static: the console is never freed, so it has no close op. fd 2 is a
 * second file that writes to the platform's error stream (the host's
 * stderr on linuxu). */
static struct km_file console = { .ops = &console_ops, .flags = O_RDWR_ };
static struct km_file console_err = { .ops = &console_ops, .flags = O_RDWR_ };

struct km_file *km_console_file(void)
{
	return &console;
}

static int fdtab_console_init(void)
{
	for (int fd = 0; fd <= 2; fd++)
		if (km_fd_install(fd == 2 ? &console_err : &console, fd, 0) != fd)
			return -EBUSY;
	return 0;
}
KM_INIT_LIB_REQUIRED(fdtab_console_init, 0);
