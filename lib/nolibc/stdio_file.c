/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The three console streams and unformatted output.
 *
 * stdout collects a line before writing it: a platform console write can
 * be a system call (linuxu) or a slow serial loop (kvm), so one write per
 * line rather than per character is what makes printf usable. stderr is
 * unbuffered so a message just before a crash is never lost, and it
 * flushes stdout first because both end up on the same console.
 */
#include <errno.h>
#include <string.h>
#include <km/plat/console.h>
#include "stdio_impl.h"

static char stdout_buf[BUFSIZ];
static char stdin_buf[128];

static struct __km_file files[3] = {
	{ .fd = 0, .kind = FILE_INPUT, .buf = stdin_buf, .cap = sizeof(stdin_buf), .unget = EOF },
	{ .fd = 1,
	  .kind = FILE_LINEBUF,
	  .buf = stdout_buf,
	  .cap = sizeof(stdout_buf),
	  .unget = EOF },
	{ .fd = 2, .kind = FILE_UNBUF, .unget = EOF },
};

FILE *const stdin = &files[0];
FILE *const stdout = &files[1];
FILE *const stderr = &files[2];

static int console_write(FILE *f, const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (km_plat_console_write(s, n) < 0) {
		f->err = true;
		return EOF;
	}
	return 0;
}

static int flush_out(FILE *f)
{
	size_t len = f->len;

	if (f->kind != FILE_LINEBUF)
		return 0;
	f->len = 0;
	return console_write(f, f->buf, len);
}

int nolibc_file_write(FILE *f, const char *s, size_t n)
{
	switch (f->kind) {
	case FILE_UNBUF:
		flush_out(stdout);
		return console_write(f, s, n);
	case FILE_LINEBUF:
		if (f->len + n > f->cap && flush_out(f) == EOF)
			return EOF;
		if (n >= f->cap)
			return console_write(f, s, n);
		memcpy(f->buf + f->len, s, n);
		f->len += n;
		if (memchr(s, '\n', n))
			return flush_out(f);
		return 0;
	default:
		f->err = true;
		errno = EBADF;
		return EOF;
	}
}

int fflush(FILE *f)
{
	if (!f)
		return flush_out(stdout);
	return flush_out(f);
}

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	return nolibc_file_write(f, &ch, 1) == EOF ? EOF : (unsigned char)ch;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *restrict s, FILE *restrict f)
{
	return nolibc_file_write(f, s, strlen(s)) == EOF ? EOF : 0;
}

int puts(const char *s)
{
	if (fputs(s, stdout) == EOF)
		return EOF;
	return fputc('\n', stdout) == EOF ? EOF : 0;
}

size_t fwrite(const void *restrict ptr, size_t size, size_t nmemb, FILE *restrict f)
{
	if (size == 0 || nmemb == 0)
		return 0;
	if (nolibc_file_write(f, ptr, size * nmemb) == EOF)
		return 0;
	return nmemb;
}

int ferror(FILE *f)
{
	return f->err;
}

int feof(FILE *f)
{
	return f->eof;
}

void clearerr(FILE *f)
{
	f->err = false;
	f->eof = false;
}

int fileno(FILE *f)
{
	return f->fd;
}
