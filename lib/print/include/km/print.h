/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/print.h - kernel log messages (consumer API of lib/print).
 *
 *   km_pr_info("mapped %zu KiB\n", n);
 *   -> "[    0.000412] libfoo: mapped 64 KiB"
 *
 * Contract:
 * - Five levels, most severe first: crit, err, warn, info, debug. A message
 *   is printed when its level is at or above the current threshold; the
 *   threshold comes from Kconfig (LIBPRINT_LEVEL) and the boot parameter
 *   print.level (a name or 0-4).
 * - Every message is prefixed with the calling library's name (from the
 *   build, KM_LIBNAME) and, with LIBPRINT_UPTIME, the monotonic uptime.
 * - Works from the first instruction of km_boot() on, allocates nothing,
 *   and writes each message with one write to the console's error stream
 *   (km_plat_console_write_err: the host's stderr on linuxu, the console
 *   elsewhere), so the log never mixes with the program's stdout. Messages longer than
 *   KM_PRINT_MAX bytes are truncated and end with "...".
 * - Safe to call from any thread; lines from concurrent callers do not
 *   interleave within a line on a single CPU.
 *
 * Non-goals: log buffers, remote logging, per-library thresholds.
 */
#ifndef KM_PRINT_H
#define KM_PRINT_H

#include <stdarg.h>
#include <km/essentials.h>

#define KM_LOG_CRIT  0
#define KM_LOG_ERR   1
#define KM_LOG_WARN  2
#define KM_LOG_INFO  3
#define KM_LOG_DEBUG 4

#define KM_PRINT_MAX 256

extern unsigned int km_print_level;

void km_printk(unsigned int level, const char *lib, const char *fmt, ...) __km_printf(3, 4);
void km_vprintk(unsigned int level, const char *lib, const char *fmt, va_list ap);

#define km_pr(level, ...)                                                                          \
	do {                                                                                       \
		if ((int)(level) <= (int)km_print_level)                                           \
			km_printk(level, KM_LIBNAME_STR, __VA_ARGS__);                             \
	} while (0)

#define km_pr_crit(...)	 km_pr(KM_LOG_CRIT, __VA_ARGS__)
#define km_pr_err(...)	 km_pr(KM_LOG_ERR, __VA_ARGS__)
#define km_pr_warn(...)	 km_pr(KM_LOG_WARN, __VA_ARGS__)
#define km_pr_info(...)	 km_pr(KM_LOG_INFO, __VA_ARGS__)
#define km_pr_debug(...) km_pr(KM_LOG_DEBUG, __VA_ARGS__)

#endif /* KM_PRINT_H */
