/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdio.h>
#include <km/netdev.h>

int main(void)
{
	printf("nettest: %u network devices\n", km_netdev_count());
	return 0;
}
