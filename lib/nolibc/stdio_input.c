/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reading stdin from the platform console.
 *
 * The console read never blocks, so waiting for input is done here: while
 * the platform says -EAGAIN, idle the CPU for about a millisecond and try
 * again. Input is read in blocks into stdin's buffer.
 */
#include <errno.h>
#include <km/plat/console.h>
#include <km/plat/lifecycle.h>
#include "stdio_impl.h"

#define POLL_NS KM_NSEC_PER_MSEC

static int refill(FILE *f)
{
	for (;;) {
		long r = km_plat_console_read(f->buf, f->cap);

		if (r > 0) {
			f->len = (size_t)r;
			f->pos = 0;
			return 0;
		}
		if (r == 0) {
			f->eof = true;
			return EOF;
		}
		if (r != -EAGAIN) {
			f->err = true;
			errno = (int)-r;
			return EOF;
		}
		km_plat_halt_until(km_plat_monotonic_ns() + POLL_NS);
	}
}

int fgetc(FILE *f)
{
	int c;

	if (f->kind != FILE_INPUT) {
		f->err = true;
		errno = EBADF;
		return EOF;
	}
	if (f->unget != EOF) {
		c = f->unget;
		f->unget = EOF;
		return c;
	}
	/* End of input stays reported until clearerr(). */
	if (f->eof)
		return EOF;
	if (f->pos >= f->len && refill(f) == EOF)
		return EOF;
	return (unsigned char)f->buf[f->pos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

char *fgets(char *restrict s, int size, FILE *restrict f)
{
	int i = 0, c;

	if (size <= 0)
		return NULL;
	while (i < size - 1) {
		c = fgetc(f);
		if (c == EOF)
			break;
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0 && size > 1)
		return NULL;
	s[i] = '\0';
	return s;
}

int ungetc(int c, FILE *f)
{
	if (c == EOF || f->kind != FILE_INPUT || f->unget != EOF)
		return EOF;
	f->unget = (unsigned char)c;
	f->eof = false;
	return f->unget;
}
