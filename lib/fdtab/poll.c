/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * poll(2), ppoll(2), select(2) and pselect6(2). Kinds answer "ready now?"
 * without blocking; when nothing is, the caller sleeps until a kind's
 * km_file_wake() or the timeout (wait.c), or a millisecond when a file
 * answered KM_POLL_NOWAKE, and asks again.
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

/* The deadline of the next look: @deadline, or a millisecond from now
 * when a file cannot wake its waiters. */
static km_nsec_t next_look(km_nsec_t deadline, int nowake)
{
	km_nsec_t soon = km_time_monotonic_ns() + KM_NSEC_PER_MSEC;

	return nowake && soon < deadline ? soon : deadline;
}

/* What @f's poll op answers for @ev; *@nowake set by KM_POLL_NOWAKE. */
static unsigned int ask(struct km_file *f, unsigned int ev, int *nowake)
{
	unsigned int got = f->ops->poll ? f->ops->poll(f, ev) : POLLIN_ | POLLOUT_;

	if (got & KM_POLL_NOWAKE)
		*nowake = 1;
	return got & ~KM_POLL_NOWAKE;
}

static long poll_once(struct linux_pollfd *fds, unsigned long nfds, int *nowake)
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
			unsigned int got = ask(f, ev, nowake);

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
		unsigned long seen = km_file_wakes();
		int nowake = 0;

		ready = poll_once(fds, nfds, &nowake);
		if (ready || km_time_monotonic_ns() >= deadline)
			return ready;
		km_file_wait(seen, next_look(deadline, nowake));
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

/* The deadline of a struct timespec timeout (NULL: forever): 0 or -EINVAL. */
static int timespec_deadline(const long *ts, km_nsec_t *deadline)
{
	*deadline = UINT64_MAX;
	if (!ts)
		return 0;
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= (long)KM_NSEC_PER_SEC)
		return -EINVAL;
	*deadline = km_time_monotonic_ns() + (km_nsec_t)ts[0] * KM_NSEC_PER_SEC + (km_nsec_t)ts[1];
	return 0;
}

KM_SYSCALL_DEFINE(ppoll, 5)
{
	km_nsec_t deadline;

	if (timespec_deadline((const long *)a3, &deadline))
		return -EINVAL;
	/* The signal mask (a4, a5) changes nothing: no asynchronous signals. */
	return do_poll((struct linux_pollfd *)a1, (unsigned long)a2, deadline);
}

/*
 * select: descriptor sets of unsigned longs, as the kernel's (bit fd % 64
 * of word fd / 64). Readable is POLLIN, POLLHUP or POLLERR; writable
 * POLLOUT or POLLERR; exceptional POLLPRI.
 */
#define SEL_IN_	   (POLLIN_ | POLLHUP_ | POLLERR_)
#define SEL_OUT_   (POLLOUT_ | POLLERR_)
#define SEL_EX_	   POLLPRI_
#define WORD_BITS_ (8 * sizeof(unsigned long))

/*
 * One pass, word by word: each set word is read before it is written, so
 * the sets are only written (@write) once the waiting is over. The bits
 * ready, or -EBADF for a set bit of a closed descriptor.
 */
static long select_once(long nfds, unsigned long *const sets[3], int write, int *nowake)
{
	static const unsigned int want[3] = { SEL_IN_, SEL_OUT_, SEL_EX_ };
	long ready = 0;

	for (long base = 0; base < nfds; base += (long)WORD_BITS_) {
		unsigned long in[3], out[3] = { 0, 0, 0 };
		size_t w = (size_t)base / WORD_BITS_;
		long bits = KM_MIN(nfds - base, (long)WORD_BITS_);

		for (int k = 0; k < 3; k++) {
			in[k] = sets[k] ? sets[k][w] : 0;
			if (bits < (long)WORD_BITS_)
				in[k] &= (1UL << bits) - 1;
		}
		for (long b = 0; b < bits && (in[0] | in[1] | in[2]) >> b; b++) {
			unsigned int ev = 0, got;
			struct km_file *f;

			for (int k = 0; k < 3; k++)
				if ((in[k] >> b) & 1)
					ev |= want[k];
			if (!ev)
				continue;
			f = km_fd_get((int)(base + b));
			if (!f)
				return -EBADF;
			got = ask(f, ev | POLLERR_ | POLLHUP_, nowake);
			km_file_put(f);
			for (int k = 0; k < 3; k++)
				if (((in[k] >> b) & 1) && (got & want[k])) {
					out[k] |= 1UL << b;
					ready++;
				}
		}
		for (int k = 0; write && k < 3; k++)
			if (sets[k])
				sets[k][w] = out[k];
	}
	return ready;
}

static long do_select(long nfds, unsigned long *const sets[3], km_nsec_t deadline)
{
	long ready;

	if (nfds < 0)
		return -EINVAL;
	if (nfds > CONFIG_LIBFDTAB_MAX)
		nfds = CONFIG_LIBFDTAB_MAX; /* as Linux: bits past the table are ignored */
	for (;;) {
		unsigned long seen = km_file_wakes();
		int nowake = 0;

		ready = select_once(nfds, sets, 0, &nowake);
		if (ready < 0)
			return ready;
		if (ready || km_time_monotonic_ns() >= deadline)
			return select_once(nfds, sets, 1, &nowake);
		km_file_wait(seen, next_look(deadline, nowake));
	}
}

KM_SYSCALL_DEFINE(select, 5)
{
	long *tv = (long *)a5; /* struct timeval, NULL: forever; updated as Linux does */
	unsigned long *sets[3] = { (unsigned long *)a2, (unsigned long *)a3, (unsigned long *)a4 };
	km_nsec_t deadline = UINT64_MAX, now;
	long ret;

	if (tv) {
		/* As Linux: microseconds past a second carry over. */
		if (tv[0] < 0 || tv[1] < 0)
			return -EINVAL;
		deadline = km_time_monotonic_ns() + (km_nsec_t)tv[0] * KM_NSEC_PER_SEC +
			   (km_nsec_t)tv[1] * 1000;
	}
	ret = do_select(a1, sets, deadline);
	if (tv && ret >= 0) {
		now = km_time_monotonic_ns();
		now = now < deadline ? deadline - now : 0;
		tv[0] = (long)(now / KM_NSEC_PER_SEC);
		tv[1] = (long)(now % KM_NSEC_PER_SEC / 1000);
	}
	return ret;
}

KM_SYSCALL_DEFINE(pselect6, 6)
{
	unsigned long *sets[3] = { (unsigned long *)a2, (unsigned long *)a3, (unsigned long *)a4 };
	km_nsec_t deadline;

	/* a5: a struct timespec, not updated (as Linux's pselect6 for libcs
	 * that keep their own copy). */
	if (timespec_deadline((const long *)a5, &deadline))
		return -EINVAL;
	/* a6 (the signal mask and its size) changes nothing, as for ppoll. */
	return do_select(a1, sets, deadline);
}
