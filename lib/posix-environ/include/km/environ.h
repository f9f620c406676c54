/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/environ.h - the environment and auxiliary vector (lib/posix-environ).
 *
 * Environment: the boot parameter
 *     env.vars=KEY=VALUE[,KEY=VALUE...]
 * (the form Unikraft and urunc pass; it MAY be given several times, each
 * adds its variables in order, a later KEY replaces an earlier one) sets
 * the image's environment. KEY is [A-Za-z_][A-Za-z0-9_]*; VALUE is any
 * text, with "\," for a comma and "\\" for a backslash; an empty VALUE is
 * allowed. A malformed list (empty entry, missing '=', bad KEY, a trailing
 * backslash) or one that does not fit (CONFIG_LIBPOSIX_ENVIRON_SIZE bytes,
 * CONFIG_LIBPOSIX_ENVIRON_MAX variables) stops the boot with a message
 * saying what is wrong and status KM_EXIT_USAGE (64), like every bad boot
 * parameter; nothing of that word is applied.
 *
 * km_environ() returns the NULL-terminated array of "KEY=VALUE" strings,
 * valid for the image's life and owned by this library; the C library
 * MAY use it as its initial environ (strings are writable, but the array
 * MUST NOT grow in place: setenv copies it, as musl's does).
 *
 * km_auxv() returns the auxiliary vector as (type, value) pairs of
 * unsigned long, ended by AT_NULL (0, 0), as getauxval(3) reads it
 * (System V x86_64 ABI 3.4.3). It holds AT_PAGESZ (4096), AT_CLKTCK (100),
 * AT_HWCAP (CPUID.1:EDX, as Linux gives), AT_HWCAP2 (0), AT_RANDOM (address
 * of 16 random bytes, filled once), AT_PLATFORM ("x86_64"), AT_UID, AT_EUID,
 * AT_GID, AT_EGID (0), AT_SECURE (0) and whatever km_auxv_set() added.
 * km_auxv_set(type, value) adds or replaces one entry (a C library's glue
 * adds AT_PHDR/AT_PHNUM): 0, -EINVAL for type 0, -ENOSPC when
 * KM_AUXV_MAX entries are used. Call it before the C library reads the
 * vector (an init function).
 *
 * km_start_vector() returns both in the layout a Linux kernel leaves above
 * argv (System V x86_64 ABI 3.4.1, figure 3.9): the environment pointers,
 * NULL, then the auxiliary vector pairs up to AT_NULL, as one array of
 * unsigned long. musl's __init_libc(envp, name) finds the auxv right after
 * envp's NULL, so a libc glue passes (char **)km_start_vector(). Built at
 * the first call from the environment and vector of that moment (call it
 * after the boot parameters, e.g. from an init function); later calls
 * return the same array. Owned by this library, valid for the image's life.
 *
 * getenv(3) of nolibc reads this environment when the library is in.
 * Non-goals: the program's own argv (lib/boot passes it to main).
 */
#ifndef KM_ENVIRON_H
#define KM_ENVIRON_H

#define KM_AUXV_MAX 32

char **km_environ(void);
unsigned long *km_auxv(void);
int km_auxv_set(unsigned long type, unsigned long value);
unsigned long *km_start_vector(void);

#endif /* KM_ENVIRON_H */
