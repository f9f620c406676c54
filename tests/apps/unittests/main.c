/* Reached only with CONFIG_LIBTEST_EXIT off: the tests already ran. */
#include <stdio.h>

int main(void)
{
	printf("unittests: main reached\n");
	return 0;
}
