/* Test library: an init that fails, to check how the boot reacts. */
#include <errno.h>
#include <km/init.h>

static int failinit_init(void)
{
	return -ENODEV;
}
#if CONFIG_LIBFAILINIT_REQUIRED
KM_INIT_LIB_REQUIRED(failinit_init, 5);
#else
KM_INIT_LIB(failinit_init, 5);
#endif
