/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/posix-environ: env.vars parsing, getenv and the auxiliary vector. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/environ.h>
#include <km/param.h>
#include <km/test.h>

static unsigned long aux(unsigned long type)
{
	for (unsigned long *a = km_auxv(); a[0]; a += 2)
		if (a[0] == type)
			return a[1];
	return ~0UL;
}

KM_TEST(posix_environ, auxv)
{
	const unsigned char *rnd;
	int nonzero = 0;

	KM_EXPECT_EQ(aux(6), 4096u);			  /* AT_PAGESZ */
	KM_EXPECT_EQ(aux(17), 100u);			  /* AT_CLKTCK */
	KM_EXPECT_EQ(aux(16) & 1, 1u);			  /* AT_HWCAP: FPU */
	KM_EXPECT_STREQ((const char *)aux(15), "x86_64"); /* AT_PLATFORM */
	KM_EXPECT_EQ(aux(23), 0u);			  /* AT_SECURE */
	rnd = (const unsigned char *)aux(25);		  /* AT_RANDOM */
	KM_ASSERT_TRUE(rnd != NULL && rnd != (void *)~0UL);
	for (int i = 0; i < 16; i++)
		nonzero |= rnd[i];
	KM_EXPECT_NE(nonzero, 0);
	KM_EXPECT_EQ((uintptr_t)km_auxv(), (uintptr_t)km_auxv());
	KM_EXPECT_EQ(km_auxv_set(0, 1), -EINVAL);
	KM_EXPECT_EQ(km_auxv_set(3, 0x1234), 0); /* AT_PHDR, as a libc glue would */
	KM_EXPECT_EQ(aux(3), 0x1234u);
	KM_EXPECT_EQ(km_auxv_set(3, 0x5678), 0);
	KM_EXPECT_EQ(aux(3), 0x5678u);
}

static int set_env(const char *text)
{
	size_t n;
	const struct km_param *t = km_param_table(&n);
	const struct km_param *p = km_param_lookup(t, n, "env.vars", 8);

	return p ? p->type->parse(text, p->var) : -ENOENT;
}

/* The library's own view: with musl, getenv(3) reads musl's environ,
 * a copy taken at start-up, so it would not see what the test sets. */
static const char *env_get(const char *name)
{
	size_t n = strlen(name);

	for (char **e = km_environ(); *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

KM_TEST(posix_environ, vars_parse_and_getenv)
{
	KM_ASSERT_EQ(set_env("KM_T1=one,KM_T2=a\\,b\\\\c,KM_T3="), 0);
	KM_EXPECT_STREQ(env_get("KM_T1"), "one");
	KM_EXPECT_STREQ(env_get("KM_T2"), "a,b\\c");
	KM_EXPECT_STREQ(env_get("KM_T3"), "");
	KM_EXPECT_EQ(env_get("KM_T"), NULL);
	KM_EXPECT_EQ(env_get("KM_T1=one"), NULL);
	/* A later word replaces a variable and keeps the others. */
	KM_ASSERT_EQ(set_env("KM_T1=two"), 0);
	KM_EXPECT_STREQ(env_get("KM_T1"), "two");
	KM_EXPECT_STREQ(env_get("KM_T2"), "a,b\\c");
	int found = 0;

	for (char **e = km_environ(); *e; e++)
		found += !strncmp(*e, "KM_T1=", 6);
	KM_EXPECT_EQ(found, 1);
}

KM_TEST(posix_environ, bad_vars_change_nothing)
{
	static const char *const bad[] = {
		"",
		"NOEQUALS",
		"=v",
		"1A=v",
		"KM_BAD_A=1,,B=2",
		"KM_BAD_A=1,",
		"A-B=1",
		"KM_BAD_A=x\\y",
		"KM_BAD_A=x\\",
		"KM_BAD_GOOD=1,bad key=2",
	};

	for (unsigned int i = 0; i < KM_ARRAY_SIZE(bad); i++) {
		KM_EXPECT_EQ(set_env(bad[i]), -EINVAL);
	}
	KM_EXPECT_EQ(env_get("KM_BAD_GOOD"), NULL);
	KM_EXPECT_EQ(env_get("KM_BAD_A"), NULL);
}

/* Where musl's __init_libc looks: envp, NULL, then the auxv pairs. */
KM_TEST(posix_environ, start_vector_is_envp_then_auxv)
{
	unsigned long *v = km_start_vector();
	char **env = km_environ();
	size_t i = 0, envc = 0;

	while (env[envc])
		envc++;
	KM_ASSERT_NOT_NULL(v);
	for (; v[i]; i++)
		KM_EXPECT_STREQ((const char *)v[i], env[i]);
	KM_EXPECT_EQ(i, envc);
	unsigned long *aux = &v[i + 1], pagesz = 0;

	for (; aux[0]; aux += 2)
		if (aux[0] == 6)
			pagesz = aux[1];
	KM_EXPECT_EQ(pagesz, 4096u);
	KM_EXPECT_EQ((uintptr_t)km_start_vector(), (uintptr_t)v);
}
