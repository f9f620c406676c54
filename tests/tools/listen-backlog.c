/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * LD_PRELOAD shim for QEMU under test: listen() with a backlog of at
 * least SOMAXCONN. QEMU's user network (libslirp 4.7) listens on a
 * hostfwd port with a backlog of 1, so when a client opens 50 connections
 * at once the host kernel holds two and drops the handshakes of the rest;
 * they complete only on its SYN-ACK retransmissions (1, 2, 4, 8 s...),
 * and a load generator counts those waits as the guest's answers being
 * late. Raising the host's queue removes a host artifact; the guest still
 * has to answer every connection.
 */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

int listen(int fd, int backlog)
{
	return (int)syscall(SYS_listen, fd, backlog < SOMAXCONN ? SOMAXCONN : backlog);
}
