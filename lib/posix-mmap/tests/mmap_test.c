/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/posix-mmap through km_syscall(). */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <km/alloc.h>
#include <km/syscall.h>
#include <km/test.h>

#define PG	     4096L
#define ANON_PRIVATE 0x22L /* MAP_PRIVATE | MAP_ANONYMOUS */
#define RW	     3L

static char *map(long len, long prot, long flags)
{
	return (char *)km_syscall6(KM_SYS_mmap, 0, len, prot, flags, -1, 0);
}

static int all_zero(const char *p, long len)
{
	for (long i = 0; i < len; i++)
		if (p[i])
			return 0;
	return 1;
}

KM_TEST(posix_mmap, anonymous_map_unmap_returns_the_pages)
{
	struct km_alloc_stats before, after;
	char *p;

	KM_ASSERT_EQ(km_alloc_stats_get(&before), 0);
	p = map(3 * PG, RW, ANON_PRIVATE);

	KM_ASSERT_TRUE((long)p > 0);
	KM_EXPECT_EQ((uintptr_t)p % PG, 0u);
	KM_EXPECT_TRUE(all_zero(p, 3 * PG));
	memset(p, 0x5a, 3 * PG);
	/* The middle page, then the rest: the block goes back with the last. */
	KM_EXPECT_EQ(km_syscall2(KM_SYS_munmap, p + PG, PG), 0);
	KM_EXPECT_EQ(p[0], 0x5a);
	KM_EXPECT_EQ(p[2 * PG], 0x5a);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_munmap, p, PG), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_munmap, p + 2 * PG, 100), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_munmap, p, 3 * PG), 0); /* nothing left: fine */
	/* Bookkeeping and pages all freed (in_use, as not every allocator
	 * reclaims what is freed). */
	KM_ASSERT_EQ(km_alloc_stats_get(&after), 0);
	KM_EXPECT_EQ(after.in_use, before.in_use);
	KM_EXPECT_GE(after.nr_frees, before.nr_frees + 3);
	/* Odd lengths round up to pages. */
	p = map(1, RW, 0x21); /* MAP_SHARED | MAP_ANONYMOUS */
	KM_ASSERT_TRUE((long)p > 0);
	p[PG - 1] = 1;
	KM_EXPECT_EQ(km_syscall2(KM_SYS_munmap, p, 1), 0);
}

KM_TEST(posix_mmap, errors)
{
	char *p;

	KM_EXPECT_EQ((long)map(0, RW, ANON_PRIVATE), -EINVAL);
	KM_EXPECT_EQ((long)map(PG, RW, 0x20), -EINVAL); /* no sharing type */
	KM_EXPECT_EQ((long)map(PG, RW, 0x02), -ENODEV); /* a file mapping */
	KM_EXPECT_EQ(km_syscall6(KM_SYS_mmap, 0, PG, RW, ANON_PRIVATE, -1, 1), -EINVAL);
	KM_EXPECT_EQ((long)map(-PG, RW, ANON_PRIVATE), -ENOMEM);
	KM_EXPECT_EQ((long)map(1L << 46, RW, ANON_PRIVATE), -ENOMEM); /* 64 TiB */
	KM_EXPECT_EQ(km_syscall2(KM_SYS_munmap, 4097, PG), -EINVAL);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_munmap, PG, 0), -EINVAL);
	p = map(PG, RW, ANON_PRIVATE);
	KM_ASSERT_TRUE((long)p > 0);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_mprotect, p, PG, 0x10), -EINVAL);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_mprotect, p + 1, PG, RW), -EINVAL);
	/* Memory this library did not map. */
	KM_EXPECT_EQ(km_syscall3(KM_SYS_mprotect, p + PG, PG, RW), -ENOMEM);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_madvise, p, PG, 999), -EINVAL);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_madvise, p + 1, PG, 0), -EINVAL);
	KM_EXPECT_EQ(km_syscall6(KM_SYS_mmap, p + PG * 16, PG, RW, ANON_PRIVATE | 0x10, -1, 0),
		     -ENOMEM);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_munmap, p, PG), 0);
}

KM_TEST(posix_mmap, mprotect_none_then_rw)
{
	/* As a thread stack with its guard: PROT_NONE, then RW above it. */
	char *p = map(4 * PG, 0, ANON_PRIVATE);

	KM_ASSERT_TRUE((long)p > 0);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_mprotect, p + PG, 3 * PG, RW), 0);
	p[PG] = 1;
	p[4 * PG - 1] = 2;
	KM_EXPECT_EQ(km_syscall3(KM_SYS_mprotect, p, PG, 1), 0); /* read-only is RW */
	KM_EXPECT_EQ(km_syscall2(KM_SYS_munmap, p, 4 * PG), 0);
}

KM_TEST(posix_mmap, mremap_and_fixed_and_madvise)
{
	char *p = map(2 * PG, RW, ANON_PRIVATE), *q;

	KM_ASSERT_TRUE((long)p > 0);
	memset(p, 7, 2 * PG);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_mremap, p, 2 * PG, 4 * PG, 0), -ENOMEM);
	q = (char *)km_syscall4(KM_SYS_mremap, p, 2 * PG, 4 * PG, 1);
	KM_ASSERT_TRUE((long)q > 0);
	KM_EXPECT_EQ(q[2 * PG - 1], 7);
	KM_EXPECT_TRUE(all_zero(q + 2 * PG, 2 * PG));
	KM_EXPECT_EQ(km_syscall4(KM_SYS_mremap, q, 4 * PG, PG, 0), (long)q);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_mremap, q + PG, PG, 2 * PG, 1), -EFAULT);
	/* MAP_FIXED over our own page: fresh zeros at the same address. */
	KM_EXPECT_EQ(km_syscall6(KM_SYS_mmap, q, PG, RW, ANON_PRIVATE | 0x10, -1, 0), (long)q);
	KM_EXPECT_TRUE(all_zero(q, PG));
	q[5] = 1;
	KM_EXPECT_EQ(km_syscall3(KM_SYS_madvise, q, PG, 8), 0); /* MADV_FREE */
	KM_EXPECT_EQ(q[5], 1);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_madvise, q, PG, 4), 0); /* MADV_DONTNEED */
	KM_EXPECT_EQ(q[5], 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_munmap, q, PG), 0);
}

KM_TEST(posix_mmap, brk)
{
	long base = km_syscall1(KM_SYS_brk, 0), top;

	KM_ASSERT_TRUE(base > 0);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_brk, base + 3 * PG), base + 3 * PG);
	KM_EXPECT_TRUE(all_zero((char *)base, 3 * PG));
	memset((char *)base, 1, 3 * PG);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_brk, base + PG), base + PG);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_brk, base + 2 * PG), base + 2 * PG);
	KM_EXPECT_TRUE(all_zero((char *)base + PG, PG));
	top = km_syscall1(KM_SYS_brk, 0);
	KM_EXPECT_EQ(top, base + 2 * PG);
	/* Out of the region: the old break comes back. */
	KM_EXPECT_EQ(km_syscall1(KM_SYS_brk, base + (1L << 40)), top);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_brk, base - PG), top);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_brk, base), base);
}
