/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * epoll instances as fd-table files (contract in km/epoll.h). The interest
 * list is an array in registration order; epoll_wait asks every entry's
 * file for readiness through its poll operation, without blocking, and
 * sleeps until a kind's km_file_wake() (or a millisecond, when a file
 * answered KM_POLL_NOWAKE) or the timeout, then asks again.
 *
 * EPOLLET: an entry is reported when a wanted event was not ready at its
 * last look, or when the file counted a new event (km_file_event: data,
 * room, a close) since it was last reported; being still ready is not
 * enough.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <km/fdtab.h>
#include <km/lock.h>
#include <km/syscall.h>
#include <km/time.h>

#define EPOLL_CTL_ADD_ 1
#define EPOLL_CTL_DEL_ 2
#define EPOLL_CTL_MOD_ 3
#define EPOLLERR_      0x008u
#define EPOLLHUP_      0x010u
#define EPOLLONESHOT_  (1u << 30)
#define EPOLLET_       (1u << 31)
#define EPOLL_CLOEXEC_ 02000000
#define O_RDWR_	       02
/* Request flags, not events: never passed to a file's poll operation. */
#define EPOLL_FLAGS_ (0xf0000000u)

/* The Linux x86_64 struct epoll_event: packed, 12 bytes. */
struct linux_epoll_event {
	uint32_t events;
	uint64_t data;
} __attribute__((packed));

struct entry {
	int fd;
	const struct km_file *file; /* identity only, never dereferenced */
	uint32_t events;	    /* requested, with the EPOLL* flags */
	uint64_t data;
	int disabled;		  /* EPOLLONESHOT fired */
	unsigned int seen;	  /* EPOLLET: the wanted events ready at the last look */
	unsigned int seen_events; /* EPOLLET: the file's event count when last reported */
};

struct epoll {
	struct km_file file;
	struct km_mutex lock;
	struct entry *entries;
	unsigned int n, cap;
};

static const struct km_file_ops epoll_ops;

static void epoll_close(struct km_file *f)
{
	struct epoll *ep = f->priv;

	free(ep->entries);
	free(ep);
}

static unsigned int epoll_poll(struct km_file *f, unsigned int events)
{
	return 0; /* nesting is refused, so nobody asks */
}

static const struct km_file_ops epoll_ops = {
	.kind = "epoll",
	.poll = epoll_poll,
	.close = epoll_close,
};

static long create(int flags)
{
	struct epoll *ep = calloc(1, sizeof(*ep));
	int fd;

	if (!ep)
		return -ENOMEM;
	km_mutex_init(&ep->lock, 0);
	ep->file.ops = &epoll_ops;
	ep->file.priv = ep;
	ep->file.flags = O_RDWR_;
	fd = km_fd_install(&ep->file, 0, flags & EPOLL_CLOEXEC_ ? KM_FD_CLOEXEC : 0);
	if (fd < 0)
		free(ep);
	return fd;
}

KM_SYSCALL_DEFINE(epoll_create, 1)
{
	return (int)a1 <= 0 ? -EINVAL : create(0);
}

KM_SYSCALL_DEFINE(epoll_create1, 1)
{
	return a1 & ~(long)EPOLL_CLOEXEC_ ? -EINVAL : create((int)a1);
}

/* The epoll behind @epfd with a reference, or NULL and *err. */
static struct epoll *get_epoll(long epfd, long *err)
{
	struct km_file *f = km_fd_get((int)epfd);

	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	if (f->ops != &epoll_ops) {
		km_file_put(f);
		*err = -EINVAL;
		return NULL;
	}
	return f->priv;
}

static struct entry *find(struct epoll *ep, int fd)
{
	for (unsigned int i = 0; i < ep->n; i++)
		if (ep->entries[i].fd == fd)
			return &ep->entries[i];
	return NULL;
}

static long add(struct epoll *ep, int fd, const struct km_file *f,
		const struct linux_epoll_event *ev)
{
	if (ep->n == ep->cap) {
		unsigned int cap = ep->cap ? 2 * ep->cap : 8;
		struct entry *e = realloc(ep->entries, cap * sizeof(*e));

		if (!e)
			return -ENOMEM;
		ep->entries = e;
		ep->cap = cap;
	}
	ep->entries[ep->n++] = (struct entry){ fd, f, ev->events, ev->data, 0, 0, 0 };
	return 0;
}

static void drop(struct epoll *ep, struct entry *e)
{
	unsigned int i = (unsigned int)(e - ep->entries);

	memmove(e, e + 1, (ep->n - i - 1) * sizeof(*e));
	ep->n--;
}

