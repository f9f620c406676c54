/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/posix-user through km_syscall(). */
#include <errno.h>
#include <km/syscall.h>
#include <km/test.h>

KM_TEST(posix_user, root_everywhere)
{
	unsigned int r[3] = { 7, 7, 7 };

	KM_EXPECT_EQ(km_syscall0(KM_SYS_getuid), 0);
	KM_EXPECT_EQ(km_syscall0(KM_SYS_geteuid), 0);
	KM_EXPECT_EQ(km_syscall0(KM_SYS_getgid), 0);
	KM_EXPECT_EQ(km_syscall0(KM_SYS_getegid), 0);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_getresuid, &r[0], &r[1], &r[2]), 0);
	KM_EXPECT_EQ(r[0] + r[1] + r[2], 0u);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_getresgid, &r[0], NULL, &r[2]), -EFAULT);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_getgroups, 0, NULL), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_getgroups, -1, NULL), -EINVAL);
}

KM_TEST(posix_user, no_other_user)
{
	KM_EXPECT_EQ(km_syscall1(KM_SYS_setuid, 0), 0);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_setuid, 1000), -EINVAL);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_setgid, 1000), -EINVAL);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_setresuid, -1, -1, 0), 0);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_setresgid, -1, 5, 0), -EINVAL);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_setgroups, 0, NULL), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_setgroups, 1, NULL), -EINVAL);
}
