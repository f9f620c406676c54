/* SPDX-License-Identifier: BSD-3-Clause */
/* sys/vfs.h: the same as sys/statfs.h, as on Linux. */
#include <sys/statfs.h>
