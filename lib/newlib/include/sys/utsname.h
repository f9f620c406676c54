/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/utsname.h - uname(2) (lib/posix-process), Linux's layout. Returns 0,
 * or -1 with errno EFAULT for a NULL @u.
 */
#ifndef KM_NEWLIB_SYS_UTSNAME_H
#define KM_NEWLIB_SYS_UTSNAME_H

#define _UTSNAME_LENGTH 65

struct utsname {
	char sysname[_UTSNAME_LENGTH];
	char nodename[_UTSNAME_LENGTH];
	char release[_UTSNAME_LENGTH];
	char version[_UTSNAME_LENGTH];
	char machine[_UTSNAME_LENGTH];
	char domainname[_UTSNAME_LENGTH];
};

#ifdef __cplusplus
extern "C" {
#endif
int uname(struct utsname *u);
#ifdef __cplusplus
}
#endif
#endif
