/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * BSD sockets as fd-table files: the Linux x86_64 socket system calls on
 * lwIP's socket API. Each file holds one lwIP socket (lwIP's own number,
 * never seen by the program); addresses, flags and options are translated
 * between the Linux ABI and lwIP's (socket_impl.h). lwIP reports errors in
 * the C library's errno of the calling thread, which becomes the -errno
 * result here.
 *
 * O_NONBLOCK lives in the file's flags (socket(SOCK_NONBLOCK), accept4,
 * fcntl, ioctl FIONBIO all set it there); it is copied to lwIP's socket
 * before each call that could block.
 *
 * Waiters (poll, select, epoll) are woken from lwIP's event callback: every
 * socket's netconn calls socket_event, which runs lwIP's own handler and
 * then counts the event on the socket's file (km_file_event) when it makes
 * the socket more ready (data, room, a connection, an error). Accepted
 * connections inherit the listener's callback.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/fdtab.h>
#include <km/plat/timer.h>
#include <km/syscall.h>
#include "socket_impl.h"
#include "lwip/api.h"
#include "lwip/priv/sockets_priv.h"

struct km_lwip_socket {
	struct km_file file;
	int lwfd;
	int type;	       /* LX_SOCK_STREAM or LX_SOCK_DGRAM */
	unsigned int nonblock; /* what lwIP's socket was last told */
};

static const struct km_file_ops socket_ops;

/* lwIP's socket event handler, which socket_event runs first. */
static netconn_callback lwip_event;
/* The file of each lwIP socket (lwIP's number), for socket_event. Changed
 * and read with interrupts off: a socket closing in another thread never
 * frees a file socket_event is counting on. */
static struct km_lwip_socket *by_lwfd[NUM_SOCKETS];

static void socket_event(struct netconn *conn, enum netconn_evt evt, u16_t len)
{
	int i = conn->socket - LWIP_SOCKET_OFFSET;
	unsigned long fl;

	lwip_event(conn, evt, len);
	if (evt == NETCONN_EVT_RCVMINUS || evt == NETCONN_EVT_SENDMINUS)
		return; /* less ready: nobody to wake */
	fl = km_plat_irq_save();
	if (i >= 0 && i < NUM_SOCKETS && by_lwfd[i])
		km_file_event(&by_lwfd[i]->file);
	else
		km_file_wake(); /* not a file yet (a connection waiting for accept) */
	km_plat_irq_restore(fl);
}

/* Route @lwfd's events through socket_event; accepted sockets come with
 * it from their listener. */
static void hook_events(int lwfd)
{
	struct lwip_sock *ls = lwip_socket_dbg_get_socket(lwfd);

	if (!ls || !ls->conn || ls->conn->callback == socket_event)
		return;
	lwip_event = ls->conn->callback;
	ls->conn->callback = socket_event;
}

static struct km_lwip_socket *sock_of(struct km_file *f)
{
	return f->ops == &socket_ops ? f->priv : NULL;
}

/* Tell lwIP the file's current O_NONBLOCK, when it changed. */
static void sync_nonblock(struct km_lwip_socket *s)
{
	unsigned int want = (s->file.flags & LX_O_NONBLOCK) != 0;

	if (want != s->nonblock && lwip_fcntl(s->lwfd, F_SETFL, want ? O_NONBLOCK : 0) == 0)
		s->nonblock = want;
}

static long lw_ret(long r)
{
	return r < 0 ? -errno : r;
}

/* Linux MSG_* onto lwIP's; -EOPNOTSUPP for what lwIP cannot do. */
static long msg_flags(int lx, int *lw)
{
	*lw = 0;
	if (lx & LX_MSG_OOB)
		return -EOPNOTSUPP;
	if (lx & LX_MSG_PEEK)
		*lw |= MSG_PEEK;
	if (lx & LX_MSG_DONTWAIT)
		*lw |= MSG_DONTWAIT;
	/* MSG_WAITALL is done here (recv_all): lwIP's recvmsg refuses it. */
	if (lx & LX_MSG_MORE)
		*lw |= MSG_MORE;
	/* MSG_NOSIGNAL: no signal is ever sent; CONFIRM, EOR, DONTROUTE,
	 * TRUNC and CMSG_CLOEXEC change nothing lwIP does. */
	return 0;
}

/* MSG_WAITALL matters on a blocking stream only. */
static int waitall(const struct km_lwip_socket *s, int lxflags, int lwflags)
{
	return (lxflags & LX_MSG_WAITALL) && s->type == LX_SOCK_STREAM &&
	       !(lwflags & (MSG_DONTWAIT | MSG_PEEK)) && !(s->file.flags & LX_O_NONBLOCK);
}

