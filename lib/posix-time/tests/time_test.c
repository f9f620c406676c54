/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/posix-time through km_syscall(). */
#include <errno.h>
#include <km/syscall.h>
#include <km/test.h>

struct ts_ {
	long sec, nsec;
};

static long long ns_of(long clk)
{
	struct ts_ t;

	if (km_syscall2(KM_SYS_clock_gettime, clk, &t))
		return -1;
	return t.sec * 1000000000LL + t.nsec;
}

KM_TEST(posix_time, every_clock_reads)
{
	static const long clocks[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	struct ts_ t, res;

	for (unsigned int i = 0; i < KM_ARRAY_SIZE(clocks); i++) {
		t.nsec = -1;
		KM_EXPECT_EQ(km_syscall2(KM_SYS_clock_gettime, clocks[i], &t), 0);
		KM_EXPECT_GE(t.nsec, 0);
		KM_EXPECT_LT(t.nsec, 1000000000L);
		KM_EXPECT_GE(t.sec, 0);
		KM_EXPECT_EQ(km_syscall2(KM_SYS_clock_getres, clocks[i], &res), 0);
		KM_EXPECT_EQ(res.sec, 0);
		KM_EXPECT_EQ(res.nsec, 1);
	}
	/* The wall clock comes from the platform: after 2020-01-01. */
	KM_EXPECT_GT(ns_of(0) / 1000000000LL, 1577836800LL);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_clock_getres, 1, NULL), 0);
}

KM_TEST(posix_time, bad_clocks_and_pointers)
{
	struct ts_ t;

	KM_EXPECT_EQ(km_syscall2(KM_SYS_clock_gettime, 8, &t), -EINVAL);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_clock_gettime, -2, &t), -EINVAL);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_clock_gettime, 1, NULL), -EFAULT);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_clock_getres, 99, &t), -EINVAL);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_clock_settime, 0, &t), -EPERM);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_clock_settime, 99, &t), -EINVAL);
}

KM_TEST(posix_time, monotonic_and_boottime_agree)
{
	long long a = ns_of(1), b = ns_of(7), c = ns_of(1);

	KM_EXPECT_LE(a, b);
	KM_EXPECT_LE(b, c);
}

KM_TEST(posix_time, nanosleep_sleeps_at_least)
{
	struct ts_ req = { 0, 20000000 };
	long long t0 = ns_of(1), dt;

	KM_ASSERT_EQ(km_syscall2(KM_SYS_nanosleep, &req, NULL), 0);
	dt = ns_of(1) - t0;
	KM_EXPECT_GE(dt, 20000000LL);
	KM_EXPECT_LT(dt, 2000000000LL);
	req.nsec = 1000000000L;
	KM_EXPECT_EQ(km_syscall2(KM_SYS_nanosleep, &req, NULL), -EINVAL);
	req.nsec = -1;
	KM_EXPECT_EQ(km_syscall2(KM_SYS_nanosleep, &req, NULL), -EINVAL);
	req.sec = -1;
	req.nsec = 0;
	KM_EXPECT_EQ(km_syscall2(KM_SYS_nanosleep, &req, NULL), -EINVAL);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_nanosleep, NULL, NULL), -EFAULT);
}

KM_TEST(posix_time, clock_nanosleep_absolute_and_relative)
{
	long long t0 = ns_of(1), dt;
	struct ts_ abs = { (t0 + 15000000) / 1000000000LL, (t0 + 15000000) % 1000000000LL };
	struct ts_ rel = { 0, 10000000 };

	KM_ASSERT_EQ(km_syscall4(KM_SYS_clock_nanosleep, 1, 1, &abs, NULL), 0);
	dt = ns_of(1) - t0;
	KM_EXPECT_GE(dt, 15000000LL);
	t0 = ns_of(1);
	KM_ASSERT_EQ(km_syscall4(KM_SYS_clock_nanosleep, 0, 0, &rel, NULL), 0);
	KM_EXPECT_GE(ns_of(1) - t0, 10000000LL);
	/* An absolute time in the past returns at once. */
	abs.sec = 0;
	t0 = ns_of(1);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_clock_nanosleep, 1, 1, &abs, NULL), 0);
	KM_EXPECT_LT(ns_of(1) - t0, 500000000LL);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_clock_nanosleep, 2, 0, &rel, NULL), -EINVAL);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_clock_nanosleep, 1, 2, &rel, NULL), -EINVAL);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_clock_nanosleep, 42, 0, &rel, NULL), -EINVAL);
}

KM_TEST(posix_time, gettimeofday_time_times)
{
	struct {
		long sec, usec;
	} tv;
	int tz[2] = { 5, 5 };
	long t = 0, tms[4] = { -1, -1, -1, -1 }, ticks;
	long long wall = ns_of(0) / 1000000000LL;

	KM_ASSERT_EQ(km_syscall2(KM_SYS_gettimeofday, &tv, tz), 0);
	KM_EXPECT_GE(tv.sec, wall);
	KM_EXPECT_LE(tv.sec, wall + 2);
	KM_EXPECT_LT(tv.usec, 1000000L);
	KM_EXPECT_EQ(tz[0] + tz[1], 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_gettimeofday, NULL, NULL), 0);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_time, &t), t);
	KM_EXPECT_GE(t, wall);
	KM_EXPECT_LE(t, wall + 2);
	KM_EXPECT_GE(km_syscall1(KM_SYS_time, NULL), wall);
	ticks = km_syscall1(KM_SYS_times, tms);
	KM_EXPECT_GE(ticks, 0);
	KM_EXPECT_EQ(tms[0], ticks);
	KM_EXPECT_EQ(tms[1] + tms[2] + tms[3], 0);
	KM_EXPECT_LE(ticks, ns_of(1) / 10000000LL);
	KM_EXPECT_GE(km_syscall1(KM_SYS_times, NULL), ticks);
}
