/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/resource.h - in place of newlib's, whose struct rusage has two of
 * Linux's sixteen fields (getrusage(2) writes 144 bytes) and which has no
 * getrlimit: Linux x86_64's layouts and values, the calls on the syscall
 * layer (lib/newlib/posix_proc.c; lib/posix-process answers them).
 * Each returns 0 (getpriority: the nice value), or -1 with errno
 * (EINVAL for an unknown resource or who, EFAULT, EPERM).
 */
#ifndef KM_NEWLIB_SYS_RESOURCE_H
#define KM_NEWLIB_SYS_RESOURCE_H

#include <sys/time.h>
#include <sys/types.h>

typedef unsigned long long rlim_t;

struct rlimit {
	rlim_t rlim_cur; /* the soft limit */
	rlim_t rlim_max; /* the hard limit */
};

#define RLIM_INFINITY  (~0ULL)
#define RLIM_SAVED_CUR RLIM_INFINITY
#define RLIM_SAVED_MAX RLIM_INFINITY

#define RLIMIT_CPU	  0
#define RLIMIT_FSIZE	  1
#define RLIMIT_DATA	  2
#define RLIMIT_STACK	  3
#define RLIMIT_CORE	  4
#define RLIMIT_RSS	  5
#define RLIMIT_NPROC	  6
#define RLIMIT_NOFILE	  7
#define RLIMIT_MEMLOCK	  8
#define RLIMIT_AS	  9
#define RLIMIT_LOCKS	  10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE	  12
#define RLIMIT_NICE	  13
#define RLIMIT_RTPRIO	  14
#define RLIMIT_RTTIME	  15
#define RLIMIT_NLIMITS	  16
#define RLIM_NLIMITS	  RLIMIT_NLIMITS

struct rusage {
	struct timeval ru_utime; /* user time used */
	struct timeval ru_stime; /* system time used */
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap, ru_inblock,
		ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD	1

#define PRIO_PROCESS 0
#define PRIO_PGRP    1
#define PRIO_USER    2

#ifdef __cplusplus
extern "C" {
#endif
int getrlimit(int resource, struct rlimit *rl);
int setrlimit(int resource, const struct rlimit *rl);
int getrusage(int who, struct rusage *ru);
int getpriority(int which, id_t who);
int setpriority(int which, id_t who, int prio);
#ifdef __cplusplus
}
#endif
#endif
