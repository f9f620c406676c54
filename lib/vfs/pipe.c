/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * pipe(2) and pipe2(2): a 64 KiB ring shared by a read end and a write
 * end, two files of one kind. Readers and writers block on lib/sched wait
 * queues; the ring is guarded by masking interrupts (one CPU), which also
 * closes the gap between checking it and going to sleep.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/plat/timer.h>
#include <km/sched.h>
#include <km/syscall.h>
#include "vfs_impl.h"

#define PIPE_SIZE     65536
#define PIPE_BUF_     4096 /* writes up to this size are atomic */
#define SIGPIPE_      13
#define F_GETPIPE_SZ_ 1032
#define FIONREAD_     0x541B
#define PIPEFS_DEV    12

struct pipe {
	char *ring;
	size_t head, count; /* the oldest byte, bytes held */
	unsigned int readers, writers;
	struct km_waitq readq, writeq;
	uint64_t ino;
	struct km_file *end[2]; /* read, write end while open: for km_file_event */
};

struct pipe_end {
	struct km_file f;
	struct pipe *p;
	int writer;
};

static uint64_t next_ino = 1;

static struct pipe_end *end_of(struct km_file *f)
{
	return KM_CONTAINER_OF(f, struct pipe_end, f);
}

/* Pollers of end @which (0 read, 1 write) may find it ready; interrupts off. */
static void event(struct pipe *p, int which)
{
	if (p->end[which])
		km_file_event(p->end[which]);
	else
		km_file_wake();
}

static long pipe_read(struct km_file *f, void *buf, size_t len, int64_t *off)
{
	struct pipe *p = end_of(f)->p;
	unsigned long irq;
	size_t n, first;

	(void)off; /* pread: -ESPIPE from the table (no lseek op) */
	if (!len)
		return 0;
	irq = km_plat_irq_save();
	while (!p->count) {
		if (!p->writers || (f->flags & LX_O_NONBLOCK)) {
			km_plat_irq_restore(irq);
			return p->writers ? -EAGAIN : 0;
		}
		km_waitq_wait_irqoff(&p->readq, 0);
	}
	n = KM_MIN(len, p->count);
	first = KM_MIN(n, PIPE_SIZE - p->head);
	memcpy(buf, p->ring + p->head, first);
	memcpy((char *)buf + first, p->ring, n - first);
	p->head = (p->head + n) % PIPE_SIZE;
	p->count -= n;
	km_waitq_wake_all(&p->writeq);
	event(p, 1); /* room for the write end */
	km_plat_irq_restore(irq);
	return (long)n;
}

/* Linux sends SIGPIPE with EPIPE; through lib/posix-signal when linked. */
static void raise_sigpipe(void)
{
	if (km_syscall_entry(KM_SYS_kill))
		km_syscall2(KM_SYS_kill, km_syscall0(KM_SYS_getpid), SIGPIPE_);
}

static long pipe_write(struct km_file *f, const void *buf, size_t len, int64_t *off)
{
	struct pipe *p = end_of(f)->p;
	size_t done = 0;
	unsigned long irq;

	(void)off;
	if (!len)
		return 0;
	irq = km_plat_irq_save();
	while (done < len) {
		size_t space = PIPE_SIZE - p->count, need, n, tail, first;

		if (!p->readers) {
			km_plat_irq_restore(irq);
			raise_sigpipe();
			return done ? (long)done : -EPIPE;
		}
		need = !done && len <= PIPE_BUF_ ? len : 1;
		if (space < need) {
			if (f->flags & LX_O_NONBLOCK) {
				km_plat_irq_restore(irq);
				return done ? (long)done : -EAGAIN;
			}
			km_waitq_wait_irqoff(&p->writeq, 0);
			continue;
		}
		n = KM_MIN(space, len - done);
		tail = (p->head + p->count) % PIPE_SIZE;
		first = KM_MIN(n, PIPE_SIZE - tail);
		memcpy(p->ring + tail, (const char *)buf + done, first);
		memcpy(p->ring, (const char *)buf + done + first, n - first);
		p->count += n;
		done += n;
		km_waitq_wake_all(&p->readq);
		event(p, 0); /* data for the read end */
	}
	km_plat_irq_restore(irq);
	return (long)done;
}

