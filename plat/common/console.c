/* SPDX-License-Identifier: BSD-3-Clause */
/* The error stream of a platform with one console is that console. */
#include <km/essentials.h>
#include <km/plat/console.h>

__km_weak int km_plat_console_write_err(const char *buf, size_t len)
{
	return km_plat_console_write(buf, len);
}
