/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * env.vars=KEY=VALUE,... (see km/environ.h). Parsed while the boot
 * parameters are applied, before any allocator exists: strings go into a
 * static arena, which a failed word leaves as it was.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <km/environ.h>
#include <km/param.h>
#include <km/print.h>

static char arena[CONFIG_LIBPOSIX_ENVIRON_SIZE];
static size_t arena_used;
static char *envp[CONFIG_LIBPOSIX_ENVIRON_MAX + 1];
static size_t envc;

char **km_environ(void)
{
	return envp;
}

static int key_char(char c, int first)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (!first && c >= '0' && c <= '9');
}

static size_t key_len(const char *s)
{
	size_t n = 0;

	while (s[n] && s[n] != '=')
		n++;
	return n;
}

/* Add or replace @var ("KEY=VALUE", already in the arena) in @vec. */
static int put(char **vec, size_t *count, char *var)
{
	size_t klen = key_len(var);

	for (size_t i = 0; i < *count; i++)
		if (key_len(vec[i]) == klen && !memcmp(vec[i], var, klen)) {
			vec[i] = var;
			return 0;
		}
	if (*count >= CONFIG_LIBPOSIX_ENVIRON_MAX)
		return -ENOSPC;
	vec[(*count)++] = var;
	vec[*count] = NULL;
	return 0;
}

static int fail(const char *text, size_t at, const char *why)
{
	km_pr_err("env.vars: %s at offset %zu of '%s'\n", why, at, text);
	return -EINVAL;
}

/*
 * Parse into copies of the arena and vector, then commit: a bad word
 * changes nothing.
 */
static int parse_env(const char *text, void *var)
{
	static char *vec[CONFIG_LIBPOSIX_ENVIRON_MAX + 1];
	size_t count = envc, used = arena_used, i = 0;

	(void)var;
	memcpy(vec, envp, sizeof(vec));
	if (!*text)
		return fail(text, 0, "empty list (expected KEY=VALUE[,KEY=VALUE...])");
	for (;;) {
		size_t start = i;
		char *out = arena + used;

		if (!key_char(text[i], 1))
			return fail(text, i,
				    text[i] == ',' || !text[i]
					    ? "empty entry"
					    : "a KEY starts with a letter or '_'");
		while (key_char(text[i], 0))
			i++;
		if (text[i] != '=')
			return fail(text, i, "expected '=' after the KEY ([A-Za-z_][A-Za-z0-9_]*)");
		if (used + (i - start) + 1 >= sizeof(arena))
			goto full;
		memcpy(out, text + start, i - start + 1);
		used += i - start + 1;
		i++;
		for (; text[i] && text[i] != ','; i++) {
			if (text[i] == '\\') {
				if (text[i + 1] != ',' && text[i + 1] != '\\')
					return fail(text, i, "'\\' escapes only ',' and '\\'");
				i++;
			}
			if (used + 1 >= sizeof(arena))
				goto full;
			arena[used++] = text[i];
		}
		arena[used++] = '\0';
		if (put(vec, &count, out))
			return fail(text, start,
				    "too many variables (CONFIG_LIBPOSIX_ENVIRON_MAX)");
		if (!text[i])
			break;
		i++;
	}
	memcpy(envp, vec, sizeof(vec));
	envc = count;
	arena_used = used;
	return 0;
full:
	return fail(text, i, "the variables do not fit in CONFIG_LIBPOSIX_ENVIRON_SIZE bytes");
}

static int format_env(char *buf, size_t len, const void *var)
{
	(void)var;
	return snprintf(buf, len, "%zu set", envc);
}

/* The name shows in "expected ..." of lib/param's error message. */
const struct km_param_type km_param_type_envlist = { "env-list", parse_env, format_env };
static char env_param_unused;
KM_PARAM(env, vars, envlist, env_param_unused,
	 "environment: KEY=VALUE[,KEY=VALUE...] ('\\,' is a comma in a VALUE)");