static unsigned int pipe_poll(struct km_file *f, unsigned int events)
{
	struct pipe_end *e = end_of(f);
	struct pipe *p = e->p;
	unsigned int got = 0;

	(void)events;
	if (e->writer) {
		if (!p->readers)
			got |= LX_POLLERR;
		else if (PIPE_SIZE - p->count >= PIPE_BUF_)
			got |= LX_POLLOUT;
	} else {
		if (p->count)
			got |= LX_POLLIN;
		if (!p->writers)
			got |= LX_POLLHUP;
	}
	return got;
}

static long pipe_ioctl(struct km_file *f, unsigned long req, unsigned long arg)
{
	if (req != FIONREAD_)
		return -ENOTTY;
	if (!arg)
		return -EFAULT;
	*(int *)arg = (int)end_of(f)->p->count;
	return 0;
}

static int pipe_fstat(struct km_file *f, struct km_stat *st)
{
	st->st_mode = KM_S_IFIFO | 0600;
	st->st_nlink = 1;
	st->st_blksize = 4096;
	st->st_dev = PIPEFS_DEV;
	st->st_ino = end_of(f)->p->ino;
	return 0;
}

static long pipe_fcntl(struct km_file *f, int cmd, unsigned long arg)
{
	(void)f;
	(void)arg;
	return cmd == F_GETPIPE_SZ_ ? PIPE_SIZE : -EINVAL;
}

static void pipe_close(struct km_file *f)
{
	struct pipe_end *e = end_of(f);
	struct pipe *p = e->p;
	unsigned long irq = km_plat_irq_save();
	int last;

	if (e->writer)
		p->writers--;
	else
		p->readers--;
	if (p->end[e->writer] == f)
		p->end[e->writer] = NULL;
	km_waitq_wake_all(&p->readq);
	km_waitq_wake_all(&p->writeq);
	event(p, !e->writer); /* the other end sees HUP or ERR */
	last = !p->readers && !p->writers;
	km_plat_irq_restore(irq);
	if (last) {
		free(p->ring);
		free(p);
	}
	free(e);
}

static const struct km_file_ops pipe_ops = {
	.kind = "pipe",
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.fstat = pipe_fstat,
	.close = pipe_close,
	.fcntl = pipe_fcntl,
};

#define O_DIRECT_PIPE LX_O_DIRECT /* packet mode: accepted, bytes as usual */

static long do_pipe(int *fds, long flags)
{
	struct pipe *p;
	struct pipe_end *r, *w;
	int fdflags = flags & LX_O_CLOEXEC ? KM_FD_CLOEXEC : 0;
	unsigned int status = (unsigned int)flags & LX_O_NONBLOCK;
	int rfd, wfd;

	if (flags & ~(long)(LX_O_CLOEXEC | LX_O_NONBLOCK | O_DIRECT_PIPE))
		return -EINVAL;
	if (!fds)
		return -EFAULT;
	p = calloc(1, sizeof(*p));
	r = calloc(1, sizeof(*r));
	w = calloc(1, sizeof(*w));
	if (p)
		p->ring = malloc(PIPE_SIZE);
	if (!p || !r || !w || !p->ring) {
		if (p)
			free(p->ring);
		free(p);
		free(r);
		free(w);
		return -ENOMEM;
	}
	km_waitq_init(&p->readq);
	km_waitq_init(&p->writeq);
	p->readers = p->writers = 1;
	p->ino = __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED);
	*r = (struct pipe_end){ { .ops = &pipe_ops, .flags = LX_O_RDONLY | status }, p, 0 };
	*w = (struct pipe_end){ { .ops = &pipe_ops, .flags = LX_O_WRONLY | status }, p, 1 };
	rfd = km_fd_install(&r->f, 0, fdflags);
	if (rfd < 0) {
		pipe_close(&r->f);
		pipe_close(&w->f);
		return rfd;
	}
	wfd = km_fd_install(&w->f, 0, fdflags);
	if (wfd < 0) {
		km_fd_close(rfd);
		pipe_close(&w->f);
		return wfd;
	}
	p->end[0] = &r->f;
	p->end[1] = &w->f;
	fds[0] = rfd;
	fds[1] = wfd;
	return 0;
}

KM_SYSCALL_DEFINE(pipe, 1)
{
	return do_pipe((int *)a1, 0);
}

KM_SYSCALL_DEFINE(pipe2, 2)
{
	return do_pipe((int *)a1, a2);
}