/* recv until @len bytes, end of stream or an error: the bytes received,
 * or -errno when there were none. */
static long recv_all(struct km_lwip_socket *s, char *buf, size_t len, int lwflags)
{
	size_t got = 0;

	while (got < len) {
		long n = lwip_recv(s->lwfd, buf + got, len - got, lwflags & ~MSG_PEEK);

		if (n < 0)
			return got ? (long)got : -errno;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (long)got;
}

/* A Linux sockaddr from the program into lwIP's form. */
static long addr_in(const void *uaddr, uint32_t ulen, struct sockaddr_in *out)
{
	struct lx_sockaddr_in lx;

	if (!uaddr)
		return -EFAULT;
	if (ulen < sizeof(uint16_t))
		return -EINVAL;
	memset(&lx, 0, sizeof(lx));
	memcpy(&lx, uaddr, ulen < sizeof(lx) ? ulen : sizeof(lx));
	memset(out, 0, sizeof(*out));
	if (lx.sin_family == LX_AF_UNSPEC) {
		out->sin_len = sizeof(*out);
		out->sin_family = AF_UNSPEC;
		return 0;
	}
	if (lx.sin_family != LX_AF_INET)
		return -EAFNOSUPPORT;
	if (ulen < sizeof(lx))
		return -EINVAL;
	out->sin_len = sizeof(*out);
	out->sin_family = AF_INET;
	out->sin_port = lx.sin_port;
	out->sin_addr.s_addr = lx.sin_addr;
	return 0;
}

/* lwIP's address out to the program: at most *ulen bytes, *ulen = full size. */
static long addr_out(const struct sockaddr_in *in, void *uaddr, uint32_t *ulen)
{
	struct lx_sockaddr_in lx;

	if (!uaddr)
		return 0;
	if (!ulen)
		return -EFAULT;
	memset(&lx, 0, sizeof(lx));
	lx.sin_family = LX_AF_INET;
	lx.sin_port = in->sin_port;
	lx.sin_addr = in->sin_addr.s_addr;
	memcpy(uaddr, &lx, *ulen < sizeof(lx) ? *ulen : sizeof(lx));
	*ulen = sizeof(lx);
	return 0;
}

static long sock_read(struct km_file *f, void *buf, size_t len, int64_t *off)
{
	struct km_lwip_socket *s = f->priv;

	sync_nonblock(s);
	return lw_ret(lwip_recv(s->lwfd, buf, len, 0));
}

static long sock_write(struct km_file *f, const void *buf, size_t len, int64_t *off)
{
	struct km_lwip_socket *s = f->priv;

	sync_nonblock(s);
	return lw_ret(lwip_send(s->lwfd, buf, len, 0));
}

static unsigned int sock_poll(struct km_file *f, unsigned int events)
{
	struct km_lwip_socket *s = f->priv;
	struct pollfd p = { s->lwfd, POLLIN | POLLOUT, 0 };
	unsigned int ready = 0;

	if (lwip_poll(&p, 1, 0) < 0)
		return LX_POLLERR;
	if (p.revents & (POLLIN | POLLRDNORM))
		ready |= LX_POLLIN | LX_POLLRDNORM;
	if (p.revents & (POLLOUT | POLLWRNORM))
		ready |= LX_POLLOUT | LX_POLLWRNORM;
	if (p.revents & POLLERR)
		ready |= LX_POLLERR;
	if (p.revents & POLLHUP)
		ready |= LX_POLLHUP;
	if (p.revents & POLLNVAL)
		ready |= LX_POLLNVAL;
	return ready;
}

static long sock_ioctl(struct km_file *f, unsigned long req, unsigned long arg)
{
	struct km_lwip_socket *s = f->priv;
	int n = 0;

	if (req != LX_FIONREAD)
		return -ENOTTY;
	if (!arg)
		return -EFAULT;
	if (lwip_ioctl(s->lwfd, FIONREAD, &n) < 0)
		return -errno;
	memcpy((void *)arg, &n, sizeof(n));
	return 0;
}

static int sock_fstat(struct km_file *f, struct km_stat *st)
{
	st->st_mode = LX_S_IFSOCK | 0777;
	st->st_nlink = 1;
	st->st_blksize = 4096;
	return 0;
}

static void sock_close(struct km_file *f)
{
	struct km_lwip_socket *s = f->priv;
	unsigned long fl = km_plat_irq_save();

	if (by_lwfd[s->lwfd - LWIP_SOCKET_OFFSET] == s)
		by_lwfd[s->lwfd - LWIP_SOCKET_OFFSET] = NULL;
	km_plat_irq_restore(fl);
	lwip_close(s->lwfd);
	free(s);
}

static const struct km_file_ops socket_ops = {
	.kind = "socket",
	.read = sock_read,
	.write = sock_write,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.fstat = sock_fstat,
	.close = sock_close,
};

/* Wrap lwIP socket @lwfd in a file and give it a descriptor; on failure
 * the lwIP socket is closed. */
static long install(int lwfd, int type, int lxflags)
{
	struct km_lwip_socket *s = calloc(1, sizeof(*s));
	unsigned long fl;
	int fd;

	if (!s) {
		lwip_close(lwfd);
		return -ENOMEM;
	}
	s->lwfd = lwfd;
	s->type = type;
	s->file.ops = &socket_ops;
	s->file.priv = s;
	s->file.flags = LX_O_RDWR | (lxflags & LX_SOCK_NONBLOCK ? LX_O_NONBLOCK : 0);
	hook_events(lwfd);
	fd = km_fd_install(&s->file, 0, lxflags & LX_SOCK_CLOEXEC ? KM_FD_CLOEXEC : 0);
	if (fd < 0) {
		lwip_close(lwfd);
		free(s);
		return fd;
	}
	fl = km_plat_irq_save();
	by_lwfd[lwfd - LWIP_SOCKET_OFFSET] = s;
	km_plat_irq_restore(fl);
	return fd;
}

/* The socket behind @fd with a reference (km_file_put), or NULL and *err. */
static struct km_lwip_socket *get_sock(long fd, long *err)
{
	struct km_file *f = km_fd_get((int)fd);
	struct km_lwip_socket *s;

	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	s = sock_of(f);
	if (!s) {
		km_file_put(f);
		*err = -ENOTSOCK;
	}
	return s;
}

KM_SYSCALL_DEFINE(socket, 3)
{
	int domain = (int)a1, type = (int)a2 & LX_SOCK_TYPE_MASK;
	int flags = (int)a2 & ~LX_SOCK_TYPE_MASK;
	int lwfd;

	if (flags & ~(LX_SOCK_NONBLOCK | LX_SOCK_CLOEXEC))
		return -EINVAL;
	if (domain != LX_AF_INET)
		return -EAFNOSUPPORT;
	if (type != LX_SOCK_STREAM && type != LX_SOCK_DGRAM)
		return type == LX_SOCK_RAW ? -EPROTONOSUPPORT : -EINVAL;
	if (a3 && !(type == LX_SOCK_STREAM && a3 == LX_IPPROTO_TCP) &&
	    !(type == LX_SOCK_DGRAM && a3 == LX_IPPROTO_UDP))
		return -EPROTONOSUPPORT;
	lwfd = lwip_socket(AF_INET, type == LX_SOCK_STREAM ? SOCK_STREAM : SOCK_DGRAM, 0);
	if (lwfd < 0)
		return errno == ENFILE ? -ENFILE : -errno;
	return install(lwfd, type, flags);
}

KM_SYSCALL_DEFINE(socketpair, 4)
{
	/* AF_UNIX is the VFS's; lwIP has only AF_INET. */
	return a1 == LX_AF_UNIX ? -EOPNOTSUPP : -EAFNOSUPPORT;
}

KM_SYSCALL_DEFINE(bind, 3)
{
	struct sockaddr_in sin;
	long err = 0;
	struct km_lwip_socket *s = get_sock(a1, &err);

	if (!s)
		return err;
	err = addr_in((const void *)a2, (uint32_t)a3, &sin);
	if (!err && sin.sin_family != AF_INET)
		err = -EAFNOSUPPORT;
	if (!err)
		err = lw_ret(lwip_bind(s->lwfd, (struct sockaddr *)&sin, sizeof(sin)));
	km_file_put(&s->file);
	return err;
}

KM_SYSCALL_DEFINE(listen, 2)
{
	long err = 0, backlog = (int)a2;
	struct km_lwip_socket *s = get_sock(a1, &err);

	if (!s)
		return err;
	/* As Linux: 0 or less still queues one, more than the most is the most. */
	if (backlog < 1)
		backlog = 1;
	if (backlog > TCP_DEFAULT_LISTEN_BACKLOG)
		backlog = TCP_DEFAULT_LISTEN_BACKLOG;
	err = s->type == LX_SOCK_STREAM ? lw_ret(lwip_listen(s->lwfd, (int)backlog)) : -EOPNOTSUPP;
	km_file_put(&s->file);
	return err;
}

static long do_accept(long fd, void *uaddr, uint32_t *ulen, int flags)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	long err = 0, newfd;
	struct km_lwip_socket *s;
	int lwfd;

	if (flags & ~(LX_SOCK_NONBLOCK | LX_SOCK_CLOEXEC))
		return -EINVAL;
	s = get_sock(fd, &err);
	if (!s)
		return err;
	if (s->type != LX_SOCK_STREAM) {
		km_file_put(&s->file);
		return -EOPNOTSUPP;
	}
	sync_nonblock(s);
	lwfd = lwip_accept(s->lwfd, (struct sockaddr *)&sin, &len);
	err = lwfd < 0 ? -errno : 0;
	km_file_put(&s->file);
	if (err)
		return err == -EWOULDBLOCK ? -EAGAIN : err;
	newfd = install(lwfd, LX_SOCK_STREAM, flags);
	if (newfd >= 0 && addr_out(&sin, uaddr, ulen) < 0) {
		km_fd_close((int)newfd);
		return -EFAULT;
	}
	return newfd;
}

