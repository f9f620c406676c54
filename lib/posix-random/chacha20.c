/* SPDX-License-Identifier: BSD-3-Clause */
/* The ChaCha20 block function (RFC 8439 section 2.3). */
#include <stdint.h>
#include "chacha20.h"

static inline uint32_t rotl(uint32_t v, int n)
{
	return (v << n) | (v >> (32 - n));
}

#define QR(a, b, c, d)                                                                             \
	do {                                                                                       \
		a += b;                                                                            \
		d ^= a;                                                                            \
		d = rotl(d, 16);                                                                   \
		c += d;                                                                            \
		b ^= c;                                                                            \
		b = rotl(b, 12);                                                                   \
		a += b;                                                                            \
		d ^= a;                                                                            \
		d = rotl(d, 8);                                                                    \
		c += d;                                                                            \
		b ^= c;                                                                            \
		b = rotl(b, 7);                                                                    \
	} while (0)

void km_chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
		       uint32_t out[16])
{
	uint32_t in[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 };
	uint32_t x[16];

	for (int i = 0; i < 8; i++)
		in[4 + i] = key[i];
	in[12] = counter;
	in[13] = nonce[0];
	in[14] = nonce[1];
	in[15] = nonce[2];
	for (int i = 0; i < 16; i++)
		x[i] = in[i];
	for (int i = 0; i < 10; i++) {
		QR(x[0], x[4], x[8], x[12]);
		QR(x[1], x[5], x[9], x[13]);
		QR(x[2], x[6], x[10], x[14]);
		QR(x[3], x[7], x[11], x[15]);
		QR(x[0], x[5], x[10], x[15]);
		QR(x[1], x[6], x[11], x[12]);
		QR(x[2], x[7], x[8], x[13]);
		QR(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++)
		out[i] = x[i] + in[i];
}
