/* SPDX-License-Identifier: BSD-3-Clause */
/* Network devices as lwIP interfaces: none yet, the loopback only. */
#include "stack_impl.h"

int km_lwip_netifs_init(void)
{
	return 0;
}
