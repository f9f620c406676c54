/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef KM_POSIX_RANDOM_CHACHA20_H
#define KM_POSIX_RANDOM_CHACHA20_H
#include <stdint.h>

/* One 64-byte block of the ChaCha20 key stream, words little-endian. */
void km_chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
		       uint32_t out[16]);

#endif
