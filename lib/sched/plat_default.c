/* SPDX-License-Identifier: BSD-3-Clause */
/* Platform hooks for platforms without a lib/sched/<plat>/ part. */
#include <km/essentials.h>
#include "sched_internal.h"

__km_weak int sched_plat_init(void)
{
	return 0;
}
