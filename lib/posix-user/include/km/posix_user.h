/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/posix_user.h - user and group ids (lib/posix-user).
 *
 * The image is one process run by root (uid and gid 0, no supplementary
 * groups). Registered system calls (Linux x86_64 ABI, credentials(7)):
 * - getuid, geteuid, getgid, getegid: 0.
 * - getresuid, getresgid: 0 in all three; -EFAULT for a NULL pointer.
 * - setuid, setgid, setreuid, setregid, setresuid, setresgid: 0 when
 *   every id given is 0 or -1 (unchanged), else -EINVAL (no other user
 *   exists).
 * - getgroups(size, list): 0 (no supplementary groups); -EINVAL for
 *   size < 0. setgroups: 0 for an empty list, else -EINVAL.
 * Non-goals: the password database (getpwuid is the libc's, over files).
 */
#ifndef KM_POSIX_USER_H
#define KM_POSIX_USER_H

#define KM_POSIX_ROOT_ID 0

#endif /* KM_POSIX_USER_H */
