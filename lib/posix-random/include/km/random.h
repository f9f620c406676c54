/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/random.h - random bytes for the image (consumer API of lib/posix-random).
 *
 * km_random_fill(buf, len) fills the caller's @buf with @len
 * cryptographically strong random bytes and never blocks, from the first
 * init function on. Source: the CPU's RDRAND when CPUID says it has one
 * (each word retried up to 10 times), else a ChaCha20 generator (RFC 8439
 * block function, key erased after every request) keyed at first use from
 * RDSEED/RDRAND when present, the TSC's jitter and both platform clocks.
 * The boot parameter random.rdrand=0 forces the generator.
 * km_random_source() names what is used: "rdrand" or "chacha20".
 *
 * System call: getrandom(2) (buf, len, flags): returns the bytes written,
 * at most 33554431 per call like Linux; flags GRND_NONBLOCK (1), GRND_RANDOM
 * (2) and GRND_INSECURE (4) are accepted and change nothing (it never
 * blocks); -EINVAL for other bits or GRND_RANDOM|GRND_INSECURE; -EFAULT
 * for a NULL buffer with len > 0.
 *
 * Thread safety: calls are serialised by masking interrupts (one CPU).
 * Non-goals: entropy accounting, reseeding from interrupts, /dev/random
 * files (the VFS's devfs will call km_random_fill).
 */
#ifndef KM_RANDOM_H
#define KM_RANDOM_H

#include <stddef.h>

void km_random_fill(void *buf, size_t len);
const char *km_random_source(void);

#endif /* KM_RANDOM_H */
