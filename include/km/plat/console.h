/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/plat/console.h - the platform's console (part of the platform contract).
 *
 * A platform MUST implement these functions (a one-console platform may
 * make km_plat_console_write_err an alias of km_plat_console_write in its
 * linker script, as plat/kvm/link.lds does for kvm and xen). They MUST work from the first
 * instruction of km_boot() on (no init function needed before them), MUST
 * NOT allocate memory and MUST work when the console is not a terminal
 * (a pipe, a file, /dev/null, a serial line nobody reads).
 *
 * Non-goals: line editing, terminal modes, multiple consoles (beyond the
 * error stream a host process has).
 */
#ifndef KM_PLAT_CONSOLE_H
#define KM_PLAT_CONSOLE_H

#include <stddef.h>

/*
 * Write all @len bytes of @buf. Returns 0, or a negative errno value when
 * the console is gone; partial writes are retried by the platform.
 */
int km_plat_console_write(const char *buf, size_t len);

/*
 * The same for the error stream, what programs write to their fd 2. A
 * platform that runs as a host process (linuxu) writes it to the host's
 * stderr, so that a filter's diagnostics never land in the data it writes
 * to stdout; a platform with one console makes it an alias of
 * km_plat_console_write (a PROVIDE in its linker script).
 */
int km_plat_console_write_err(const char *buf, size_t len);

/*
 * Read up to @len bytes without blocking. Returns the number of bytes read,
 * 0 at end of input, or -EAGAIN when nothing is available right now.
 */
long km_plat_console_read(char *buf, size_t len);

/*
 * 1 when the console's output is a terminal, 0 when it is a pipe, a file
 * or anything else. C libraries buffer stdout by it (line buffered on a
 * terminal, fully buffered otherwise), through isatty() on fds 0-2. The
 * answer does not change while the image runs; cheap enough to ask often.
 */
int km_plat_console_is_terminal(void);

#endif /* KM_PLAT_CONSOLE_H */
