/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Wall clock: the CMOS RTC read once (on first use, so booting does not
 * pay for it), then advanced with the monotonic clock. The RTC has whole
 * seconds only, so the wall clock is within a second of the truth.
 */
#include <km/plat/time.h>
#include <x86/cpu.h>
#include "kvm.h"

static km_nsec_t wall_at_read, mono_at_read;
static int have_wall;

static uint8_t cmos(uint8_t reg)
{
	x86_outb(0x70, reg);
	return x86_inb(0x71);
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned int yoe = (unsigned int)(y - era * 400);
	unsigned int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + (int64_t)doe - 719468;
}

static void read_rtc(void)
{
	uint8_t r[7], again[7], b;
	unsigned int spins = 0;

	do {
		while ((cmos(0x0a) & 0x80) && ++spins < 1000000) /* update in progress */
			x86_pause();
		for (int i = 0; i < 7; i++)
			r[i] = cmos((uint8_t[]){ 0x00, 0x02, 0x04, 0x07, 0x08, 0x09, 0x32 }[i]);
		for (int i = 0; i < 7; i++)
			again[i] = cmos((uint8_t[]){ 0x00, 0x02, 0x04, 0x07, 0x08, 0x09, 0x32 }[i]);
	} while (__builtin_memcmp(r, again, 7) && ++spins < 1000000);

	b = cmos(0x0b);
	int pm = !(b & 0x02) && (r[2] & 0x80);

	r[2] &= 0x7f;
	if (!(b & 0x04)) /* BCD */
		for (int i = 0; i < 7; i++)
			r[i] = (uint8_t)((r[i] >> 4) * 10 + (r[i] & 15));
	if (!(b & 0x02)) /* 12-hour clock */
		r[2] = (uint8_t)(r[2] % 12 + (pm ? 12 : 0));

	unsigned int century = (r[6] >= 19 && r[6] <= 30) ? r[6] : (r[5] < 70 ? 20 : 19);
	int64_t days = days_from_civil(century * 100 + r[5], r[4], r[3]);

	mono_at_read = km_plat_monotonic_ns();
	wall_at_read =
		(km_nsec_t)((days * 86400 + r[2] * 3600 + r[1] * 60 + r[0])) * KM_NSEC_PER_SEC;
	have_wall = 1;
}

km_nsec_t km_plat_wall_ns(void)
{
	if (!have_wall)
		read_rtc();
	return wall_at_read + (km_plat_monotonic_ns() - mono_at_read);
}
