/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posixfs: the file system calls as an unmodified program makes them
 * (standard headers only). Each area is a command; every check prints
 * "ok: WHAT" or "FAIL: WHAT (details)"; a command's status is its number
 * of failures (tests/suites/80-vfs.sh reads both).
 */
#ifndef POSIXFS_H
#define POSIXFS_H

#include <errno.h>

extern int pf_failures;

/* ok when @ret >= 0. */
long pf_ok(const char *what, long ret);
/* ok when @ret is -1 with errno @err. */
void pf_err(const char *what, long ret, int err);
/* ok when @cond. */
int pf_true(const char *what, int cond);
/* ok when @got equals @want. */
void pf_eq(const char *what, long long got, long long want);

#define OK(call)       pf_ok(#call, (long)(call))
#define ERR(call, err) pf_err(#call " fails with " #err, (errno = 0, (long)(call)), err)
#define TRUE(cond)     pf_true(#cond, !!(cond))
#define EQ(a, b)       pf_eq(#a " == " #b, (long long)(a), (long long)(b))

/* Write @len bytes of @data to a new file @path (mode 0644). */
void pf_write_file(const char *path, const char *data, unsigned long len);

int cmd_files(int argc, char **argv);
int cmd_dirs(int argc, char **argv);
int cmd_names(int argc, char **argv);
int cmd_meta(int argc, char **argv);
int cmd_fds(int argc, char **argv);
int cmd_pipes(int argc, char **argv);
int cmd_poll(int argc, char **argv);
int cmd_devfs(int argc, char **argv);
int cmd_mounts(int argc, char **argv);
int cmd_enospc(int argc, char **argv);
int cmd_ls(int argc, char **argv);
int cmd_libc(int argc, char **argv);

#endif
