/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Raw Linux x86_64 system calls. linuxu links no host libc: this is the
 * whole interface to the host kernel. Each wrapper returns the kernel's
 * value, a negative errno on failure.
 */
#ifndef LINUXU_SYSCALL_H
#define LINUXU_SYSCALL_H

#define LINUXU_SYS_read		    0
#define LINUXU_SYS_write	    1
#define LINUXU_SYS_mmap		    9
#define LINUXU_SYS_munmap	    11
#define LINUXU_SYS_madvise	    28
#define LINUXU_SYS_rt_sigaction	    13
#define LINUXU_SYS_rt_sigprocmask   14
#define LINUXU_SYS_rt_sigreturn	    15
#define LINUXU_SYS_ioctl	    16
#define LINUXU_SYS_getpid	    39
#define LINUXU_SYS_sigaltstack	    131
#define LINUXU_SYS_process_vm_readv 310
#define LINUXU_SYS_ppoll	    271
#define LINUXU_SYS_clock_gettime    228
#define LINUXU_SYS_clock_nanosleep  230
#define LINUXU_SYS_exit_group	    231
#define LINUXU_SYS_timer_create	    222
#define LINUXU_SYS_timer_settime    223
/* files: linuxu.initrd (initrd.c) and lib/hostfs */
#define LINUXU_SYS_close      3
#define LINUXU_SYS_fstat      5
#define LINUXU_SYS_pread64    17
#define LINUXU_SYS_pwrite64   18
#define LINUXU_SYS_fsync      74
#define LINUXU_SYS_ftruncate  77
#define LINUXU_SYS_fstatfs    138
#define LINUXU_SYS_getdents64 217
#define LINUXU_SYS_openat     257
#define LINUXU_SYS_mkdirat    258
#define LINUXU_SYS_newfstatat 262
#define LINUXU_SYS_unlinkat   263
#define LINUXU_SYS_renameat   264
#define LINUXU_SYS_linkat     265
#define LINUXU_SYS_symlinkat  266
#define LINUXU_SYS_readlinkat 267
#define LINUXU_SYS_fchmodat   268
#define LINUXU_SYS_utimensat  280

static inline long linuxu_syscall6(long n, long a1, long a2, long a3, long a4, long a5, long a6)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			     : "rcx", "r11", "memory");
	return ret;
}

#define linuxu_syscall(n, a1, a2, a3)                                                              \
	linuxu_syscall6(n, (long)(a1), (long)(a2), (long)(a3), 0, 0, 0)

#define LINUXU_TCGETS 0x5401

/* The kernel's struct stat on x86_64 (144 bytes). */
struct linuxu_stat {
	unsigned long dev, ino, nlink;
	unsigned int mode, uid, gid, pad0;
	unsigned long rdev;
	long size, blksize, blocks;
	long atime_sec, atime_nsec, mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
	long reserved[3];
};

#define LINUXU_PROT_READ	   1
#define LINUXU_PROT_WRITE	   2
#define LINUXU_MAP_PRIVATE	   0x02
#define LINUXU_MAP_ANONYMOUS	   0x20
#define LINUXU_MAP_NORESERVE	   0x4000
#define LINUXU_MADV_NOHUGEPAGE	   15
#define LINUXU_AT_FDCWD		   (-100)
#define LINUXU_AT_SYMLINK_NOFOLLOW 0x100
#define LINUXU_AT_REMOVEDIR	   0x200
#define LINUXU_O_RDONLY		   0
#define LINUXU_O_CLOEXEC	   02000000
#define LINUXU_S_IFMT		   0170000
#define LINUXU_S_IFREG		   0100000
#define LINUXU_S_IFDIR		   0040000

struct linuxu_timespec {
	long tv_sec;
	long tv_nsec;
};

/* The kernel's struct sigaction (not glibc's): a mask of 8 bytes. */
struct linuxu_sigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

#define LINUXU_SA_SIGINFO  0x00000004UL
#define LINUXU_SA_RESTORER 0x04000000UL
#define LINUXU_SA_ONSTACK  0x08000000UL
#define LINUXU_SA_RESTART  0x10000000UL
#define LINUXU_SA_NODEFER  0x40000000UL

/* Returning from a signal handler lands here (sa_restorer, timer.c). */
void linuxu_sigreturn(void);

static inline long linuxu_sigaction(int sig, const struct linuxu_sigaction *sa)
{
	return linuxu_syscall6(LINUXU_SYS_rt_sigaction, sig, (long)sa, 0, sizeof(sa->mask), 0, 0);
}

#define LINUXU_CLOCK_REALTIME  0
#define LINUXU_CLOCK_MONOTONIC 1
#define LINUXU_TIMER_ABSTIME   1

#endif /* LINUXU_SYSCALL_H */
