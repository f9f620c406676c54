/* SPDX-License-Identifier: BSD-3-Clause */
/* Data transfer calls: each looks the file up and calls its kind's op. */
#include <errno.h>
#include <string.h>
#include <km/fdtab.h>
#include <km/syscall.h>
#include "fdtab_impl.h"

#define IOV_MAX_ 1024

struct linux_iovec {
	void *base;
	size_t len;
};

static long transfer(int fd, void *buf, size_t len, int64_t *off, int write)
{
	struct km_file *f = km_fd_get(fd);
	long ret;

	if (!f)
		return -EBADF;
	if (write ? (f->flags & O_ACCMODE_) == 0 : (f->flags & O_ACCMODE_) == 1)
		ret = -EBADF;
	else if (off && !f->ops->lseek)
		ret = -ESPIPE;
	else if (write)
		ret = f->ops->write ? f->ops->write(f, buf, len, off) : -EBADF;
	else
		ret = f->ops->read ? f->ops->read(f, buf, len, off) : -EBADF;
	km_file_put(f);
	return ret;
}

KM_SYSCALL_DEFINE(read, 3)
{
	if (!a2 && a3)
		return km_fd_getflags((int)a1) < 0 ? -EBADF : -EFAULT;
	return transfer((int)a1, (void *)a2, (size_t)a3, NULL, 0);
}

KM_SYSCALL_DEFINE(write, 3)
{
	if (!a2 && a3)
		return km_fd_getflags((int)a1) < 0 ? -EBADF : -EFAULT;
	return transfer((int)a1, (void *)a2, (size_t)a3, NULL, 1);
}

KM_SYSCALL_DEFINE(pread64, 4)
{
	int64_t off = a4;

	return off < 0 ? -EINVAL : transfer((int)a1, (void *)a2, (size_t)a3, &off, 0);
}

KM_SYSCALL_DEFINE(pwrite64, 4)
{
	int64_t off = a4;

	return off < 0 ? -EINVAL : transfer((int)a1, (void *)a2, (size_t)a3, &off, 1);
}

/* Buffer by buffer (from @start when given: preadv/pwritev, the offset
 * unchanged); a short transfer or an error after some data ends it. */
static long transfer_vec(int fd, const struct linux_iovec *iov, long cnt, const int64_t *start,
			 int write)
{
	long done = 0;

	if (cnt < 0 || cnt > IOV_MAX_)
		return -EINVAL;
	if (cnt && !iov)
		return -EFAULT;
	if (km_fd_getflags(fd) < 0)
		return -EBADF;
	for (long i = 0; i < cnt; i++) {
		long r;

		if (!iov[i].len)
			continue;
		int64_t pos = start ? *start + done : 0;

		r = transfer(fd, iov[i].base, iov[i].len, start ? &pos : NULL, write);
		if (r < 0)
			return done ? done : r;
		done += r;
		if ((size_t)r < iov[i].len)
			break;
	}
	return done;
}

KM_SYSCALL_DEFINE(readv, 3)
{
	return transfer_vec((int)a1, (const struct linux_iovec *)a2, a3, NULL, 0);
}

KM_SYSCALL_DEFINE(writev, 3)
{
	return transfer_vec((int)a1, (const struct linux_iovec *)a2, a3, NULL, 1);
}

/* The offset comes in two halves; on x86_64 the low one holds all 64 bits. */
KM_SYSCALL_DEFINE(preadv, 5)
{
	int64_t off = a4;

	return off < 0 ? -EINVAL
		       : transfer_vec((int)a1, (const struct linux_iovec *)a2, a3, &off, 0);
}

KM_SYSCALL_DEFINE(pwritev, 5)
{
	int64_t off = a4;

	return off < 0 ? -EINVAL
		       : transfer_vec((int)a1, (const struct linux_iovec *)a2, a3, &off, 1);
}

KM_SYSCALL_DEFINE(lseek, 3)
{
	struct km_file *f = km_fd_get((int)a1);
	long ret;

	if (!f)
		return -EBADF;
	ret = f->ops->lseek ? f->ops->lseek(f, a2, (int)a3) : -ESPIPE;
	km_file_put(f);
	return ret;
}

KM_SYSCALL_DEFINE(ioctl, 3)
{
	struct km_file *f = km_fd_get((int)a1);
	long ret;

	if (!f)
		return -EBADF;
	switch ((unsigned long)a2) {
	case FIONBIO_:
		if (!a3) {
			ret = -EFAULT;
		} else {
			if (*(int *)a3)
				f->flags |= O_NONBLOCK_;
			else
				f->flags &= ~(unsigned int)O_NONBLOCK_;
			ret = 0;
		}
		break;
	case FIOCLEX_:
	case FIONCLEX_:
		ret = km_fd_setflags((int)a1, a2 == FIOCLEX_ ? KM_FD_CLOEXEC : 0);
		break;
	default:
		ret = f->ops->ioctl ? f->ops->ioctl(f, (unsigned long)a2, (unsigned long)a3)
				    : -ENOTTY;
	}
	km_file_put(f);
	return ret;
}

KM_SYSCALL_DEFINE(fstat, 2)
{
	struct km_file *f = km_fd_get((int)a1);
	long ret;

	if (!f)
		return -EBADF;
	if (!a2) {
		ret = -EFAULT;
	} else {
		memset((void *)a2, 0, sizeof(struct km_stat));
		ret = f->ops->fstat ? f->ops->fstat(f, (struct km_stat *)a2) : -EBADF;
	}
	km_file_put(f);
	return ret;
}
