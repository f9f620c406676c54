/* SPDX-License-Identifier: BSD-3-Clause */
/* The descriptor table (see km/fdtab.h), and the calls that manage it. */
#include <errno.h>
#include <km/fdtab.h>
#include <km/atomic.h>
#include <km/plat/timer.h>
#include <km/syscall.h>
#include "fdtab_impl.h"

static struct {
	struct km_file *file;
	int fdflags;
} table[CONFIG_LIBFDTAB_MAX];

void km_file_ref(struct km_file *f)
{
	km_atomic_inc(&f->refs);
}

void km_file_put(struct km_file *f)
{
	if (!km_atomic_dec_return(&f->refs) && f->ops->close)
		f->ops->close(f);
}

int km_fd_install(struct km_file *f, int minfd, int fdflags)
{
	unsigned long irq;
	int fd;

	if (minfd < 0 || minfd >= CONFIG_LIBFDTAB_MAX)
		return -EINVAL;
	irq = km_plat_irq_save();
	for (fd = minfd; fd < CONFIG_LIBFDTAB_MAX && table[fd].file; fd++)
		;
	if (fd < CONFIG_LIBFDTAB_MAX) {
		km_file_ref(f);
		table[fd].file = f;
		table[fd].fdflags = fdflags;
	} else {
		fd = -EMFILE;
	}
	km_plat_irq_restore(irq);
	return fd;
}

struct km_file *km_fd_get(int fd)
{
	struct km_file *f = NULL;
	unsigned long irq;

	if (fd < 0 || fd >= CONFIG_LIBFDTAB_MAX)
		return NULL;
	irq = km_plat_irq_save();
	f = table[fd].file;
	if (f)
		km_file_ref(f);
	km_plat_irq_restore(irq);
	return f;
}

/* Detach @fd; the caller puts the returned file (outside the mask). */
static struct km_file *detach(int fd)
{
	unsigned long irq = km_plat_irq_save();
	struct km_file *f = table[fd].file;

	table[fd].file = NULL;
	km_plat_irq_restore(irq);
	return f;
}

int km_fd_close(int fd)
{
	struct km_file *f;

	if (fd < 0 || fd >= CONFIG_LIBFDTAB_MAX || !(f = detach(fd)))
		return -EBADF;
	km_file_put(f);
	return 0;
}

int km_fd_replace(int fd, struct km_file *f, int fdflags)
{
	struct km_file *old;
	unsigned long irq;

	if (fd < 0 || fd >= CONFIG_LIBFDTAB_MAX)
		return -EBADF;
	km_file_ref(f);
	irq = km_plat_irq_save();
	old = table[fd].file;
	table[fd].file = f;
	table[fd].fdflags = fdflags;
	km_plat_irq_restore(irq);
	if (old)
		km_file_put(old);
	return fd;
}

int km_fd_getflags(int fd)
{
	if (fd < 0 || fd >= CONFIG_LIBFDTAB_MAX || !table[fd].file)
		return -EBADF;
	return table[fd].fdflags;
}

int km_fd_setflags(int fd, int fdflags)
{
	if (fd < 0 || fd >= CONFIG_LIBFDTAB_MAX || !table[fd].file)
		return -EBADF;
	table[fd].fdflags = fdflags;
	return 0;
}

KM_SYSCALL_DEFINE(close, 1)
{
	return km_fd_close((int)a1);
}

static long dup_at_least(int fd, long minfd, int fdflags)
{
	struct km_file *f = km_fd_get(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = minfd < 0 || minfd >= CONFIG_LIBFDTAB_MAX ? -EINVAL
							: km_fd_install(f, (int)minfd, fdflags);
	km_file_put(f);
	return ret;
}

KM_SYSCALL_DEFINE(dup, 1)
{
	return dup_at_least((int)a1, 0, 0);
}

static long dup_to(int oldfd, long newfd, int fdflags)
{
	struct km_file *f = km_fd_get(oldfd);
	long ret;

	if (!f)
		return -EBADF;
	ret = newfd < 0 || newfd >= CONFIG_LIBFDTAB_MAX ? -EBADF
							: km_fd_replace((int)newfd, f, fdflags);
	km_file_put(f);
	return ret;
}

KM_SYSCALL_DEFINE(dup2, 2)
{
	if (a1 == a2) {
		struct km_file *f = km_fd_get((int)a1);

		if (!f)
			return -EBADF;
		km_file_put(f);
		return a2;
	}
	return dup_to((int)a1, a2, 0);
}

KM_SYSCALL_DEFINE(dup3, 3)
{
	if (a1 == a2 || (a3 & ~(long)O_CLOEXEC_))
		return -EINVAL;
	return dup_to((int)a1, a2, a3 ? KM_FD_CLOEXEC : 0);
}

#define F_DUPFD_	 0
#define F_GETFD_	 1
#define F_SETFD_	 2
#define F_GETFL_	 3
#define F_SETFL_	 4
#define F_DUPFD_CLOEXEC_ 1030

KM_SYSCALL_DEFINE(fcntl, 3)
{
	int fd = (int)a1;
	struct km_file *f;
	long ret;

	switch (a2) {
	case F_DUPFD_:
		return dup_at_least(fd, a3, 0);
	case F_DUPFD_CLOEXEC_:
		return dup_at_least(fd, a3, KM_FD_CLOEXEC);
	case F_GETFD_:
		return km_fd_getflags(fd);
	case F_SETFD_:
		return km_fd_setflags(fd, (int)(a3 & KM_FD_CLOEXEC));
	case F_GETFL_:
	case F_SETFL_:
		f = km_fd_get(fd);
		if (!f)
			return -EBADF;
		if (a2 == F_SETFL_)
			f->flags = (f->flags & ~(unsigned int)(O_APPEND_ | O_NONBLOCK_)) |
				   ((unsigned int)a3 & (O_APPEND_ | O_NONBLOCK_));
		ret = f->flags;
		km_file_put(f);
		return a2 == F_SETFL_ ? 0 : ret;
	default:
		f = km_fd_get(fd);
		if (!f)
			return -EBADF;
		ret = f->ops->fcntl ? f->ops->fcntl(f, (int)a2, (unsigned long)a3) : -EINVAL;
		km_file_put(f);
		return ret;
	}
}

void km_file_event(struct km_file *f)
{
	__atomic_fetch_add(&f->events, 1, __ATOMIC_RELAXED);
	km_file_wake();
}
