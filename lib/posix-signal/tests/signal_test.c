#include <km/syscall.h>
