/* SPDX-License-Identifier: BSD-3-Clause */
/* The auxiliary vector (see km/environ.h). */
#include <errno.h>
#include <km/environ.h>
#include <km/random.h>
#include "hwcap.h"

#define AT_NULL_     0
#define AT_PAGESZ_   6
#define AT_CLKTCK_   17
#define AT_UID_	     11
#define AT_EUID_     12
#define AT_GID_	     13
#define AT_EGID_     14
#define AT_PLATFORM_ 15
#define AT_HWCAP_    16
#define AT_SECURE_   23
#define AT_RANDOM_   25
#define AT_HWCAP2_   26

static unsigned long auxv[2 * (KM_AUXV_MAX + 1)];
static unsigned char at_random[16];
static int auxv_ready;

int km_auxv_set(unsigned long type, unsigned long value)
{
	unsigned int i;

	if (type == AT_NULL_)
		return -EINVAL;
	for (i = 0; i < KM_AUXV_MAX && auxv[2 * i] != AT_NULL_; i++)
		if (auxv[2 * i] == type)
			break;
	if (i == KM_AUXV_MAX)
		return -ENOSPC;
	auxv[2 * i] = type;
	auxv[2 * i + 1] = value;
	return 0;
}

unsigned long *km_auxv(void)
{
	if (!auxv_ready) {
		auxv_ready = 1;
		km_random_fill(at_random, sizeof(at_random));
		km_auxv_set(AT_PAGESZ_, 4096);
		km_auxv_set(AT_CLKTCK_, 100);
		km_auxv_set(AT_HWCAP_, km_hwcap());
		km_auxv_set(AT_HWCAP2_, 0);
		km_auxv_set(AT_RANDOM_, (unsigned long)at_random);
		km_auxv_set(AT_PLATFORM_, (unsigned long)km_hwcap_platform());
		km_auxv_set(AT_UID_, 0);
		km_auxv_set(AT_EUID_, 0);
		km_auxv_set(AT_GID_, 0);
		km_auxv_set(AT_EGID_, 0);
		km_auxv_set(AT_SECURE_, 0);
	}
	return auxv;
}

unsigned long *km_start_vector(void)
{
	static unsigned long vec[CONFIG_LIBPOSIX_ENVIRON_MAX + 1 + 2 * (KM_AUXV_MAX + 1)];
	static int built;
	size_t n = 0;

	if (built)
		return vec;
	built = 1;
	for (char **e = km_environ(); *e; e++)
		vec[n++] = (unsigned long)*e;
	vec[n++] = 0;
	for (unsigned long *a = km_auxv(); a[0] != AT_NULL_; a += 2) {
		vec[n++] = a[0];
		vec[n++] = a[1];
	}
	vec[n++] = AT_NULL_;
	vec[n] = 0;
	return vec;
}