KM_SYSCALL_DEFINE(epoll_ctl, 4)
{
	int op = (int)a2, fd = (int)a3;
	const struct linux_epoll_event *ev = (const struct linux_epoll_event *)a4;
	long err = 0;
	struct epoll *ep = get_epoll(a1, &err);
	struct km_file *f;
	struct entry *e;

	if (!ep)
		return err;
	f = km_fd_get(fd);
	if (!f)
		err = -EBADF;
	else if (fd == (int)a1 || f->ops == &epoll_ops)
		err = -EINVAL;
	else if (!f->ops->poll)
		err = -EPERM;
	else if (op != EPOLL_CTL_DEL_ && !ev)
		err = -EFAULT;
	if (!err) {
		km_mutex_lock(&ep->lock);
		e = find(ep, fd);
		if (e && e->file != f) { /* the descriptor was reused */
			drop(ep, e);
			e = NULL;
		}
		switch (op) {
		case EPOLL_CTL_ADD_:
			err = e ? -EEXIST : add(ep, fd, f, ev);
			break;
		case EPOLL_CTL_MOD_:
			if (!e) {
				err = -ENOENT;
				break;
			}
			e->events = ev->events;
			e->data = ev->data;
			e->disabled = 0;
			e->seen = 0; /* as Linux: MOD reports what is ready once more */
			break;
		case EPOLL_CTL_DEL_:
			if (e)
				drop(ep, e);
			else
				err = -ENOENT;
			break;
		default:
			err = -EINVAL;
		}
		km_mutex_unlock(&ep->lock);
	}
	if (f)
		km_file_put(f);
	km_file_put(&ep->file);
	return err;
}

/* EPOLLET: whether @got (the wanted events ready now) is news for @e. */
static unsigned int edge(struct entry *e, const struct km_file *f, unsigned int got)
{
	unsigned int events = __atomic_load_n(&f->events, __ATOMIC_RELAXED);
	int news = (got & ~e->seen) || (got && events != e->seen_events);

	e->seen = got;
	if (!news)
		return 0;
	e->seen_events = events;
	return got;
}

/* One round over the interest list: the ready entries into @out;
 * *@nowake set when a file answered KM_POLL_NOWAKE. */
static int scan(struct epoll *ep, struct linux_epoll_event *out, int max, int *nowake)
{
	int ready = 0;

	km_mutex_lock(&ep->lock);
	for (unsigned int i = 0; i < ep->n && ready < max;) {
		struct entry *e = &ep->entries[i];
		struct km_file *f = km_fd_get(e->fd);
		unsigned int want, got;

		if (!f || f != e->file) { /* closed, or reused for another file */
			if (f)
				km_file_put(f);
			drop(ep, e);
			continue;
		}
		want = (e->events & ~EPOLL_FLAGS_) | EPOLLERR_ | EPOLLHUP_;
		got = e->disabled ? 0 : f->ops->poll(f, want);
		if (got & KM_POLL_NOWAKE)
			*nowake = 1;
		got &= want;
		if (e->events & EPOLLET_)
			got = edge(e, f, got);
		km_file_put(f);
		if (got) {
			out[ready].events = got;
			out[ready].data = e->data;
			ready++;
			if (e->events & EPOLLONESHOT_)
				e->disabled = 1;
		}
		i++;
	}
	km_mutex_unlock(&ep->lock);
	return ready;
}

/* @deadline: monotonic ns, 0 = do not wait, UINT64_MAX = forever. */
static long do_wait(long epfd, struct linux_epoll_event *out, int max, km_nsec_t deadline)
{
	long err = 0;
	struct epoll *ep;
	int ready;

	if (max <= 0 || max > INT32_MAX / (int)sizeof(*out))
		return -EINVAL;
	if (!out)
		return -EFAULT;
	ep = get_epoll(epfd, &err);
	if (!ep)
		return err;
	for (;;) {
		unsigned long seen = km_file_wakes();
		int nowake = 0;
		km_nsec_t soon;

		ready = scan(ep, out, max, &nowake);
		if (ready || km_time_monotonic_ns() >= deadline)
			break;
		soon = km_time_monotonic_ns() + KM_NSEC_PER_MSEC;
		km_file_wait(seen, nowake && soon < deadline ? soon : deadline);
	}
	km_file_put(&ep->file);
	return ready;
}

static km_nsec_t deadline_ms(int timeout)
{
	return timeout < 0 ? UINT64_MAX
			   : km_time_monotonic_ns() + (km_nsec_t)timeout * KM_NSEC_PER_MSEC;
}

KM_SYSCALL_DEFINE(epoll_wait, 4)
{
	return do_wait(a1, (struct linux_epoll_event *)a2, (int)a3, deadline_ms((int)a4));
}

KM_SYSCALL_DEFINE(epoll_pwait, 6)
{
	/* The signal mask (a5, a6) changes nothing: no asynchronous signals. */
	return do_wait(a1, (struct linux_epoll_event *)a2, (int)a3, deadline_ms((int)a4));
}

KM_SYSCALL_DEFINE(epoll_pwait2, 6)
{
	const long *ts = (const long *)a4; /* struct timespec, NULL: forever */
	km_nsec_t deadline = UINT64_MAX;

	if (ts) {
		if (ts[0] < 0 || ts[1] < 0 || ts[1] >= (long)KM_NSEC_PER_SEC)
			return -EINVAL;
		deadline = km_time_monotonic_ns() + (km_nsec_t)ts[0] * KM_NSEC_PER_SEC +
			   (km_nsec_t)ts[1];
	}
	return do_wait(a1, (struct linux_epoll_event *)a2, (int)a3, deadline);
}
