/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/posix-random: getrandom and the ChaCha20 block function. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <km/random.h>
#include <km/syscall.h>
#include <km/test.h>

void km_chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
		       uint32_t out[16]);

/* RFC 8439 section 2.3.2. */
KM_TEST(posix_random, chacha20_rfc8439_vector)
{
	uint32_t key[8], out[16];
	const uint32_t nonce[3] = { 0x09000000, 0x4a000000, 0x00000000 };

	for (int i = 0; i < 8; i++)
		key[i] = (uint32_t)(4 * i) | (uint32_t)(4 * i + 1) << 8 |
			 (uint32_t)(4 * i + 2) << 16 | (uint32_t)(4 * i + 3) << 24;
	km_chacha20_block(key, 1, nonce, out);
	KM_EXPECT_EQ(out[0], 0xe4e7f110u);
	KM_EXPECT_EQ(out[1], 0x15593bd1u);
	KM_EXPECT_EQ(out[15], 0x4e3c50a2u);
}

KM_TEST(posix_random, getrandom_fills)
{
	unsigned char a[4096], b[64];
	unsigned long ones = 0;

	memset(a, 0, sizeof(a));
	KM_ASSERT_EQ(km_syscall3(KM_SYS_getrandom, a, sizeof(a), 0), (long)sizeof(a));
	for (size_t i = 0; i < sizeof(a); i++)
		ones += (unsigned long)__builtin_popcount(a[i]);
	/* 32768 bits: 16384 +- 6 sigma (sigma = 90.5). */
	KM_EXPECT_GT(ones, 15840u);
	KM_EXPECT_LT(ones, 16928u);
	KM_ASSERT_EQ(km_syscall3(KM_SYS_getrandom, b, sizeof(b), 1), (long)sizeof(b));
	KM_EXPECT_NE(memcmp(a, b, sizeof(b)), 0);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_getrandom, b, 7, 2), 7);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_getrandom, b, 0, 4), 0);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_getrandom, NULL, 0, 0), 0);
	KM_EXPECT_TRUE(!strcmp(km_random_source(), "rdrand") ||
		       !strcmp(km_random_source(), "chacha20"));
}

KM_TEST(posix_random, getrandom_errors)
{
	char b[8];

	KM_EXPECT_EQ(km_syscall3(KM_SYS_getrandom, b, 8, 8), -EINVAL);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_getrandom, b, 8, 2 | 4), -EINVAL);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_getrandom, NULL, 8, 0), -EFAULT);
}
