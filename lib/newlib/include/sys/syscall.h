/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/syscall.h - SYS_<name>: the x86_64 Linux system call numbers, for
 * syscall() (<unistd.h>), which calls Kumiki's syscall layer directly.
 * Generated from the kernel headers by lib/syscall (no copied list).
 */
#ifndef KM_NEWLIB_SYS_SYSCALL_H
#define KM_NEWLIB_SYS_SYSCALL_H
#include <km/syscall_sys.h>
#endif
