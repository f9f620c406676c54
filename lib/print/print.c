/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <km/param.h>
#include <km/plat/console.h>
#include <km/plat/time.h>
#include <km/print.h>

unsigned int km_print_level = CONFIG_LIBPRINT_LEVEL;

static const char *const level_names[] = { "crit", "err", "warn", "info", "debug" };

static int parse_level(const char *text, void *var)
{
	for (unsigned int i = 0; i < KM_ARRAY_SIZE(level_names); i++) {
		if (!strcasecmp(text, level_names[i]) || (text[0] == (char)('0' + i) && !text[1])) {
			*(unsigned int *)var = i;
			return 0;
		}
	}
	return -EINVAL;
}

static int format_level(char *buf, size_t len, const void *var)
{
	return snprintf(buf, len, "%s", level_names[*(const unsigned int *)var]);
}

KM_PARAM_TYPE(loglevel, parse_level, format_level);
KM_PARAM(print, level, loglevel, km_print_level,
	 "log threshold: crit, err, warn, info, debug (or 0-4)");

void km_vprintk(unsigned int level, const char *lib, const char *fmt, va_list ap)
{
	char buf[KM_PRINT_MAX];
	size_t n = 0;
	int r;

	if (level > km_print_level)
		return;
#if CONFIG_LIBPRINT_UPTIME
	km_nsec_t now = km_plat_monotonic_ns();

	n += (size_t)snprintf(buf, sizeof(buf), "[%5u.%06u] ",
			      (unsigned int)(now / KM_NSEC_PER_SEC),
			      (unsigned int)(now % KM_NSEC_PER_SEC / KM_NSEC_PER_USEC));
#endif
	if (level <= KM_LOG_WARN)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s: %s: ", lib,
				      level_names[level]);
	else
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s: ", lib);
	r = vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	if (r < 0)
		r = 0;
	if (n + (size_t)r >= sizeof(buf)) {
		/* Truncated: say so rather than cut a message silently. */
		n = sizeof(buf) - 5;
		memcpy(buf + n, "...\n", 4);
		n += 4;
	} else {
		n += (size_t)r;
	}
	/* The error stream: the log is no part of what the program writes to
	 * stdout (compressed data through a pipe, on linuxu). */
	km_plat_console_write_err(buf, n);
}

void km_printk(unsigned int level, const char *lib, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	km_vprintk(level, lib, fmt, ap);
	va_end(ap);
}
