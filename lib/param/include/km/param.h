/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/param.h - typed boot parameters (consumer API of lib/param).
 *
 * A library declares a parameter next to the variable it sets:
 *
 *   static unsigned int level = 3;
 *   KM_PARAM(print, level, uint, level, "log level 0-4");
 *
 * and the user sets it on the image's command line before a lone "--":
 *
 *   image print.level=4 linuxu.heap_size=64M -- app arguments
 *
 * Contract:
 * - Parameters are applied in command-line order before any init function
 *   runs, so init functions see the final values.
 * - A word that is not `name=value`, an unknown name or a value its type
 *   rejects stops the boot before main with a message naming the word and
 *   exit status KM_EXIT_USAGE. The bare word `help` lists every parameter
 *   with its type, current value and help text, then exits 0.
 * - Built-in types: bool (y/n, yes/no, on/off, true/false, 1/0), int, uint,
 *   size (bytes, with an optional K/M/G suffix, powers of 1024), string
 *   (the variable is a `const char *` pointing into the command line).
 *   A library MAY define its own type with KM_PARAM_TYPE().
 * - Names are <lib>.<name>; both parts are C identifiers.
 *
 * Non-goals: changing parameters after boot, environment variables.
 */
#ifndef KM_PARAM_H
#define KM_PARAM_H

#include <stddef.h>
#include <km/essentials.h>

struct km_param_type {
	const char *name;
	/* Parse @text into @var. Returns 0 or -EINVAL/-ERANGE. */
	int (*parse)(const char *text, void *var);
	/* Format the current value of @var into @buf (snprintf semantics). */
	int (*format)(char *buf, size_t len, const void *var);
};

struct km_param {
	const char *name; /* "print.level" */
	const struct km_param_type *type;
	void *var;
	const char *help;
};

extern const struct km_param_type km_param_type_bool;
extern const struct km_param_type km_param_type_int;
extern const struct km_param_type km_param_type_uint;
extern const struct km_param_type km_param_type_size;
extern const struct km_param_type km_param_type_string;

#define KM_PARAM_TYPE(name, parse, format)                                                         \
	const struct km_param_type km_param_type_##name = { #name, parse, format }

/* Entries are sorted by name in the image, so `help` lists them in order. */
#define KM_PARAM(lib, pname, type, variable, helptext)                                             \
	static const struct km_param __km_param_##lib##_##pname __km_used __km_aligned(            \
		__alignof__(struct km_param)) __km_section(".km_params." #lib "." #pname) = {      \
		#lib "." #pname, &km_param_type_##type, &(variable), helptext                      \
	}

/* Every parameter linked into the image. */
const struct km_param *km_param_table(size_t *count);

/*
 * Apply the boot parameters in argv[1..] up to a lone "--". On success
 * returns the index in argv of the first application argument (argc when
 * there is none). Returns -EINVAL after printing an error that names the
 * offending word, or 0 when `help` was given (after printing the list).
 */
int km_param_parse_args(int argc, char **argv);

/* --- pure helpers, host-testable ------------------------------------- */

/*
 * Apply one `name=value` word against @table. Returns 0, or a negative errno
 * with a message for the user written to @err.
 */
int km_param_apply(const struct km_param *table, size_t count, char *word, char *err,
		   size_t errlen);

const struct km_param *km_param_lookup(const struct km_param *table, size_t count, const char *name,
				       size_t namelen);

#endif /* KM_PARAM_H */
