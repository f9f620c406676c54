/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat/linuxu/vdso.c in a host process: the lookup finds this process's
 * vDSO clock_gettime, which agrees with the raw system call and never
 * goes back; bad images and unknown names give NULL; the auxiliary vector
 * is found past a synthetic initial stack. Prints ns per call of each.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "vdso.h"

static int failures;
#define CHECK(c, ...)                                                                              \
	do {                                                                                       \
		if (!(c)) {                                                                        \
			failures++;                                                                \
			printf("FAIL: " __VA_ARGS__);                                              \
			printf("\n");                                                              \
		}                                                                                  \
	} while (0)

static long long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

static long raw_clock_gettime(long clock, struct timespec *ts)
{
	return syscall(SYS_clock_gettime, clock, ts);
}

int main(void)
{
	uintptr_t base = getauxval(AT_SYSINFO_EHDR);
	linuxu_vdso_clock_gettime_fn f;
	struct timespec a, b, c;
	long long prev = 0, back = 0, t0, t1, t2;
	static const char junk[256] = "\177ELF";
	long stack[] = { 2, 11, 12, 0, 21, 0, 7, 70, 33, 3300, 0, 0 };
	const unsigned long *auxv = linuxu_auxv_from_stack(stack);

	CHECK(auxv == (const unsigned long *)&stack[6], "auxv found at %p", (const void *)auxv);
	CHECK(linuxu_auxv_get(auxv, 33) == 3300 && linuxu_auxv_get(auxv, 7) == 70 &&
		      linuxu_auxv_get(auxv, 9) == 0,
	      "auxv lookup");
	CHECK(!linuxu_vdso_sym(0, "__vdso_clock_gettime"), "no vDSO gives NULL");
	CHECK(!linuxu_vdso_sym((uintptr_t)junk, "__vdso_clock_gettime"), "a bad image gives NULL");
	if (!base) {
		printf("no vDSO in this process: lookup not tested\n");
		return failures != 0;
	}
	CHECK(!linuxu_vdso_sym(base, "__vdso_no_such_function"), "an unknown name gives NULL");
	CHECK(!linuxu_vdso_sym(base, "__vdso_clock_gettim"), "a prefix gives NULL");
	f = (linuxu_vdso_clock_gettime_fn)linuxu_vdso_sym(base, "__vdso_clock_gettime");
	CHECK(f != NULL, "__vdso_clock_gettime found");
	if (!f)
		return 1;
	for (int clock = 0; clock <= 1; clock++) {
		raw_clock_gettime(clock, &a);
		CHECK(f(clock, &b) == 0, "vDSO clock %d returns 0", clock);
		raw_clock_gettime(clock, &c);
		CHECK(ns(&a) <= ns(&b) && ns(&b) <= ns(&c) && ns(&c) - ns(&a) < 50000000,
		      "clock %d: vDSO %lld between raw %lld and %lld", clock, ns(&b), ns(&a),
		      ns(&c));
	}
	for (int i = 0; i < 1000000; i++) {
		f(CLOCK_MONOTONIC, &a);
		back += ns(&a) < prev;
		prev = ns(&a);
	}
	CHECK(!back, "vDSO MONOTONIC went back %lld times in 1000000 reads", back);
	t0 = (f(CLOCK_MONOTONIC, &a), ns(&a));
	for (int i = 0; i < 1000000; i++)
		f(CLOCK_MONOTONIC, &b);
	t1 = (f(CLOCK_MONOTONIC, &a), ns(&a));
	for (int i = 0; i < 1000000; i++)
		raw_clock_gettime(CLOCK_MONOTONIC, &b);
	t2 = (f(CLOCK_MONOTONIC, &a), ns(&a));
	printf("clock_gettime(MONOTONIC): vDSO %.1f ns, system call %.1f ns per call\n",
	       (t1 - t0) / 1e6, (t2 - t1) / 1e6);
	printf("%s\n", failures ? "vdso: FAILED" : "vdso: ok");
	return failures != 0;
}
