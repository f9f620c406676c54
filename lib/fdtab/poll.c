/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * poll(2) and ppoll(2). Kinds answer "ready now?" without blocking; until
 * drivers wake wait queues, the table asks again every millisecond.
 */
#include <errno.h>
#include <stdint.h>
#include <km/fdtab.h>
#include <km/syscall.h>
#include <km/time.h>
#include "fdtab_impl.h"

struct linux_pollfd {
	int fd;
	short events, revents;
};

static long poll_once(struct linux_pollfd *fds, unsigned long nfds)
{
	long ready = 0;

	for (unsigned long i = 0; i < nfds; i++) {
		struct km_file *f;
		unsigned int ev = (unsigned short)fds[i].events | POLLERR_ | POLLHUP_;

		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		f = km_fd_get(fds[i].fd);
		if (!f) {
			fds[i].revents = POLLNVAL_;
		} else {
			unsigned int got = f->ops->poll ? f->ops->poll(f, ev) : POLLIN_ | POLLOUT_;

			fds[i].revents = (short)(got & ev);
			km_file_put(f);
		}
		if (fds[i].revents)
			ready++;
	}
	return ready;
}

/* @deadline: monotonic ns, 0 = do not wait, UINT64_MAX = forever. */
static long do_poll(struct linux_pollfd *fds, unsigned long nfds, km_nsec_t deadline)
{
	long ready;

	if (nfds > CONFIG_LIBFDTAB_MAX)
		return -EINVAL;
	if (nfds && !fds)
		return -EFAULT;
	for (;;) {
		ready = poll_once(fds, nfds);
		if (ready || km_time_monotonic_ns() >= deadline)
			return ready;
		km_sleep_ns(KM_NSEC_PER_MSEC);
	}
}

KM_SYSCALL_DEFINE(poll, 3)
{
	int timeout = (int)a3;
	km_nsec_t deadline =
		timeout < 0 ? UINT64_MAX
			    : km_time_monotonic_ns() + (km_nsec_t)timeout * KM_NSEC_PER_MSEC;

	return do_poll((struct linux_pollfd *)a1, (unsigned long)a2, deadline);
}

KM_SYSCALL_DEFINE(ppoll, 5)
{
	const long *ts = (const long *)a3; /* struct timespec, NULL: forever */
	km_nsec_t deadline = UINT64_MAX;

	if (ts) {
		if (ts[0] < 0 || ts[1] < 0 || ts[1] >= (long)KM_NSEC_PER_SEC)
			return -EINVAL;
		deadline = km_time_monotonic_ns() + (km_nsec_t)ts[0] * KM_NSEC_PER_SEC +
			   (km_nsec_t)ts[1];
	}
	/* The signal mask (a4, a5) changes nothing: no asynchronous signals. */
	return do_poll((struct linux_pollfd *)a1, (unsigned long)a2, deadline);
}
