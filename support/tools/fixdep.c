/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fixdep - turn gcc's dependency file into one that tracks Kconfig symbols.
 *
 * Every object is compiled with autoconf.h force-included, and autoconf.h
 * changes whenever any symbol changes. Depending on it would rebuild
 * everything on every config change. Instead this tool drops autoconf.h
 * from the list and, for each CONFIG_FOO_BAR named in the source or its
 * headers, adds a dependency on include/config/foo/bar.h, the timestamp file
 * `kconfig-conf --silentoldconfig` touches only when that symbol changes.
 * It also adds an empty rule per header so a deleted header does not stop
 * the build (like gcc -MP). Names in comments and string literals are not
 * uses and are skipped.
 *
 * usage: fixdep <gcc .d file> <include/config dir>  (result on stdout)
 * The gcc file is removed once read: the build would only delete it next.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct strset {
	char **items;
	size_t n, cap;
};

static int strset_add(struct strset *s, const char *str, size_t len)
{
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->items[i]) == len && !memcmp(s->items[i], str, len))
			return 0;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->items = realloc(s->items, s->cap * sizeof(*s->items));
		if (!s->items) {
			perror("fixdep");
			exit(1);
		}
	}
	s->items[s->n] = strndup(str, len);
	s->n++;
	return 1;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f)
		return NULL;
	do {
		if (cap - n < 65536) {
			cap = cap ? 2 * cap : 65536;
			buf = realloc(buf, cap + 1);
			if (!buf) {
				perror("fixdep");
				exit(1);
			}
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int is_ident(int c)
{
	return isalnum(c) || c == '_';
}

/*
 * Skip a comment or a string/character literal starting at @p, if any, and
 * return the first character after it; otherwise return @p. A CONFIG_ name
 * there is documentation or data, not a use: counting it would rebuild a
 * file for a symbol its code never reads. Unterminated literals end at the
 * line's end (assembler comments may hold a lone apostrophe).
 */
static const char *skip_non_code(const char *p)
{
	if (p[0] == '/' && p[1] == '*') {
		const char *end = strstr(p + 2, "*/");

		return end ? end + 2 : p + strlen(p);
	}
	if (p[0] == '/' && p[1] == '/') {
		while (*p && *p != '\n')
			p += (*p == '\\' && p[1]) ? 2 : 1;
		return p;
	}
	if (*p == '"' || *p == '\'') {
		char quote = *p++;

		while (*p && *p != quote && *p != '\n')
			p += (*p == '\\' && p[1]) ? 2 : 1;
		return *p == quote ? p + 1 : p;
	}
	return p;
}

/* Collect every CONFIG_<ident> token of @path's code into @syms. */
static void scan_symbols(const char *path, struct strset *syms)
{
	size_t len;
	char *text = slurp(path, &len);
	const char *p = text;

	if (!text)
		return; /* a header that vanished: make will notice */
	while (*p) {
		const char *next = skip_non_code(p);

		if (next != p) {
			p = next;
			continue;
		}
		if (is_ident((unsigned char)*p)) {
			const char *start = p;

			while (is_ident((unsigned char)*p))
				p++;
			if (p - start > 7 && !strncmp(start, "CONFIG_", 7))
				strset_add(syms, start + 7, (size_t)(p - start - 7));
			continue;
		}
		p++;
	}
	free(text);
}

static int is_autoconf(const char *path)
{
	size_t n = strlen(path), k = strlen("generated/autoconf.h");

	return n >= k && !strcmp(path + n - k, "generated/autoconf.h");
}

int main(int argc, char **argv)
{
	struct strset deps = { 0 }, syms = { 0 };
	size_t len;
	char *text, *target, *p;

	if (argc != 3) {
		fprintf(stderr, "usage: fixdep <depfile> <include/config dir>\n");
		return 2;
	}
	text = slurp(argv[1], &len);
	if (!text) {
		fprintf(stderr, "fixdep: cannot read %s\n", argv[1]);
		return 1;
	}
	unlink(argv[1]);
	/* "target: dep dep \\\n dep" - words separated by blanks and continuations. */
	target = text;
	p = strchr(text, ':');
	if (!p) {
		fprintf(stderr, "fixdep: %s: no target\n", argv[1]);
		return 1;
	}
	*p++ = '\0';
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || (*p == '\\' && p[1] == '\n'))
			p += (*p == '\\') ? 2 : 1;
		char *start = p;

		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && !(*p == '\\' && p[1] == '\n'))
			p += (*p == '\\' && p[1]) ? 2 : 1;
		if (p > start)
			strset_add(&deps, start, (size_t)(p - start));
	}

	printf("%s: \\\n", target);
	for (size_t i = 0; i < deps.n; i++) {
		if (is_autoconf(deps.items[i]))
			continue;
		printf("  %s \\\n", deps.items[i]);
		scan_symbols(deps.items[i], &syms);
	}
	for (size_t i = 0; i < syms.n; i++) {
		printf("  $(wildcard %s/", argv[2]);
		for (char *c = syms.items[i]; *c; c++)
			putchar(*c == '_' ? '/' : tolower((unsigned char)*c));
		printf(".h) \\\n");
	}
	printf("\n");
	/* Headers get empty rules; the first dependency is the source itself. */
	for (size_t i = 1; i < deps.n; i++)
		if (!is_autoconf(deps.items[i]))
			printf("%s:\n", deps.items[i]);
	return 0;
}