KM_SYSCALL_DEFINE(accept, 3)
{
	return do_accept(a1, (void *)a2, (uint32_t *)a3, 0);
}

KM_SYSCALL_DEFINE(accept4, 4)
{
	return do_accept(a1, (void *)a2, (uint32_t *)a3, (int)a4);
}

KM_SYSCALL_DEFINE(connect, 3)
{
	struct sockaddr_in sin;
	long err = 0;
	struct km_lwip_socket *s = get_sock(a1, &err);

	if (!s)
		return err;
	err = addr_in((const void *)a2, (uint32_t)a3, &sin);
	if (!err) {
		sync_nonblock(s);
		err = lw_ret(lwip_connect(s->lwfd, (struct sockaddr *)&sin, sizeof(sin)));
		/* lwIP names the peer's reset; for a connection never made,
		 * Linux calls it refused. */
		if (err == -ECONNRESET)
			err = -ECONNREFUSED;
	}
	km_file_put(&s->file);
	return err;
}

KM_SYSCALL_DEFINE(sendto, 6)
{
	struct sockaddr_in sin;
	long err = 0;
	int lwflags;
	struct km_lwip_socket *s = get_sock(a1, &err);

	if (!s)
		return err;
	err = msg_flags((int)a4, &lwflags);
	if (!err && a5)
		err = addr_in((const void *)a5, (uint32_t)a6, &sin);
	if (!err) {
		sync_nonblock(s);
		if (a5 && s->type == LX_SOCK_DGRAM)
			err = lw_ret(lwip_sendto(s->lwfd, (const void *)a2, (size_t)a3, lwflags,
						 (struct sockaddr *)&sin, sizeof(sin)));
		else /* Linux ignores the address of a connected stream. */
			err = lw_ret(lwip_send(s->lwfd, (const void *)a2, (size_t)a3, lwflags));
	}
	km_file_put(&s->file);
	return err;
}

