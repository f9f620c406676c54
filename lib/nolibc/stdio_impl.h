/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * stdio_impl.h - nolibc-internal layout of FILE. There are exactly three
 * streams, all on the platform console; see stdio.h for their contract.
 */
#ifndef NOLIBC_STDIO_IMPL_H
#define NOLIBC_STDIO_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum file_kind {
	FILE_INPUT,   /* stdin: buffered console reads */
	FILE_LINEBUF, /* stdout: flushed at '\n' */
	FILE_UNBUF,   /* stderr: written through at once */
};

struct __km_file {
	int fd;
	enum file_kind kind;
	bool err;
	bool eof;
	char *buf;
	size_t cap;
	size_t len; /* output: bytes waiting; input: bytes read in */
	size_t pos; /* input: next byte to hand out */
	int unget;  /* input: pushed-back char or EOF */
};

/* Append to an output stream. Returns 0, or EOF with the error flag set. */
int nolibc_file_write(FILE *f, const char *s, size_t n);

#endif /* NOLIBC_STDIO_IMPL_H */
