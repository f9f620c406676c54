/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * random, srandom, initstate, setstate (POSIX/BSD). The generator is
 * nolibc's own: a 64-bit Weyl sequence whose every step goes through the
 * splitmix64 finaliser, returning the top 31 bits. Its whole state is one
 * 64-bit word, so any state buffer of 8 bytes or more holds it (only the
 * first 8 are used). Sequences differ from glibc's for the same seed.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define WEYL_STEP 0x9e3779b97f4a7c15ULL

static uint64_t builtin_state = 1; /* as after srandom(1) */
static char *state_buf = (char *)&builtin_state;

long random(void)
{
	uint64_t s, z;

	memcpy(&s, state_buf, sizeof(s)); /* buffers may be unaligned */
	s += WEYL_STEP;
	memcpy(state_buf, &s, sizeof(s));
	z = (s ^ (s >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (long)((z ^ (z >> 31)) >> 33);
}

void srandom(unsigned int seed)
{
	uint64_t s = seed;

	memcpy(state_buf, &s, sizeof(s));
}

char *initstate(unsigned int seed, char *state, size_t size)
{
	char *old = state_buf;

	if (size < sizeof(uint64_t)) {
		errno = EINVAL;
		return NULL;
	}
	state_buf = state;
	srandom(seed);
	return old;
}

char *setstate(char *state)
{
	char *old = state_buf;

	state_buf = state;
	return old;
}
