/* SPDX-License-Identifier: BSD-3-Clause */
/* Host unit test: parameter types, km_param_apply and km_cmdline_split. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <km/param.h>
#include <km/plat/bootinfo.h>

static int tests, failures;

#define EXPECT(cond, ...)                                                                          \
	do {                                                                                       \
		tests++;                                                                           \
		if (cond) {                                                                        \
			printf("ok %d - ", tests);                                                 \
		} else {                                                                           \
			failures++;                                                                \
			printf("not ok %d - ", tests);                                             \
		}                                                                                  \
		printf(__VA_ARGS__);                                                               \
		printf("\n");                                                                      \
	} while (0)

static bool b;
static int i;
static unsigned int u;
static size_t sz;
static const char *str;

static const struct km_param table[] = {
	{ "t.flag", &km_param_type_bool, &b, "" },
	{ "t.num", &km_param_type_int, &i, "" },
	{ "t.count", &km_param_type_uint, &u, "a count, 0-4294967295" },
	{ "t.size", &km_param_type_size, &sz, "" },
	{ "t.name", &km_param_type_string, &str, "" },
};

static int apply(const char *word, char *err)
{
	static char buf[256];

	strcpy(buf, word);
	return km_param_apply(table, sizeof(table) / sizeof(table[0]), buf, err, 200);
}

static void test_ok(const char *word)
{
	char err[200] = "";
	int r = apply(word, err);

	EXPECT(r == 0, "accepts %s (%d %s)", word, r, err);
}

static void test_bad(const char *word, int expect_err, const char *mention)
{
	char err[200] = "";
	int r = apply(word, err);

	EXPECT(r == expect_err && strstr(err, mention),
	       "rejects %s with %d naming '%s' (got %d: %s)", word, expect_err, mention, r, err);
}

static void test_split(const char *line, int expect, const char *const *words)
{
	char buf[256], *argv[8];
	int n, ok;

	strcpy(buf, line);
	n = km_cmdline_split(buf, argv, 8);
	ok = (n == expect);
	for (int k = 0; ok && k < n; k++)
		ok = !strcmp(argv[k], words[k]);
	EXPECT(ok, "split [%s] into %d words (got %d)", line, expect, n);
}

int main(void)
{
	char fmt[64];

	test_ok("t.flag=y");
	EXPECT(b, "flag set");
	test_ok("t.flag=off");
	EXPECT(!b, "flag cleared");
	test_ok("t.flag=TRUE");
	EXPECT(b, "flag case-insensitive");
	test_bad("t.flag=maybe", -EINVAL, "t.flag");
	test_ok("t.num=-42");
	EXPECT(i == -42, "int -42 (%d)", i);
	test_ok("t.num=2147483647");
	EXPECT(i == 2147483647, "int max");
	test_ok("t.num=-2147483648");
	EXPECT(i == -2147483647 - 1, "int min");
	test_bad("t.num=2147483648", -ERANGE, "out-of-range");
	test_bad("t.num=12abc", -EINVAL, "12abc");
	test_bad("t.num=", -EINVAL, "t.num");
	test_ok("t.count=0x10");
	EXPECT(u == 16, "uint hex");
	test_bad("t.count=-1", -EINVAL, "t.count");
	/* the help text says what a value looks like; a long value is cut */
	test_bad("t.count=-1", -EINVAL, "'-1' (expected uint: a count, 0-4294967295)");
	test_bad("t.num=x", -EINVAL, "'x' (expected int)");
	test_bad("t.count=123456789012345678901234567890123456789012345678901234567890", -ERANGE,
		 "'123456789012345678901234567890123456789012345678...' (expected uint: a count");
	test_bad("t.count=4294967296", -ERANGE, "t.count");
	test_ok("t.size=64M");
	EXPECT(sz == 64u << 20, "size 64M (%zu)", sz);
	test_ok("t.size=4KiB");
	EXPECT(sz == 4096, "size 4KiB");
	test_ok("t.size=123");
	EXPECT(sz == 123, "size plain");
	test_bad("t.size=1T", -EINVAL, "1T");
	test_bad("t.size=99999999999G", -ERANGE, "t.size");
	/* the digits themselves overflow 64 bits; octal and a bare 0x */
	test_bad("t.size=18446744073709551616", -ERANGE, "t.size");
	test_bad("t.size=0x10000000000000000", -ERANGE, "t.size");
	test_ok("t.size=18446744073709551615");
	EXPECT(sz == (size_t)-1, "size max");
	test_ok("t.count=010");
	EXPECT(u == 8, "uint octal (%u)", u);
	test_bad("t.count=08", -EINVAL, "t.count");
	test_bad("t.count=0x", -EINVAL, "t.count");
	test_ok("t.count=0XfF");
	EXPECT(u == 255, "uint hex upper (%u)", u);
	km_param_type_size.format(fmt, sizeof(fmt), &(size_t){ 3u << 20 });
	EXPECT(!strcmp(fmt, "3M"), "size formats as 3M (%s)", fmt);
	test_ok("t.name=hello=world");
	EXPECT(!strcmp(str, "hello=world"), "string keeps '='");
	test_bad("t.nope=1", -ENOENT, "t.nope");
	test_bad("nodot=1", -EINVAL, "nodot");
	test_bad("a.b.c=1", -EINVAL, "a.b.c");
	test_bad("t.flag", -EINVAL, "t.flag");
	test_bad(".x=1", -EINVAL, ".x");
	test_bad("t.=1", -EINVAL, "t.");
	test_bad("t.1x=1", -EINVAL, "t.1x");
	test_bad("hello", -EINVAL, "after --");

	test_split("", 0, NULL);
	test_split("   ", 0, NULL);
	test_split("a", 1, (const char *const[]){ "a" });
	test_split(" img  a.b=1 -- x ", 4, (const char *const[]){ "img", "a.b=1", "--", "x" });
	test_split("img \"two words\" x\\ y", 3,
		   (const char *const[]){ "img", "two words", "x y" });
	test_split("a b c d e f g h", -E2BIG, NULL);
	test_split("a b c d e f g", 7, (const char *const[]){ "a", "b", "c", "d", "e", "f", "g" });

	printf("%d tests, %d failures\n", tests, failures);
	return failures != 0;
}
