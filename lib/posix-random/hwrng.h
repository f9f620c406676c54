/* SPDX-License-Identifier: BSD-3-Clause */
/* The CPU's random number instructions, per architecture (hwrng_<arch>.c). */
#ifndef KM_POSIX_RANDOM_HWRNG_H
#define KM_POSIX_RANDOM_HWRNG_H
#include <stdint.h>

/* 1 when the CPU has the instruction. */
int km_hwrng_has_rdrand(void);
int km_hwrng_has_rdseed(void);
/* One 64-bit word: 0 on success, -EIO when the CPU ran dry (retried). */
int km_hwrng_rdrand(uint64_t *v);
int km_hwrng_rdseed(uint64_t *v);
/* A fast-moving cycle counter, for jitter. */
uint64_t km_hwrng_cycles(void);

#endif
