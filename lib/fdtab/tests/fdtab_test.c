/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/fdtab: the console fds and a kind plugged in from outside. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <km/fdtab.h>
#include <km/plat/console.h>
#include <km/syscall.h>
#include <km/test.h>
#include <km/time.h>

struct iov_ {
	const void *base;
	size_t len;
};

KM_TEST(fdtab, console_write_and_writev)
{
	static const char a[] = "# fdtab: write ", b[] = "and writev\n";
	struct iov_ v[3] = { { a, sizeof(a) - 1 }, { NULL, 0 }, { b, sizeof(b) - 1 } };

	KM_EXPECT_EQ(km_syscall3(KM_SYS_write, 1, "# fdtab: write\n", 15), 15);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_write, 2, "# fdtab: stderr\n", 16), 16);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_writev, 1, v, 3), (long)(sizeof(a) + sizeof(b) - 2));
	KM_EXPECT_EQ(km_syscall3(KM_SYS_write, 1, "", 0), 0);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_write, 1, NULL, 5), -EFAULT);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_write, 99, "x", 1), -EBADF);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_write, -1, "x", 1), -EBADF);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_write, 1 << 30, "x", 1), -EBADF);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_writev, 1, v, -1), -EINVAL);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_writev, 1, v, 1025), -EINVAL);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_writev, 77, v, 1), -EBADF);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_pwrite64, 1, "x", 1, 0), -ESPIPE);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_lseek, 1, 0, 0), -ESPIPE);
}

KM_TEST(fdtab, console_terminal_or_pipe)
{
	struct km_stat st;
	unsigned char termios[60];
	unsigned short ws[4] = { 0 };

	KM_ASSERT_EQ(km_syscall2(KM_SYS_fstat, 1, &st), 0);
	if (!km_plat_console_is_terminal()) {
		/* linuxu's output redirected: a pipe, no terminal ioctl. */
		KM_EXPECT_EQ(st.st_mode & 0170000, 0010000u); /* S_IFIFO */
		KM_EXPECT_EQ(km_syscall3(KM_SYS_ioctl, 0, 0x5401, termios), -ENOTTY);
		KM_EXPECT_EQ(km_syscall3(KM_SYS_ioctl, 1, 0x5413, ws), -ENOTTY);
		KM_EXPECT_EQ(km_syscall3(KM_SYS_ioctl, 66, 0x5401, termios), -EBADF);
		return;
	}
	KM_EXPECT_EQ(st.st_mode & 0170000, 0020000u); /* S_IFCHR */
	KM_EXPECT_EQ(km_syscall2(KM_SYS_fstat, 0, NULL), -EFAULT);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_fstat, 55, &st), -EBADF);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_ioctl, 0, 0x5401, termios), 0); /* TCGETS */
	KM_EXPECT_EQ(km_syscall3(KM_SYS_ioctl, 1, 0x5402, termios), 0); /* TCSETS */
	KM_EXPECT_EQ(km_syscall3(KM_SYS_ioctl, 1, 0x5413, ws), 0);	/* TIOCGWINSZ */
	KM_EXPECT_EQ(ws[0], 24);
	KM_EXPECT_EQ(ws[1], 80);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_ioctl, 1, 0x1234, ws), -ENOTTY);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_ioctl, 1, 0x5401, NULL), -EFAULT);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_ioctl, 66, 0x5401, termios), -EBADF);
}

KM_TEST(fdtab, dup_fcntl_close)
{
	long fd = km_syscall1(KM_SYS_dup, 1);
	int one = 1, zero = 0;

	KM_ASSERT_EQ(fd, 3);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_write, fd, "# fdtab: dup\n", 13), 13);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_fcntl, fd, 1, 0), 0);	     /* F_GETFD */
	KM_EXPECT_EQ(km_syscall3(KM_SYS_dup3, 1, 10, 02000000), 10); /* O_CLOEXEC */
	KM_EXPECT_EQ(km_syscall3(KM_SYS_fcntl, 10, 1, 0), 1);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_fcntl, 10, 2, 0), 0); /* F_SETFD */
	KM_EXPECT_EQ(km_syscall3(KM_SYS_fcntl, 10, 1, 0), 0);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_fcntl, 1, 0, 10), 11);	/* F_DUPFD */
	KM_EXPECT_EQ(km_syscall3(KM_SYS_fcntl, 1, 1030, 4), 4); /* F_DUPFD_CLOEXEC */
	KM_EXPECT_EQ(km_syscall3(KM_SYS_fcntl, 4, 1, 0), 1);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_dup3, 1, 1, 0), -EINVAL);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_dup3, 1, 5, 1), -EINVAL);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_dup2, 1, 1), 1);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_dup2, 9, 9), -EBADF);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_dup2, 1, -1), -EBADF);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_fcntl, 1, 3, 0), 2);	      /* F_GETFL: O_RDWR */
	KM_EXPECT_EQ(km_syscall3(KM_SYS_fcntl, 1, 4, 04000 | 1), 0);  /* F_SETFL */
	KM_EXPECT_EQ(km_syscall3(KM_SYS_fcntl, 0, 3, 0), 04002);      /* shared file */
	KM_EXPECT_EQ(km_syscall3(KM_SYS_ioctl, 0, 0x5421, &zero), 0); /* FIONBIO */
	KM_EXPECT_EQ(km_syscall3(KM_SYS_fcntl, 0, 3, 0), 2);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_ioctl, 0, 0x5421, &one), 0);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_fcntl, 0, 3, 0), 04002);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_fcntl, 1, 4, 0), 0);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_fcntl, 1, 99, 0), -EINVAL);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_fcntl, 99, 1, 0), -EBADF);
	for (long f = 3; f <= 11; f++)
		km_syscall1(KM_SYS_close, f);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_close, 10), -EBADF);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_close, -1), -EBADF);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_write, 10, "x", 1), -EBADF);
}

