/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The thread calls of an image without lib/posix-thread: one thread as far
 * as Linux ABIs go (id 1), and exit(2) ends the image like exit_group.
 */
#include <km/plat/lifecycle.h>
#include <km/posix_process.h>
#include <km/syscall.h>

KM_SYSCALL_DEFINE(gettid, 0)
{
	return KM_POSIX_PID;
}

KM_SYSCALL_DEFINE(exit, 1)
{
	km_plat_terminate((int)(a1 & 0xff));
}

/* Where the main thread's tid would be cleared when it exits: no one waits. */
static int *clear_child_tid;

KM_SYSCALL_DEFINE(set_tid_address, 1)
{
	clear_child_tid = (int *)a1;
	return KM_POSIX_PID;
}
