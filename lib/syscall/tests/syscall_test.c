/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/syscall: dispatch, -ENOSYS, and the generated tables. */
#include <errno.h>
#include <string.h>
#include <km/syscall.h>
#include <km/test.h>

extern const struct km_syscall_entry __km_syscalls_start[], __km_syscalls_end[];

KM_TEST(syscall, unregistered_and_out_of_range_are_enosys)
{
	KM_EXPECT_EQ(km_syscall_entry(KM_SYS_kexec_load), NULL);
	KM_EXPECT_EQ(km_syscall0(KM_SYS_kexec_load), -ENOSYS);
	KM_EXPECT_EQ(km_syscall0(-1), -ENOSYS);
	KM_EXPECT_EQ(km_syscall0(KM_SYSCALL_NR_COUNT), -ENOSYS);
	KM_EXPECT_EQ(km_syscall0(1L << 40), -ENOSYS);
}

KM_TEST(syscall, names_follow_the_kernel_headers)
{
	KM_EXPECT_STREQ(km_syscall_name(0), "read");
	KM_EXPECT_STREQ(km_syscall_name(39), "getpid");
	KM_EXPECT_STREQ(km_syscall_name(KM_SYS_exit_group), "exit_group");
	KM_EXPECT_EQ(KM_SYS_getpid, 39);
	KM_EXPECT_EQ(km_syscall_name(-1), NULL);
	KM_EXPECT_EQ(km_syscall_name(KM_SYSCALL_NR_COUNT), NULL);
	KM_EXPECT_STREQ(km_errno_name(EBADF), "EBADF");
	KM_EXPECT_STREQ(km_errno_name(ENOSYS), "ENOSYS");
	KM_EXPECT_EQ(km_errno_name(0), NULL);
	KM_EXPECT_EQ(km_errno_name(100000), NULL);
}

/* Every entry of the linker table is what dispatch finds for its number. */
KM_TEST(syscall, table_entries_are_dispatched)
{
	for (const struct km_syscall_entry *e = __km_syscalls_start; e < __km_syscalls_end; e++) {
		KM_EXPECT_STREQ(km_syscall_name(e->nr), e->name);
		KM_EXPECT_EQ(km_syscall_entry(e->nr), e);
		KM_EXPECT_LE(e->nargs, 6u);
	}
}

/* The owner recorded is the library the entry was compiled in. */
KM_TEST(syscall, entries_name_their_library)
{
	const struct km_syscall_entry *e;

	for (e = __km_syscalls_start; e < __km_syscalls_end; e++)
		KM_EXPECT_EQ(strncmp(e->lib, "lib", 3), 0);
	if ((e = km_syscall_entry(KM_SYS_getpid)))
		KM_EXPECT_STREQ(e->lib, "libposix_process");
	if ((e = km_syscall_entry(KM_SYS_write)))
		KM_EXPECT_STREQ(e->lib, "libfdtab");
}
