/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Starting lwIP: the tcpip thread (lwIP's core runs there and under its
 * core lock), the loopback interface, then the network devices.
 */
#include <km/init.h>
#include <km/lock.h>
#include <km/print.h>

#include "lwip/init.h"
#include "lwip/tcpip.h"
#include "stack_impl.h"

static struct km_sem tcpip_started = KM_SEM_INIT(tcpip_started, 0);

static void tcpip_ready(void *arg)
{
	km_sem_up(&tcpip_started);
}

static int lwip_stack_init(void)
{
	tcpip_init(tcpip_ready, NULL);
	km_sem_down(&tcpip_started);
	km_pr_debug("lwIP %s running\n", LWIP_VERSION_STRING);
	return km_lwip_netifs_init();
}
KM_INIT_SYS_REQUIRED(lwip_stack_init, 0);
