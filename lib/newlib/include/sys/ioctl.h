/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/ioctl.h - ioctl(2) through the syscall layer (lib/fdtab answers the
 * console's). Requests and struct winsize are Linux's, passed through.
 * Returns the request's result, or -1 with errno (ENOTTY: not a terminal,
 * EBADF, EINVAL).
 */
#ifndef KM_NEWLIB_SYS_IOCTL_H
#define KM_NEWLIB_SYS_IOCTL_H

#define TCGETS	   0x5401
#define TCSETS	   0x5402
#define TIOCGPGRP  0x540F
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD   0x541B
#define FIONBIO	   0x5421
#define FIOCLEX	   0x5451
#define FIONCLEX   0x5450

struct winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#ifdef __cplusplus
extern "C" {
#endif
int ioctl(int fd, unsigned long request, ...);
#ifdef __cplusplus
}
#endif
#endif