KM_SYSCALL_DEFINE(recvfrom, 6)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	long err = 0;
	int lwflags;
	struct km_lwip_socket *s = get_sock(a1, &err);

	if (!s)
		return err;
	err = msg_flags((int)a4, &lwflags);
	if (!err) {
		sync_nonblock(s);
		memset(&sin, 0, sizeof(sin));
		if (waitall(s, (int)a4, lwflags))
			err = recv_all(s, (void *)a2, (size_t)a3, lwflags);
		else
			err = lw_ret(lwip_recvfrom(s->lwfd, (void *)a2, (size_t)a3, lwflags,
						   (struct sockaddr *)&sin, &len));
	}
	if (err >= 0 && a5 && sin.sin_family == AF_INET &&
	    addr_out(&sin, (void *)a5, (uint32_t *)a6) < 0)
		err = -EFAULT;
	km_file_put(&s->file);
	return err;
}

/* Linux's msghdr onto lwIP's: the iovec arrays have the same layout. */
static long msg_in(const struct lx_msghdr *lx, int lxflags, struct msghdr *lw,
		   struct sockaddr_in *sin, int *lwflags)
{
	if (!lx)
		return -EFAULT;
	if (lx->iovlen > 1024)
		return -EMSGSIZE;
	if (lx->iovlen && !lx->iov)
		return -EFAULT;
	memset(lw, 0, sizeof(*lw));
	lw->msg_iov = (struct iovec *)lx->iov;
	lw->msg_iovlen = (int)lx->iovlen;
	if (lx->name) {
		lw->msg_name = sin;
		lw->msg_namelen = sizeof(*sin);
	}
	memset(sin, 0, sizeof(*sin));
	return msg_flags(lxflags, lwflags);
}

