#include <stdio.h>
#include <greeter.h>

int greeter_greet(char *buf, size_t len)
{
	return snprintf(buf, len, "greetings from the %s (%d)", CONFIG_LIBGREETER_NAME,
			greeter_internal());
}
