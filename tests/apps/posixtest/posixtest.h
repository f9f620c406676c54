/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posixtest: ordinary C, standard headers only, as third-party code would
 * be. Each area is a command (main.c); every check prints "ok: WHAT" or
 * "FAIL: WHAT (details)", and a command's status is the number of
 * failures, so tests/suites/74-posix.sh sees both.
 */
#ifndef POSIXTEST_H
#define POSIXTEST_H

extern int pt_failures;

/* Prints ok/FAIL for one check; returns cond. */
int pt_check(int cond, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define PT_CHECK(cond, what, ...) pt_check((cond), (what), " " __VA_ARGS__)

int cmd_time(int argc, char **argv);
int cmd_sleep(int argc, char **argv);
int cmd_clockrate(int argc, char **argv);
int cmd_env(int argc, char **argv);
int cmd_exit(int argc, char **argv);
int cmd_jmp(int argc, char **argv);
int cmd_locale(int argc, char **argv);
int cmd_printf(int argc, char **argv);
int cmd_scanf(int argc, char **argv);
int cmd_buffering(int argc, char **argv);
int cmd_default_buffering(int argc, char **argv);
int cmd_math(int argc, char **argv);
int cmd_random(int argc, char **argv);
int cmd_enosys(int argc, char **argv);
int cmd_trace(int argc, char **argv);
int cmd_resource(int argc, char **argv);
int cmd_endian(int argc, char **argv);
int cmd_hosted(int argc, char **argv);

#endif
