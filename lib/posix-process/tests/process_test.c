/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/posix-process through km_syscall(). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <km/syscall.h>
#include <km/test.h>

KM_TEST(posix_process, ids)
{
	KM_EXPECT_EQ(km_syscall0(KM_SYS_getpid), 1);
	KM_EXPECT_EQ(km_syscall0(KM_SYS_getppid), 0);
	KM_EXPECT_EQ(km_syscall0(KM_SYS_gettid), 1);
}

KM_TEST(posix_process, uname)
{
	char u[6][65];

	memset(u, 'x', sizeof(u));
	KM_ASSERT_EQ(km_syscall1(KM_SYS_uname, u), 0);
	KM_EXPECT_STREQ(u[0], "Linux");
	KM_EXPECT_STREQ(u[1], "kumiki");
	KM_EXPECT_STREQ(u[4], "x86_64");
	KM_EXPECT_EQ(km_syscall1(KM_SYS_uname, NULL), -EFAULT);
}

KM_TEST(posix_process, rlimits)
{
	uint64_t r[2], n[2], old[2];

	KM_ASSERT_EQ(km_syscall2(KM_SYS_getrlimit, 7, r), 0); /* RLIMIT_NOFILE */
	KM_EXPECT_EQ(r[0], 1024u);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_getrlimit, 16, r), -EINVAL);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_getrlimit, -1, r), -EINVAL);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_getrlimit, 7, NULL), -EFAULT);
	n[0] = 100;
	n[1] = 50;
	KM_EXPECT_EQ(km_syscall2(KM_SYS_setrlimit, 7, n), -EINVAL);
	n[0] = 64;
	n[1] = 1024;
	KM_EXPECT_EQ(km_syscall4(KM_SYS_prlimit64, 0, 7, n, old), 0);
	KM_EXPECT_EQ(old[0], 1024u);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_prlimit64, 1, 7, NULL, r), 0);
	KM_EXPECT_EQ(r[0], 64u);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_setrlimit, 7, old), 0);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_prlimit64, 42, 7, NULL, r), -ESRCH);
	KM_ASSERT_EQ(km_syscall2(KM_SYS_getrlimit, 3, r), 0); /* RLIMIT_STACK */
	KM_EXPECT_EQ(r[0], 8u << 20);
}

KM_TEST(posix_process, sysinfo)
{
	struct {
		long uptime;
		unsigned long loads[3], totalram, freeram, sharedram, bufferram, totalswap,
			freeswap;
		unsigned short procs, pad;
		unsigned long totalhigh, freehigh;
		unsigned int mem_unit;
		char reserved[4];
	} si;

	KM_ASSERT_EQ(km_syscall1(KM_SYS_sysinfo, &si), 0);
	KM_EXPECT_GT(si.totalram, 0u);
	KM_EXPECT_GT(si.freeram, 0u);
	KM_EXPECT_LE(si.freeram, si.totalram);
	KM_EXPECT_EQ(si.procs, 1);
	KM_EXPECT_EQ(si.mem_unit, 1u);
	KM_EXPECT_GE(si.uptime, 0);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_sysinfo, NULL), -EFAULT);
}

KM_TEST(posix_process, scheduling)
{
	uint64_t mask[2] = { ~0ULL, ~0ULL };

	KM_EXPECT_EQ(km_syscall0(KM_SYS_sched_yield), 0);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_sched_getaffinity, 0, sizeof(mask), mask), 8);
	KM_EXPECT_EQ(mask[0], 1u);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_sched_getaffinity, 0, 4, mask), -EINVAL);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_sched_getaffinity, 7, 8, mask), -ESRCH);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_sched_setaffinity, 0, 8, mask), 0);
	mask[0] = 2;
	KM_EXPECT_EQ(km_syscall3(KM_SYS_sched_setaffinity, 0, 8, mask), -EINVAL);
}

KM_TEST(posix_process, one_process_only)
{
	KM_EXPECT_EQ(km_syscall0(KM_SYS_fork), -ENOSYS);
	KM_EXPECT_EQ(km_syscall0(KM_SYS_vfork), -ENOSYS);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_execve, "/bin/sh", NULL, NULL), -ENOSYS);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_wait4, -1, NULL, 0, NULL), -ENOSYS);
	KM_EXPECT_NE(km_syscall_entry(KM_SYS_fork), NULL);
}

KM_TEST(posix_process, thread_pointer_and_tid_address)
{
	unsigned long fs = 0, mine;
	int tid_word;

	KM_ASSERT_EQ(km_syscall2(KM_SYS_arch_prctl, 0x1003, &fs), 0); /* ARCH_GET_FS */
	/* Setting the value it already has keeps __thread variables working. */
	KM_EXPECT_EQ(km_syscall2(KM_SYS_arch_prctl, 0x1002, fs), 0);
	KM_ASSERT_EQ(km_syscall2(KM_SYS_arch_prctl, 0x1003, &mine), 0);
	KM_EXPECT_EQ(mine, fs);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_arch_prctl, 0x1003, NULL), -EFAULT);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_arch_prctl, 0x1001, 0), -EINVAL);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_arch_prctl, 0x9999, 0), -EINVAL);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_set_tid_address, &tid_word), 1);
}

KM_TEST(posix_process, groups_sessions_umask)
{
	KM_EXPECT_EQ(km_syscall0(KM_SYS_getpgrp), 1);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_getpgid, 0), 1);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_getpgid, 5), -ESRCH);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_getsid, 1), 1);
	KM_EXPECT_EQ(km_syscall0(KM_SYS_setsid), -EPERM);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_setpgid, 0, 0), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_setpgid, 0, 7), -EPERM);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_setpgid, 3, 0), -ESRCH);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_setpgid, 0, -1), -EINVAL);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_umask, 077), 022);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_umask, 01777), 077);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_umask, 022), 0777);
}

KM_TEST(posix_process, rusage_and_cpu)
{
	long ru[18];
	unsigned int cpu = 9, node = 9;
	/* maxrss is the allocator's peak: make sure something was allocated */
	void *volatile block = malloc(4096);

	KM_ASSERT_NOT_NULL(block);
	free(block);
	memset(ru, 0x55, sizeof(ru));
	KM_ASSERT_EQ(km_syscall2(KM_SYS_getrusage, 0, ru), 0);
	KM_EXPECT_GE(ru[0], 0);
	KM_EXPECT_LT(ru[1], 1000000L);
	KM_EXPECT_GT(ru[4], 0); /* maxrss in KiB */
	KM_ASSERT_EQ(km_syscall2(KM_SYS_getrusage, -1, ru), 0);
	KM_EXPECT_EQ(ru[0] + ru[1] + ru[4], 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_getrusage, 2, ru), -EINVAL);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_getrusage, 0, NULL), -EFAULT);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_getcpu, &cpu, &node, NULL), 0);
	KM_EXPECT_EQ(cpu + node, 0u);
}
