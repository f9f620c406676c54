/* Tests that must fail, to prove lib/test reports failures and both values. */
#include <string.h>
#include <km/test.h>

KM_TEST(zfail, int_values)
{
	int answer = 41;

	KM_EXPECT_EQ(answer, 42);
}

KM_TEST(zfail, strings)
{
	KM_EXPECT_STREQ("left", "right");
}

KM_TEST(zpass, passes)
{
	KM_EXPECT_EQ(1 + 1, 2);
}
