/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * malloc/free mix: a fixed-seed sequence over SLOTS slots; each step frees
 * the slot's block if it has one, else allocates 16 B .. 4 KiB into it and
 * writes its first byte. The same loop runs on the host glibc
 * malloc and on each Kumiki allocator (called through its ops table, as the
 * in-image malloc does), in this one process, all -O2. Prints one row per
 * allocator: operations per second (best of REPEAT) and the ratio to glibc.
 * Built by tests/bench/alloc-mix, with and without CONFIG_ASSERTIONS.
 *
 * "tlsf+lib/alloc" is TLSF behind lib/alloc's malloc and free (libc.c,
 * compiled with its functions renamed km_*), as images call it: argument
 * handling plus the interrupt masking that serialises every allocator call.
 * The masking here is linuxu's (a flag in memory, out of line); on kvm it
 * is pushf/cli and sti.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "tlsf.h"
#include "buddy.h"
#include "region.h"

/* lib/alloc/libc.c, renamed by the build script */
void *km_malloc(size_t size);
void km_free(void *ptr);
struct km_alloc *km_alloc_current;

/* km/plat/timer.h as linuxu implements it: a flag, no system call. */
static volatile int irq_off;
__attribute__((noinline)) unsigned long km_plat_irq_save(void)
{
	unsigned long f = (unsigned long)irq_off;

	irq_off = 1;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	return f;
}
__attribute__((noinline)) void km_plat_irq_restore(unsigned long flags)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (!flags)
		irq_off = 0;
}

#define SLOTS  1024
#define SEQ    (1u << 20)
#define REPEAT 11

static uint32_t slot_of[SEQ];
static uint16_t size_of[SEQ];
static void *slots[SLOTS];

void km_alloc_report(struct km_alloc *a, enum km_alloc_bad why, const void *ptr)
{
	fprintf(stderr, "%s: bad pointer %p (%d)\n", a->ops->name, ptr, why);
	abort();
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static inline void touch(void *p, size_t n)
{
	((volatile char *)p)[0] = 1;
	(void)n;
}

/* glibc: the same loop with the libc calls. */
static double run_glibc(unsigned long ops)
{
	double t = now();

	for (unsigned long i = 0; i < ops; i++) {
		uint32_t s = slot_of[i & (SEQ - 1)];

		if (slots[s]) {
			free(slots[s]);
			slots[s] = NULL;
		} else {
			size_t n = size_of[i & (SEQ - 1)];

			slots[s] = malloc(n);
			touch(slots[s], n);
		}
	}
	t = now() - t;
	for (unsigned int s = 0; s < SLOTS; s++) {
		free(slots[s]);
		slots[s] = NULL;
	}
	return t;
}

static double run_km(struct km_alloc *a, unsigned long ops)
{
	double t = now();

	for (unsigned long i = 0; i < ops; i++) {
		uint32_t s = slot_of[i & (SEQ - 1)];

		if (slots[s]) {
			a->ops->free(a, slots[s]);
			slots[s] = NULL;
		} else {
			size_t n = size_of[i & (SEQ - 1)];

			slots[s] = a->ops->malloc(a, n);
			if (!slots[s]) {
				fprintf(stderr, "%s: out of memory at op %lu\n", a->ops->name, i);
				exit(1);
			}
			touch(slots[s], n);
		}
	}
	t = now() - t;
	for (unsigned int s = 0; s < SLOTS; s++) {
		if (slots[s])
			a->ops->free(a, slots[s]);
		slots[s] = NULL;
	}
	return t;
}

/* The same loop through lib/alloc's malloc/free on the registered allocator. */
static double run_libc(struct km_alloc *a, unsigned long ops)
{
	double t = now();

	km_alloc_current = a;
	for (unsigned long i = 0; i < ops; i++) {
		uint32_t s = slot_of[i & (SEQ - 1)];

		if (slots[s]) {
			km_free(slots[s]);
			slots[s] = NULL;
		} else {
			size_t n = size_of[i & (SEQ - 1)];

			slots[s] = km_malloc(n);
			if (!slots[s]) {
				fprintf(stderr, "lib/alloc: out of memory at op %lu\n", i);
				exit(1);
			}
			touch(slots[s], n);
		}
	}
	t = now() - t;
	for (unsigned int s = 0; s < SLOTS; s++) {
		km_free(slots[s]);
		slots[s] = NULL;
	}
	return t;
}

static void *heap(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	return p;
}

int main(int argc, char **argv)
{
	unsigned long ops = argc > 1 ? strtoul(argv[1], NULL, 0) : 4000000;
	/* Region never reuses memory: it runs fewer operations in its own heap. */
	unsigned long region_ops = ops < 400000 ? ops : 400000;
	size_t len = (size_t)512 << 20;
	static struct km_tlsf tl;
	static struct km_buddy bu;
	static struct km_region_alloc re;
	void *mem = heap(len);
	double best[5] = { 1e9, 1e9, 1e9, 1e9, 1e9 };
	unsigned long n_ops[5] = { ops, ops, ops, region_ops, ops };
	const char *names[5] = { "glibc malloc", "tlsf", "buddy", "region", "tlsf+lib/alloc" };
	uint64_t x = 0x9E3779B97F4A7C15ull;

	for (unsigned int i = 0; i < SEQ; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		slot_of[i] = (uint32_t)(x % SLOTS);
		size_of[i] = (uint16_t)(16 + (x >> 32) % (4096 - 16 + 1));
	}
	memset(mem, 0, len); /* fault the heap in: measure allocators, not the kernel */
	for (int r = 0; r < REPEAT; r++) {
		double t;

		t = run_glibc(ops);
		best[0] = t < best[0] ? t : best[0];
		km_tlsf_init(&tl);
		tl.a.ops->add_memory(&tl.a, mem, len);
		t = run_km(&tl.a, ops);
		best[1] = t < best[1] ? t : best[1];
		km_buddy_init(&bu);
		bu.a.ops->add_memory(&bu.a, mem, len);
		t = run_km(&bu.a, ops);
		best[2] = t < best[2] ? t : best[2];
		km_region_init(&re);
		re.a.ops->add_memory(&re.a, mem, len);
		t = run_km(&re.a, region_ops);
		best[3] = t < best[3] ? t : best[3];
		km_tlsf_init(&tl);
		tl.a.ops->add_memory(&tl.a, mem, len);
		t = run_libc(&tl.a, ops);
		best[4] = t < best[4] ? t : best[4];
	}
	printf("%-16s %12s %8s %10s\n", "allocator", "Mops/s", "ns/op", "vs glibc");
	for (int i = 0; i < 5; i++) {
		double rate = n_ops[i] / best[i];

		printf("%-16s %12.1f %8.1f %9.2fx\n", names[i], rate / 1e6, 1e9 / rate,
		       rate / (n_ops[0] / best[0]));
	}
	return 0;
}
