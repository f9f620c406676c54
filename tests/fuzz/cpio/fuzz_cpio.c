/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: km_cpio_next() over any bytes. Besides the sanitizers'
 * checks, every member it reports must satisfy km/cpio.h's contract:
 * pointers inside the input, a NUL-terminated name of the stated length,
 * offsets increasing; an error must name a byte offset.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <km/cpio.h>

static int inside(const uint8_t *buf, size_t len, const void *p, size_t n)
{
	const uint8_t *q = p;

	return q >= buf && q <= buf + len && n <= (size_t)(buf + len - q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct km_cpio_reader r;
	struct km_cpio_entry e;
	size_t last = 0;
	int rc, n = 0;

	km_cpio_init(&r, data, size);
	while ((rc = km_cpio_next(&r, &e)) > 0) {
		if (!inside(data, size, e.name, e.name_len + 1) || e.name[e.name_len] ||
		    strlen(e.name) != e.name_len || !inside(data, size, e.data, e.size) ||
		    e.path < e.name || e.path + e.path_len > e.name + e.name_len ||
		    (n && e.offset <= last) || e.name_len > KM_CPIO_NAME_MAX)
			abort();
		last = e.offset;
		n++;
	}
	if (rc < 0 && (!strstr(r.error, "at byte ") || km_cpio_next(&r, &e) != rc))
		abort();
	return 0;
}
