/* SPDX-License-Identifier: BSD-3-Clause */
/* Clocks and sleeps: time HOST_EPOCH TOLERANCE_S, sleep LATE_MS, clockrate MS. */
#include <errno.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "posixtest.h"

static long long ns_of(const struct timespec *ts)
{
	return (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

static long long mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ns_of(&ts);
}

int cmd_time(int argc, char **argv)
{
	long long host = argc > 1 ? atoll(argv[1]) : 0, tol = argc > 2 ? atoll(argv[2]) : 10;
	struct timespec a, b, res;
	struct timeval tv;
	long long prev, backwards = 0, now;
	time_t t, t2;

	PT_CHECK(clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0 &&
			 res.tv_nsec <= 1000000,
		 "clock_getres(MONOTONIC) is at most 1 ms", "%ld s %ld ns", (long)res.tv_sec,
		 res.tv_nsec);
	PT_CHECK(clock_getres(CLOCK_REALTIME, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0,
		 "clock_getres(REALTIME)", "%ld s %ld ns", (long)res.tv_sec, res.tv_nsec);
	errno = 0;
	PT_CHECK(clock_gettime((clockid_t)12345, &a) == -1 && errno == EINVAL,
		 "clock_gettime of an unknown clock is EINVAL", "errno %d", errno);
	prev = mono_ns();
	for (int i = 0; i < 200000; i++) {
		now = mono_ns();
		backwards += now < prev;
		prev = now;
	}
	PT_CHECK(!backwards, "CLOCK_MONOTONIC never goes back in 200000 reads", "%lld times",
		 backwards);
	clock_gettime(CLOCK_MONOTONIC, &a);
	clock_gettime(CLOCK_MONOTONIC, &b);
	PT_CHECK(a.tv_nsec >= 0 && a.tv_nsec < 1000000000 && ns_of(&b) >= ns_of(&a),
		 "CLOCK_MONOTONIC timespecs are normalised", "%ld", a.tv_nsec);
	clock_gettime(CLOCK_REALTIME, &a);
	PT_CHECK(host > 0 && llabs((long long)a.tv_sec - host) <= tol,
		 "CLOCK_REALTIME is near the host's date",
		 "guest %lld, host %lld, tolerance %lld s", (long long)a.tv_sec, host, tol);
	PT_CHECK(gettimeofday(&tv, NULL) == 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000 &&
			 llabs((long long)tv.tv_sec - (long long)a.tv_sec) <= 1,
		 "gettimeofday agrees with CLOCK_REALTIME", "%lld.%06ld vs %lld",
		 (long long)tv.tv_sec, (long)tv.tv_usec, (long long)a.tv_sec);
	t = time(&t2);
	PT_CHECK(t == t2 && llabs((long long)t - (long long)a.tv_sec) <= 1,
		 "time() agrees with CLOCK_REALTIME", "%lld %lld vs %lld", (long long)t,
		 (long long)t2, (long long)a.tv_sec);
	return 0;
}

static long long real_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ns_of(&ts);
}

/* MONOTONIC read back to back for MS ms (a clock that calibrates or
 * re-anchors itself while running does so in that time): never backwards,
 * and its elapsed time within 1 ms + 0.1 % of REALTIME's (the wall clock
 * is the host's or the platform's own; it is not expected to jump). */
int cmd_clockrate(int argc, char **argv)
{
	long long ms = argc > 1 ? atoll(argv[1]) : 1500, backwards = 0, reads = 0;
	long long m0 = mono_ns(), r0 = real_ns(), prev = m0, now = m0, dm, dr;

	while (now - m0 < ms * 1000000LL) {
		now = mono_ns();
		backwards += now < prev;
		prev = now;
		reads++;
	}
	dm = now - m0;
	dr = real_ns() - r0;
	PT_CHECK(!backwards, "CLOCK_MONOTONIC never goes back while it runs",
		 "%lld times in %lld reads", backwards, reads);
	PT_CHECK(llabs(dm - dr) <= 1000000LL + dr / 1000, "CLOCK_MONOTONIC runs at REALTIME's rate",
		 "%lld ns against %lld ns", dm, dr);
	return 0;
}

/* One sleep: never early, at most late_ms late. */
static void check_sleep(const char *what, long long want_ns, long long start, long long late_ms)
{
	long long got = mono_ns() - start;

	PT_CHECK(got >= want_ns && got <= want_ns + late_ms * 1000000LL, what,
		 "slept %lld us for %lld us, at most %lld ms late", got / 1000, want_ns / 1000,
		 late_ms);
}

int cmd_sleep(int argc, char **argv)
{
	long long late = argc > 1 ? atoll(argv[1]) : 50, t0;
	struct timespec req = { 0, 30000000 }, rem = { 7, 7 }, abs_ts;

	t0 = mono_ns();
	PT_CHECK(nanosleep(&req, &rem) == 0, "nanosleep returns 0");
	check_sleep("nanosleep(30 ms) is on time", 30000000, t0, late);
	t0 = mono_ns();
	PT_CHECK(clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL) == 0, "clock_nanosleep returns 0");
	check_sleep("clock_nanosleep(MONOTONIC, 30 ms) is on time", 30000000, t0, late);
	t0 = mono_ns();
	clock_gettime(CLOCK_MONOTONIC, &abs_ts);
	abs_ts.tv_nsec += 40000000;
	if (abs_ts.tv_nsec >= 1000000000) {
		abs_ts.tv_sec++;
		abs_ts.tv_nsec -= 1000000000;
	}
	PT_CHECK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs_ts, NULL) == 0,
		 "clock_nanosleep(TIMER_ABSTIME) returns 0");
	PT_CHECK(mono_ns() >= ns_of(&abs_ts),
		 "clock_nanosleep(TIMER_ABSTIME) wakes at the deadline, not before");
	check_sleep("clock_nanosleep(TIMER_ABSTIME, +40 ms) is on time", 40000000, t0, late);
	t0 = mono_ns();
	PT_CHECK(clock_nanosleep(CLOCK_REALTIME, 0, &req, NULL) == 0,
		 "clock_nanosleep(REALTIME) returns 0");
	check_sleep("clock_nanosleep(REALTIME, 30 ms) is on time", 30000000, t0, late);
	t0 = mono_ns();
	PT_CHECK(usleep(25000) == 0, "usleep returns 0");
	check_sleep("usleep(25000) is on time", 25000000, t0, late);
	t0 = mono_ns();
	PT_CHECK(sleep(1) == 0, "sleep(1) returns 0");
	check_sleep("sleep(1) is on time", 1000000000, t0, late);
	req.tv_nsec = 1000000000;
	errno = 0;
	PT_CHECK(nanosleep(&req, NULL) == -1 && errno == EINVAL,
		 "nanosleep with tv_nsec = 1e9 is EINVAL", "errno %d", errno);
	req.tv_sec = -1, req.tv_nsec = 0;
	errno = 0;
	PT_CHECK(nanosleep(&req, NULL) == -1 && errno == EINVAL,
		 "nanosleep with a negative time is EINVAL", "errno %d", errno);
	t0 = mono_ns();
	req.tv_sec = 0;
	PT_CHECK(nanosleep(&req, NULL) == 0, "nanosleep(0) returns 0");
	check_sleep("nanosleep(0) returns at once", 0, t0, late);
	return 0;
}