KM_SYSCALL_DEFINE(sendmsg, 3)
{
	const struct lx_msghdr *lx = (const struct lx_msghdr *)a2;
	struct msghdr lw;
	struct sockaddr_in sin;
	long err = 0;
	int lwflags;
	struct km_lwip_socket *s = get_sock(a1, &err);

	if (!s)
		return err;
	err = msg_in(lx, (int)a3, &lw, &sin, &lwflags);
	if (!err && lx->name && s->type == LX_SOCK_DGRAM)
		err = addr_in(lx->name, lx->namelen, &sin);
	if (!err && s->type == LX_SOCK_STREAM) {
		lw.msg_name = NULL; /* as Linux, for a connected stream */
		lw.msg_namelen = 0;
	}
	if (!err) {
		sync_nonblock(s);
		err = lw_ret(lwip_sendmsg(s->lwfd, &lw, lwflags));
	}
	km_file_put(&s->file);
	return err;
}

KM_SYSCALL_DEFINE(recvmsg, 3)
{
	struct lx_msghdr *lx = (struct lx_msghdr *)a2;
	struct msghdr lw;
	struct sockaddr_in sin;
	long err = 0;
	int lwflags;
	struct km_lwip_socket *s = get_sock(a1, &err);

	if (!s)
		return err;
	err = msg_in(lx, (int)a3, &lw, &sin, &lwflags);
	if (!err) {
		sync_nonblock(s);
		if (waitall(s, (int)a3, lwflags)) {
			err = 0;
			for (size_t i = 0; i < lx->iovlen; i++) {
				long n = recv_all(s, lx->iov[i].base, lx->iov[i].len, lwflags);

				if (n < 0 && !err)
					err = n;
				if (n < 0 || (size_t)n < lx->iov[i].len) {
					err += n > 0 ? n : 0;
					break;
				}
				err += n;
			}
		} else {
			err = lw_ret(lwip_recvmsg(s->lwfd, &lw, lwflags));
		}
	}
	if (err >= 0) {
		lx->flags = (lw.msg_flags & MSG_TRUNC ? LX_MSG_TRUNC : 0);
		lx->controllen = 0; /* no ancillary data */
		if (lx->name && sin.sin_family == AF_INET)
			addr_out(&sin, lx->name, &lx->namelen);
		else if (lx->name)
			lx->namelen = 0;
	}
	km_file_put(&s->file);
	return err;
}

KM_SYSCALL_DEFINE(shutdown, 2)
{
	long err = 0;
	struct km_lwip_socket *s = get_sock(a1, &err);

	if (!s)
		return err;
	err = a2 > 2 ? -EINVAL : lw_ret(lwip_shutdown(s->lwfd, (int)a2));
	km_file_put(&s->file);
	return err;
}

static long name_call(long fd, void *uaddr, uint32_t *ulen, int peer)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	long err = 0;
	struct km_lwip_socket *s = get_sock(fd, &err);

	if (!s)
		return err;
	if (!uaddr || !ulen)
		err = -EFAULT;
	else if (peer)
		err = lw_ret(lwip_getpeername(s->lwfd, (struct sockaddr *)&sin, &len));
	else
		err = lw_ret(lwip_getsockname(s->lwfd, (struct sockaddr *)&sin, &len));
	if (!err)
		err = addr_out(&sin, uaddr, ulen);
	km_file_put(&s->file);
	return err;
}

KM_SYSCALL_DEFINE(getsockname, 3)
{
	return name_call(a1, (void *)a2, (uint32_t *)a3, 0);
}

KM_SYSCALL_DEFINE(getpeername, 3)
{
	return name_call(a1, (void *)a2, (uint32_t *)a3, 1);
}

KM_SYSCALL_DEFINE(setsockopt, 5)
{
	long err = 0;
	struct km_lwip_socket *s = get_sock(a1, &err);

	if (!s)
		return err;
	err = km_lwip_setsockopt(s->lwfd, s->type, (int)a2, (int)a3, (const void *)a4,
				 (uint32_t)a5);
	km_file_put(&s->file);
	return err;
}

KM_SYSCALL_DEFINE(getsockopt, 5)
{
	long err = 0;
	struct km_lwip_socket *s = get_sock(a1, &err);

	if (!s)
		return err;
	err = km_lwip_getsockopt(s->lwfd, s->type, (int)a2, (int)a3, (void *)a4, (uint32_t *)a5);
	km_file_put(&s->file);
	return err;
}
