/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Terminal attributes (include/sys/termios.h) as Linux's ioctls on the
 * descriptor, through ioctl() (the fd table answers; a file or pipe gives
 * ENOTTY), and getpass on them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#define LINUX_TCGETS	0x5401
#define LINUX_TCSETS	0x5402 /* + TCSANOW, TCSADRAIN or TCSAFLUSH */
#define LINUX_TCSBRK	0x5409
#define LINUX_TCXONC	0x540A
#define LINUX_TCFLSH	0x540B
#define LINUX_TIOCGPGRP 0x540F
#define LINUX_TIOCSPGRP 0x5410
#define LINUX_TIOCGSID	0x5429

int tcgetattr(int fd, struct termios *t)
{
	return ioctl(fd, LINUX_TCGETS, t) < 0 ? -1 : 0;
}

int tcsetattr(int fd, int action, const struct termios *t)
{
	if (action < TCSANOW || action > TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	return ioctl(fd, LINUX_TCSETS + action, t) < 0 ? -1 : 0;
}

speed_t cfgetospeed(const struct termios *t)
{
	return t->c_cflag & CBAUD;
}

speed_t cfgetispeed(const struct termios *t)
{
	return cfgetospeed(t);
}

int cfsetospeed(struct termios *t, speed_t speed)
{
	if (speed & ~CBAUD) {
		errno = EINVAL;
		return -1;
	}
	t->c_cflag = (t->c_cflag & ~CBAUD) | speed;
	return 0;
}

/* One speed for both directions (as Linux); 0 keeps the output's. */
int cfsetispeed(struct termios *t, speed_t speed)
{
	return speed ? cfsetospeed(t, speed) : 0;
}

int cfsetspeed(struct termios *t, speed_t speed)
{
	return cfsetospeed(t, speed);
}

/* What glibc's and musl's cfmakeraw clear and set. */
void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t->c_oflag &= ~(tcflag_t)OPOST;
	t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

int tcdrain(int fd)
{
	return ioctl(fd, LINUX_TCSBRK, 1);
}

int tcflow(int fd, int action)
{
	return ioctl(fd, LINUX_TCXONC, action);
}

int tcflush(int fd, int queue)
{
	return ioctl(fd, LINUX_TCFLSH, queue);
}

int tcsendbreak(int fd, int duration)
{
	(void)duration;
	return ioctl(fd, LINUX_TCSBRK, 0);
}

pid_t tcgetpgrp(int fd)
{
	int pgrp;

	return ioctl(fd, LINUX_TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	int p = pgrp;

	return ioctl(fd, LINUX_TIOCSPGRP, &p);
}

pid_t tcgetsid(int fd)
{
	int sid;

	return ioctl(fd, LINUX_TIOCGSID, &sid) < 0 ? -1 : sid;
}

/*
 * getpass: the prompt on stderr, a line from stdin without its newline
 * (at most 128 characters kept), echo off while it is typed when stdin is
 * a terminal. NULL at the end of input with nothing read.
 */
char *getpass(const char *prompt)
{
	static char buf[129];
	struct termios t, quiet;
	int tty = tcgetattr(0, &t) == 0, c;
	size_t n = 0;

	if (tty) {
		quiet = t;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ISIG);
		quiet.c_lflag |= ICANON;
		tcsetattr(0, TCSAFLUSH, &quiet);
	}
	fputs(prompt, stderr);
	fflush(stderr);
	while ((c = getchar()) != EOF && c != '\n')
		if (n < sizeof(buf) - 1)
			buf[n++] = (char)c;
	buf[n] = '\0';
	if (tty) {
		tcsetattr(0, TCSAFLUSH, &t);
		fputc('\n', stderr);
	}
	return c == EOF && n == 0 ? NULL : buf;
}
