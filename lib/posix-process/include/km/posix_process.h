/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/posix_process.h - the process as POSIX sees it (lib/posix-process).
 *
 * The library registers these system calls (km/syscall.h); their results
 * follow the Linux x86_64 ABI and man pages named below, for an image that
 * is ONE process (pid KM_POSIX_PID) on ONE CPU, run by root:
 * - getpid(2) = 1, getppid(2) = 0.
 * - Without lib/posix-thread: gettid(2) = 1; exit(2) ends the image as
 *   exit_group(2) does; set_tid_address(2) records the address and
 *   returns 1. With it, these three are its own (km/posix_thread.h:
 *   per-thread ids, exit of one thread).
 * - exit_group(2): ends the image; the status is a1 & 0xff
 *   (km_plat_terminate). No C-library cleanup runs: that is the libc's
 *   exit(3)'s job before it makes this call.
 * - uname(2): struct utsname (6 fields of 65 bytes): sysname "Linux" (the
 *   ABI programs test for), nodename "kumiki", release "6.1.0-kumiki",
 *   version "Kumiki unikernel", machine "x86_64", domainname "(none)".
 *   -EFAULT for NULL.
 * - getrlimit(2)/setrlimit(2)/prlimit64(2): struct rlimit (two u64,
 *   RLIM_INFINITY = ~0). Limits are recorded, not enforced, except that
 *   their values are what getrlimit returns. Defaults: RLIMIT_STACK
 *   8 MiB, RLIMIT_NOFILE 1024/1024 soft/hard, RLIMIT_CORE 0, others
 *   infinite. -EINVAL: resource >= 16 or soft > hard; -ESRCH: a pid other
 *   than 0 or 1; -EFAULT: NULL where a value is needed (getrlimit).
 * - sysinfo(2): uptime in seconds, totalram = the heap given to the
 *   allocator, freeram = what it has left, mem_unit 1, procs 1.
 * - sched_yield(2): lets other threads of lib/sched run; 0.
 * - sched_getaffinity(2): CPU 0 only; returns 8 (bytes of mask written)
 *   or -EINVAL when the buffer is smaller than 8 bytes or not a multiple of
 *   8; sched_setaffinity(2): 0 when the mask has CPU 0, else -EINVAL.
 * - arch_prctl(2) (x86_64): ARCH_SET_FS loads the thread pointer
 *   (km_plat_tls_set), ARCH_GET_FS stores it through a2 (-EFAULT for NULL);
 *   any other code, the GS ones included, -EINVAL. With lib/sched the
 *   value is the calling thread's (km_thread_tls_set): every switch back
 *   to the thread loads it again.
 * - getpgrp(2) = 1; getpgid(2)/getsid(2) of 0 or 1 = 1, else -ESRCH;
 *   setsid(2): -EPERM (already a session leader); setpgid(2) of itself
 *   to 0 or 1: 0 (-ESRCH another pid, -EINVAL pgid < 0, -EPERM another).
 * - umask(2): records the mask (a1 & 0777, default 022), returns the old;
 *   km_posix_umask() reads it (lib/vfs applies it to new files).
 * - getrusage(2) (struct rusage, x86_64 layout): RUSAGE_SELF (0) and
 *   RUSAGE_THREAD (1): ru_utime is the CPU time of CLOCK_PROCESS_CPUTIME
 *   (time since boot), ru_maxrss the allocator's peak in KiB, the rest 0;
 *   RUSAGE_CHILDREN (-1): all 0. -EINVAL another who, -EFAULT NULL.
 * - getpriority(2)/setpriority(2): the image's nice value, recorded (the
 *   scheduler does not use it), default 0. which PRIO_PROCESS (0) or
 *   PRIO_PGRP (1) with who 0 or 1, PRIO_USER (2) with who 0 (root);
 *   another who: -ESRCH; another which: -EINVAL. getpriority returns
 *   20 - nice (1..40, as Linux's call; the C library turns it back);
 *   setpriority clamps a3 to -20..19 (root may raise it) and returns 0.
 * - getcpu(2): CPU 0, node 0 (either pointer MAY be NULL).
 * - fork, vfork, execve, execveat, wait4, waitid: -ENOSYS (an image has
 *   one process and no program loader) with one warning each saying so.
 */
#ifndef KM_POSIX_PROCESS_H
#define KM_POSIX_PROCESS_H

#define KM_POSIX_PID 1

/* The file mode creation mask, 0..0777. */
unsigned int km_posix_umask(void);

/* The x86_64 layout of struct sysinfo (sysinfo(2)), for C library glue
 * that has no <sys/sysinfo.h> of its own (lib/newlib). */
struct km_sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char reserved[4];
};

#endif /* KM_POSIX_PROCESS_H */
