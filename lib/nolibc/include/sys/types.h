/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/types.h - POSIX scalar types, sized as on Linux x86_64 so that
 * structures shared with the linuxu host or with code written for Linux
 * keep their layout.
 */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

#ifndef __km_ssize_off_defined
#define __km_ssize_off_defined
typedef long ssize_t;
typedef int64_t off_t;
#endif
typedef int64_t loff_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int id_t;
typedef unsigned int mode_t;
typedef uint64_t dev_t;
typedef uint64_t ino_t;
typedef uint64_t nlink_t;
typedef long blksize_t;
typedef int64_t blkcnt_t;
typedef long time_t;
typedef long suseconds_t;
typedef unsigned int useconds_t;
typedef long clock_t;
typedef int clockid_t;
typedef int key_t;

#endif /* _SYS_TYPES_H */
