/* SPDX-License-Identifier: BSD-3-Clause */
/* Applying one `lib.name=value` word. Pure C, also host-tested. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <km/param.h>

const struct km_param *km_param_lookup(const struct km_param *table, size_t count, const char *name,
				       size_t namelen)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(table[i].name) == namelen && !memcmp(table[i].name, name, namelen))
			return &table[i];
	return NULL;
}

static int is_ident_char(char c, int first)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (!first && c >= '0' && c <= '9');
}

/* <ident>.<ident>, nothing else. */
static int valid_name(const char *name, size_t len)
{
	size_t dots = 0;
	int first = 1;

	for (size_t i = 0; i < len; i++) {
		if (name[i] == '.') {
			if (first)
				return 0;
			dots++;
			first = 1;
			continue;
		}
		if (!is_ident_char(name[i], first))
			return 0;
		first = 0;
	}
	return dots == 1 && !first;
}

/* Bytes of a rejected value repeated in the error message. */
#define VALUE_SHOWN 48

int km_param_apply(const struct km_param *table, size_t count, char *word, char *err, size_t errlen)
{
	char *eq = strchr(word, '=');
	const struct km_param *p;
	int ret;

	if (!eq || !valid_name(word, (size_t)(eq - word))) {
		snprintf(err, errlen,
			 "malformed boot parameter '%s': expected lib.name=value "
			 "(application arguments go after --)",
			 word);
		return -EINVAL;
	}
	p = km_param_lookup(table, count, word, (size_t)(eq - word));
	if (!p) {
		snprintf(err, errlen, "unknown boot parameter '%.*s' (the word 'help' lists them)",
			 (int)(eq - word), word);
		return -ENOENT;
	}
	ret = p->type->parse(eq + 1, p->var);
	if (ret) {
		/* The value is cut so that the help text, which says what a
		 * value looks like, always fits in the line. */
		size_t vlen = strlen(eq + 1);

		snprintf(err, errlen, "boot parameter %s: %s value '%.*s%s' (expected %s%s%s)",
			 p->name, ret == -ERANGE ? "out-of-range" : "invalid",
			 vlen > VALUE_SHOWN ? VALUE_SHOWN : (int)vlen, eq + 1,
			 vlen > VALUE_SHOWN ? "..." : "", p->type->name, p->help[0] ? ": " : "",
			 p->help);
		return ret;
	}
	return 0;
}
