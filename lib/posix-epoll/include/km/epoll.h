/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/epoll.h - epoll on the fd table (lib/posix-epoll). No functions of its
 * own: programs use their C library's epoll_* functions, which reach these
 * system calls (Linux x86_64 ABI, man 7 epoll):
 *
 *   epoll_create(size)        size <= 0: -EINVAL
 *   epoll_create1(flags)      flags other than EPOLL_CLOEXEC: -EINVAL
 *   epoll_ctl(epfd, op, fd, ev)
 *        EPOLL_CTL_ADD/MOD/DEL; -EBADF (epfd or fd not open), -EINVAL (epfd
 *        not an epoll file, fd == epfd, unknown op, or fd is an epoll file:
 *        no nesting), -EEXIST (ADD twice), -ENOENT (MOD/DEL of fd not
 *        there), -EPERM (fd's kind has no poll operation, as Linux answers
 *        for regular files), -EFAULT (ev NULL for ADD/MOD), -ENOMEM
 *   epoll_wait(epfd, events, maxevents, timeout ms)
 *   epoll_pwait(..., sigmask, sigsetsize), epoll_pwait2(..., timespec, ...)
 *        maxevents 1..INT_MAX/12 else -EINVAL; the ready entries in
 *        registration order, at most maxevents, each with its 64-bit data;
 *        EPOLLERR and EPOLLHUP are always reported; 0 on timeout. The
 *        signal mask changes nothing (no asynchronous signals).
 *
 * Differences from Linux, all on the safe side for event loops:
 * - EPOLLET is edge-triggered as on Linux: an entry is reported when a
 *   wanted event became ready since the last look, or when its file
 *   counted a new event since the entry was last reported (data or room
 *   arrived, the peer closed: sockets and pipes count them,
 *   km_file_event); still being ready is not reported again. Kinds that
 *   count no events (the console, files) report only transitions.
 * - EPOLLONESHOT disables the entry once reported, until EPOLL_CTL_MOD
 *   (which also reports an edge-triggered entry's readiness once more).
 * - An entry names a descriptor and the file it had when added: it goes
 *   away when that descriptor is closed or reused for another file, even if
 *   a dup of the file stays open (Linux keeps it until the file goes).
 * - EPOLLEXCLUSIVE and EPOLLWAKEUP are accepted and change nothing.
 * - epoll_wait sleeps until a file's kind wakes waiters (km_file_wake in
 *   km/fdtab.h) or the timeout; a set holding a file whose kind cannot
 *   wake (the console) is looked at every millisecond, as poll(2) here.
 */
#ifndef KM_EPOLL_H
#define KM_EPOLL_H

#endif /* KM_EPOLL_H */
