/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * getrandom and km_random_fill (see km/random.h). The generator is keyed
 * lazily, at the first request, so that no boot waits for it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <km/param.h>
#include <km/plat/time.h>
#include <km/plat/timer.h>
#include <km/random.h>
#include <km/syscall.h>
#include "chacha20.h"
#include "hwrng.h"

static bool use_rdrand = true;
KM_PARAM(random, rdrand, bool, use_rdrand,
	 "use the CPU's RDRAND when it has one (0: the ChaCha20 generator)");

static struct {
	uint32_t key[8];
	uint32_t nonce[3];
	int keyed;
	int rdrand; /* -1 unknown, 0 no, 1 yes */
} rng = { .rdrand = -1 };

static int rdrand_usable(void)
{
	if (rng.rdrand < 0)
		rng.rdrand = use_rdrand && km_hwrng_has_rdrand();
	return rng.rdrand;
}

const char *km_random_source(void)
{
	return rdrand_usable() ? "rdrand" : "chacha20";
}

/* Mix one word into the key: a ChaCha20 block over key ^ word. */
static void mix(uint64_t v)
{
	uint32_t out[16];

	rng.key[0] ^= (uint32_t)v;
	rng.key[1] ^= (uint32_t)(v >> 32);
	km_chacha20_block(rng.key, 0xffffffffu, rng.nonce, out);
	for (int i = 0; i < 8; i++)
		rng.key[i] ^= out[i];
	rng.nonce[0] ^= out[8];
	rng.nonce[1] ^= out[9];
}

static void seed(void)
{
	uint64_t v;

	mix(km_plat_wall_ns());
	mix(km_plat_monotonic_ns());
	mix((uint64_t)(uintptr_t)&v);
	for (int i = 0; i < 8; i++) {
		if (km_hwrng_has_rdseed() && !km_hwrng_rdseed(&v))
			mix(v);
		else if (km_hwrng_has_rdrand() && !km_hwrng_rdrand(&v))
			mix(v);
	}
	/* The TSC's jitter around clock reads: a few bits per sample. */
	for (int i = 0; i < 64; i++) {
		uint64_t t0 = km_hwrng_cycles();

		(void)km_plat_monotonic_ns();
		mix(km_hwrng_cycles() - t0 + ((uint64_t)i << 56));
	}
	rng.keyed = 1;
}

static void chacha_fill(unsigned char *p, size_t len)
{
	uint32_t block[16];
	uint32_t counter = 0;

	if (!rng.keyed)
		seed();
	rng.nonce[2]++;
	while (len) {
		size_t n = KM_MIN(len, sizeof(block));

		km_chacha20_block(rng.key, ++counter, rng.nonce, block);
		memcpy(p, block, n);
		p += n;
		len -= n;
	}
	/* Fast key erasure: the next key is stream the caller never saw. */
	km_chacha20_block(rng.key, 0, rng.nonce, block);
	memcpy(rng.key, block, sizeof(rng.key));
	memset(block, 0, sizeof(block));
}

static int rdrand_fill(unsigned char *p, size_t len)
{
	while (len) {
		uint64_t v;
		size_t n = KM_MIN(len, sizeof(v));

		if (km_hwrng_rdrand(&v))
			return -EIO;
		memcpy(p, &v, n);
		p += n;
		len -= n;
	}
	return 0;
}

void km_random_fill(void *buf, size_t len)
{
	unsigned long irq = km_plat_irq_save();

	/* A CPU whose RDRAND keeps failing falls back to the generator. */
	if (!rdrand_usable() || rdrand_fill(buf, len))
		chacha_fill(buf, len);
	km_plat_irq_restore(irq);
}

#define GRND_NONBLOCK_ 1
#define GRND_RANDOM_   2
#define GRND_INSECURE_ 4
#define GETRANDOM_MAX  33554431L

KM_SYSCALL_DEFINE(getrandom, 3)
{
	unsigned long flags = (unsigned long)a3;
	size_t len = (size_t)KM_MIN((unsigned long)a2, (unsigned long)GETRANDOM_MAX);

	if (flags & ~(unsigned long)(GRND_NONBLOCK_ | GRND_RANDOM_ | GRND_INSECURE_))
		return -EINVAL;
	if ((flags & GRND_RANDOM_) && (flags & GRND_INSECURE_))
		return -EINVAL;
	if (!a1 && len)
		return -EFAULT;
	/* In chunks, so interrupts are never masked for long. */
	for (size_t done = 0; done < len; done += 4096)
		km_random_fill((char *)a1 + done, KM_MIN(len - done, (size_t)4096));
	return (long)len;
}
