/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/epoll.h - epoll for newlib (epoll(7)), the Linux x86_64 ABI: struct
 * epoll_event is packed (12 bytes), as the kernel's. The calls are
 * lib/newlib/posix_net.c's on lib/posix-epoll's system calls: a
 * descriptor, 0, or the number of events; -1 with errno (EBADF, EINVAL,
 * EEXIST, ENOENT, EINTR, ENOSYS without lib/posix-epoll).
 */
#ifndef KM_NEWLIB_SYS_EPOLL_H
#define KM_NEWLIB_SYS_EPOLL_H
#include <stdint.h>
#include <signal.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EPOLL_CLOEXEC 02000000

#define EPOLLIN	       0x001
#define EPOLLPRI       0x002
#define EPOLLOUT       0x004
#define EPOLLERR       0x008
#define EPOLLHUP       0x010
#define EPOLLRDNORM    0x040
#define EPOLLRDBAND    0x080
#define EPOLLWRNORM    0x100
#define EPOLLWRBAND    0x200
#define EPOLLMSG       0x400
#define EPOLLRDHUP     0x2000
#define EPOLLEXCLUSIVE (1U << 28)
#define EPOLLWAKEUP    (1U << 29)
#define EPOLLONESHOT   (1U << 30)
#define EPOLLET	       (1U << 31)

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

typedef union epoll_data {
	void *ptr;
	int fd;
	uint32_t u32;
	uint64_t u64;
} epoll_data_t;

struct epoll_event {
	uint32_t events;
	epoll_data_t data;
} __attribute__((packed));

int epoll_create(int size);
int epoll_create1(int flags);
int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
int epoll_wait(int epfd, struct epoll_event *evs, int max, int timeout);
/* epoll_wait with @mask (newlib's signal numbers) as the signal mask
 * while it waits; NULL keeps the current one. */
int epoll_pwait(int epfd, struct epoll_event *evs, int max, int timeout, const sigset_t *mask);

#ifdef __cplusplus
}
#endif
#endif
