/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/random.h - getrandom(2) (lib/posix-random: never blocks once the
 * image runs). Returns the number of bytes written (at most @len), or -1
 * with errno (EINVAL for unknown flags, EFAULT).
 */
#ifndef KM_NEWLIB_SYS_RANDOM_H
#define KM_NEWLIB_SYS_RANDOM_H

#include <sys/types.h>

#define GRND_NONBLOCK 0x01
#define GRND_RANDOM   0x02

#ifdef __cplusplus
extern "C" {
#endif
ssize_t getrandom(void *buf, size_t len, unsigned int flags);
int getentropy(void *buf, size_t len);
#ifdef __cplusplus
}
#endif
#endif
