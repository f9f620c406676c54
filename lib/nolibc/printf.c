/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Formatted output to streams: printf, vprintf, fprintf, vfprintf,
 * dprintf, vdprintf, and perror.
 *
 * The engine hands over output in many small runs; they are gathered in a
 * small stack buffer first so that even unbuffered stderr gets a few large
 * console writes per call instead of one per run.
 */
#include <errno.h>
#include <string.h>
#include "format_impl.h"
#include "stdio_impl.h"

struct stage {
	FILE *f;
	size_t len;
	char buf[256];
};

static void stage_sink(void *ctx, const char *s, size_t n)
{
	struct stage *st = ctx;

	while (n > 0) {
		size_t k = sizeof(st->buf) - st->len;

		if (k > n)
			k = n;
		memcpy(st->buf + st->len, s, k);
		st->len += k;
		s += k;
		n -= k;
		if (st->len == sizeof(st->buf)) {
			nolibc_file_write(st->f, st->buf, st->len);
			st->len = 0;
		}
	}
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct stage st;
	bool had_err = f->err;
	int ret;

	st.f = f;
	st.len = 0;
	f->err = false;
	ret = nolibc_vformat(stage_sink, &st, fmt, ap);
	nolibc_file_write(f, st.buf, st.len);
	if (f->err)
		ret = -1;
	f->err = f->err || had_err;
	return ret;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vfprintf(f, fmt, ap);
	va_end(ap);
	return ret;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return ret;
}

/* Only the console descriptors exist; fd output is never left buffered. */
int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	FILE *f = fd == 1 ? stdout : fd == 2 ? stderr : NULL;
	int ret;

	if (!f) {
		errno = EBADF;
		return -1;
	}
	ret = vfprintf(f, fmt, ap);
	fflush(f);
	return ret;
}

int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vdprintf(fd, fmt, ap);
	va_end(ap);
	return ret;
}

void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}
