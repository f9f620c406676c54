/* SPDX-License-Identifier: BSD-3-Clause */
/* The image's parameter table and the command-line pass over it. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <km/param.h>
#include <km/plat/console.h>
#include <km/print.h>

extern const struct km_param __km_params_start[], __km_params_end[];

const struct km_param *km_param_table(size_t *count)
{
	*count = (size_t)(__km_params_end - __km_params_start);
	return __km_params_start;
}

/*
 * Straight to the platform console: this runs before the C library is up
 * (with musl, stdout's write would fail for want of fd 1 and set errno,
 * whose thread pointer does not exist yet).
 */
static void print_line(const char *fmt, ...) __km_printf(1, 2);
static void print_line(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 1) {
		n = (int)sizeof(line) - 1;
		line[n - 1] = '\n';
	}
	if (n > 0)
		km_plat_console_write(line, (size_t)n);
}

static void print_help(const struct km_param *table, size_t count)
{
	char value[64];

	print_line("Boot parameters (image [lib.name=value ...] [-- app args]):\n");
	for (size_t i = 0; i < count; i++) {
		table[i].type->format(value, sizeof(value), table[i].var);
		print_line("  %-24s %-8s = %-10s %s\n", table[i].name, table[i].type->name, value,
			   table[i].help);
	}
}

int km_param_parse_args(int argc, char **argv)
{
	size_t count;
	const struct km_param *table = km_param_table(&count);
	char err[KM_PRINT_MAX];
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return i + 1;
		if (!strcmp(argv[i], "help")) {
			print_help(table, count);
			return 0;
		}
		if (km_param_apply(table, count, argv[i], err, sizeof(err))) {
			km_pr_crit("%s\n", err);
			return -EINVAL;
		}
	}
	return argc;
}
