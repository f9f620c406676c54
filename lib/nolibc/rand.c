/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rand, srand, rand_r: a 64-bit linear congruential generator (Knuth's
 * MMIX constants) returning its high 31 bits, whose quality is far better
 * than the low bits'. Deterministic per seed, as C requires; not for
 * secrets. srand(1) restores the initial sequence.
 */
#include <stdint.h>
#include <stdlib.h>

#define LCG_MUL 6364136223846793005ULL
#define LCG_ADD 1442695040888963407ULL

static uint64_t state = 1;

static int step(uint64_t *s)
{
	*s = *s * LCG_MUL + LCG_ADD;
	return (int)(*s >> 33);
}

void srand(unsigned int seed)
{
	state = seed;
}

int rand(void)
{
	return step(&state);
}

/* POSIX: the whole state lives in *seed, which is only 32 bits. */
int rand_r(unsigned int *seed)
{
	uint64_t s = *seed;
	int r = step(&s);

	*seed = (unsigned int)(s >> 32) ^ (unsigned int)s;
	return r;
}
