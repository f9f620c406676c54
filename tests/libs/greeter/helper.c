#include <greeter.h>

/* Shared between greeter's own files, hidden from everyone else by exports.uk. */
int greeter_internal(void)
{
	return 42;
}
