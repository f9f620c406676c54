/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/resource.h - resource limits, usage and scheduling priority, in
 * Linux's layout (lib/posix-process), in place of newlib's, which has only
 * a two-field struct rusage. Limits are recorded and reported, not
 * enforced; the priority is recorded, and the scheduler does not use it.
 *
 * Each function returns 0 (getpriority: the nice value, -20..19, so a
 * caller tells -1 from failure by clearing errno first) or -1 with errno:
 * EINVAL for an unknown resource, `which` or a soft limit above the hard
 * one; ESRCH for a process, group or user other than the image's own
 * (its pid, its group, uid 0; 0 names them too); EFAULT for a NULL pointer.
 */
#ifndef KM_NEWLIB_SYS_RESOURCE_H
#define KM_NEWLIB_SYS_RESOURCE_H
/* newlib's own header, never to be included next to this one */
#define _SYS_RESOURCE_H_

#include <sys/time.h>
#include <sys/types.h>

typedef unsigned long long rlim_t;

#define RLIM_INFINITY  (~0ULL)
#define RLIM_SAVED_MAX RLIM_INFINITY
#define RLIM_SAVED_CUR RLIM_INFINITY

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

struct rlimit {
	rlim_t rlim_cur; /* the soft limit */
	rlim_t rlim_max; /* the hard limit */
};

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD	1

/* Times in microseconds; ru_maxrss in KiB (the allocator's peak). */
struct rusage {
	struct timeval ru_utime;
	struct timeval ru_stime;
	long ru_maxrss;
	long ru_ixrss;
	long ru_idrss;
	long ru_isrss;
	long ru_minflt;
	long ru_majflt;
	long ru_nswap;
	long ru_inblock;
	long ru_oublock;
	long ru_msgsnd;
	long ru_msgrcv;
	long ru_nsignals;
	long ru_nvcsw;
	long ru_nivcsw;
};

#define PRIO_MIN     (-20)
#define PRIO_MAX     20
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
