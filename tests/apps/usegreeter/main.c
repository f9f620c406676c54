#include <stdio.h>
#include <greeter.h>

int main(void)
{
	char buf[80];

	greeter_greet(buf, sizeof(buf));
	printf("%s\n", buf);
#if CONFIG_APPUSEGREETER_CALL_INTERNAL
	printf("internal: %d\n", greeter_internal());
#endif
	return 0;
}
