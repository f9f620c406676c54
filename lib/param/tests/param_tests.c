/* SPDX-License-Identifier: BSD-3-Clause */
/* In-image tests: the linked parameter table and parsing on the target. */
#include <stdbool.h>
#include <string.h>
#include <km/param.h>
#include <km/plat/bootinfo.h>
#include <km/test.h>

KM_TEST(param, table_is_sorted_and_complete)
{
	size_t n;
	const struct km_param *t = km_param_table(&n);

	KM_ASSERT_TRUE(n >= 1);
	for (size_t i = 1; i < n; i++)
		KM_EXPECT_TRUE(strcmp(t[i - 1].name, t[i].name) < 0);
	KM_EXPECT_NOT_NULL(km_param_lookup(t, n, "print.level", 11));
}

KM_TEST(param, apply_on_target)
{
	static bool flag;
	static const struct km_param tab[] = { { "x.flag", &km_param_type_bool, &flag, "" } };
	char word[] = "x.flag=on", bad[] = "x.flag=perhaps", err[128];

	KM_EXPECT_EQ(km_param_apply(tab, 1, word, err, sizeof(err)), 0);
	KM_EXPECT_TRUE(flag);
	KM_EXPECT_NE(km_param_apply(tab, 1, bad, err, sizeof(err)), 0);
	KM_EXPECT_TRUE(strstr(err, "perhaps") != NULL);
}

KM_TEST(param, cmdline_split)
{
	char line[] = "img  a.b=1 \"c d\" -- e";
	char *argv[8];

	KM_ASSERT_EQ(km_cmdline_split(line, argv, 8), 5);
	KM_EXPECT_STREQ(argv[2], "c d");
	KM_EXPECT_STREQ(argv[4], "e");
	KM_EXPECT_NULL(argv[5]);
}