KM_TEST(fdtab, poll)
{
	struct {
		int fd;
		short events, revents;
	} p[3] = { { 1, 4, -1 }, { 99, 1, -1 }, { -1, 1, -1 } };
	struct {
		long sec, nsec;
	} ts = { 0, 30000000 };
	km_nsec_t t0;

	KM_EXPECT_EQ(km_syscall3(KM_SYS_poll, p, 3, 0), 2);
	KM_EXPECT_EQ(p[0].revents, 4);	  /* POLLOUT */
	KM_EXPECT_EQ(p[1].revents, 0x20); /* POLLNVAL */
	KM_EXPECT_EQ(p[2].revents, 0);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_poll, p, 1 << 20, 0), -EINVAL);
	/* Nothing to wait for: the timeout passes. */
	t0 = km_time_monotonic_ns();
	KM_EXPECT_EQ(km_syscall3(KM_SYS_poll, NULL, 0, 30), 0);
	KM_EXPECT_EQ(km_syscall6(KM_SYS_ppoll, NULL, 0, &ts, NULL, 8, 0), 0);
	KM_EXPECT_GE(km_time_monotonic_ns() - t0, 60 * KM_NSEC_PER_MSEC);
	ts.nsec = -1;
	KM_EXPECT_EQ(km_syscall6(KM_SYS_ppoll, NULL, 0, &ts, NULL, 8, 0), -EINVAL);
}

/* A kind of file from outside the library, as VFS files and pipes will be. */
static int closes;
static long short_read(struct km_file *f, void *buf, size_t len, int64_t *off)
{
	(void)f;
	(void)off;
	memset(buf, 'r', KM_MIN(len, (size_t)3));
	return (long)KM_MIN(len, (size_t)3);
}
static void count_close(struct km_file *f)
{
	(void)f;
	closes++;
}
static const struct km_file_ops test_ops = { .kind = "test",
					     .read = short_read,
					     .close = count_close };

KM_TEST(fdtab, a_new_kind_plugs_in)
{
	struct km_file f = { .ops = &test_ops, .flags = 0 /* O_RDONLY */ };
	char a[8] = { 0 }, b[8] = { 0 };
	struct iov_ v[2] = { { a, 5 }, { b, 5 } };
	long fd = km_fd_install(&f, 0, 0), fd2;

	KM_ASSERT_TRUE(fd >= 3);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_read, fd, a, 8), 3);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_readv, fd, v, 2), 3); /* stops at the short read */
	KM_EXPECT_EQ(b[0], 0);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_write, fd, "x", 1), -EBADF); /* read-only */
	KM_EXPECT_EQ(km_syscall4(KM_SYS_pread64, fd, a, 1, 0), -ESPIPE);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_ioctl, fd, 0x5401, a), -ENOTTY);
	fd2 = km_syscall1(KM_SYS_dup, fd);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_close, fd), 0);
	KM_EXPECT_EQ(closes, 0);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_close, fd2), 0);
	KM_EXPECT_EQ(closes, 1);
	KM_EXPECT_EQ(km_fd_install(&f, -1, 0), -EINVAL);
}

KM_TEST(fdtab, table_full_is_emfile)
{
	long first = km_syscall1(KM_SYS_dup, 1), fd = first, last = first;

	KM_ASSERT_TRUE(first > 0);
	while (fd >= 0)
		if ((fd = km_syscall1(KM_SYS_dup, 1)) >= 0)
			last = fd;
	KM_EXPECT_EQ(fd, -EMFILE);
	KM_EXPECT_EQ(last, CONFIG_LIBFDTAB_MAX - 1);
	for (fd = first; fd <= last; fd++)
		KM_EXPECT_EQ(km_syscall1(KM_SYS_close, fd), 0);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_dup, 1), first);
	km_syscall1(KM_SYS_close, first);
}

static void wake_from_timer(struct km_timer *t, void *arg)
{
	(void)t;
	km_file_event(arg);
}

/* A waiter sleeps until a wake (here from interrupt context), not until
 * its deadline; without one it returns at the deadline, never before. */
KM_TEST(fdtab, file_wait_ends_at_a_wake_or_the_deadline)
{
	static struct km_file f;
	struct km_timer timer;
	unsigned long seen = km_file_wakes();
	km_nsec_t start = km_time_monotonic_ns();

	KM_EXPECT_EQ(km_file_wait(seen, start + 30 * KM_NSEC_PER_MSEC), -ETIMEDOUT);
	KM_EXPECT_GE(km_time_monotonic_ns(), start + 30 * KM_NSEC_PER_MSEC);
	KM_EXPECT_EQ(km_file_wait(seen, 0), -ETIMEDOUT); /* a deadline passed: no wait */
	km_timer_init(&timer, wake_from_timer, &f);
	seen = km_file_wakes();
	start = km_time_monotonic_ns();
	km_timer_start(&timer, start + 20 * KM_NSEC_PER_MSEC);
	KM_EXPECT_EQ(km_file_wait(seen, start + 5 * KM_NSEC_PER_SEC), 0);
	KM_EXPECT_LT(km_time_monotonic_ns() - start, 2 * KM_NSEC_PER_SEC);
	KM_EXPECT_EQ(f.events, 1u);
	KM_EXPECT_NE(km_file_wakes(), seen);
	/* A wake that came before the wait is not lost. */
	seen = km_file_wakes();
	km_file_wake();
	KM_EXPECT_EQ(km_file_wait(seen, UINT64_MAX), 0);
	km_timer_stop(&timer);
}
