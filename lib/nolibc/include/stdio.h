/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * stdio.h - console streams and formatted output.
 *
 * Contract:
 * - stdout and stderr both write to the platform console. stdout is line
 *   buffered (flushed at '\n', when full, by fflush and by exit());
 *   stderr is unbuffered and flushes stdout first so the two stay in order.
 * - stdin reads the platform console; reads wait (idling the CPU) while
 *   nothing is available and return EOF at end of input.
 * - The printf family implements C11's conversions plus POSIX's: "%n$"
 *   positional arguments and "*m$" widths/precisions (n, m in
 *   1..NL_ARGMAX = 64), the ' flag (groups nothing: nolibc's one locale
 *   has no thousands separator), %C and %S. Floating-point output is exact
 *   and rounds like glibc (to nearest, ties to even on the exact value).
 * - %lc and %ls write UTF-8 (nolibc's multibyte encoding); width and
 *   precision count bytes and precision never cuts a character. A wide
 *   character that is no Unicode scalar value (a surrogate, or above
 *   U+10FFFF) fails the call: -1, errno EILSEQ.
 * - A format that numbers some arguments but not all, or numbers one
 *   outside 1..NL_ARGMAX, fails before any output: -1, errno EINVAL
 *   (glibc instead guesses). An argument no spec uses is taken as an int.
 * - snprintf/vsnprintf follow C11: they return the length the full output
 *   would have, write at most n-1 characters plus a NUL, nothing if n == 0.
 * - Output longer than INT_MAX fails with -1 and errno EOVERFLOW.
 * - sscanf/vsscanf read a string: every C11 conversion (d i u o x X a e
 *   f g s c [ n p %, the capital forms), widths, '*', lengths hh h l ll j
 *   z t L q, and POSIX "%n$" (numbered and unnumbered must not mix: EOF,
 *   errno EINVAL, nothing stored). They return the number of assignments,
 *   or EOF when the input ends before the first one. Like glibc: "0x"
 *   alone reads as 0 for %x/%i, a dangling exponent ("1e") is consumed,
 *   integers out of range saturate like strtol then narrow. %lc/%ls/%l[
 *   decode UTF-8 (invalid: the conversion fails, errno EILSEQ); a %l[ set
 *   tests a character by its first byte. A floating-point field longer
 *   than 1023 characters is parsed without its width limit.
 * Non-goals: files (fopen etc. belong to a VFS-backed libc), the FILE
 * scanf family (scanf, fscanf),
 * locales, thread safety (there is one console and, for now, one thread).
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>

/* POSIX: <stdio.h> defines these too (the same types as <sys/types.h>). */
#ifndef __km_ssize_off_defined
#define __km_ssize_off_defined
typedef long ssize_t;
typedef int64_t off_t;
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define EOF    (-1)
#define BUFSIZ 1024

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

/* Opaque: the layout is private to nolibc. */
typedef struct __km_file FILE;

extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;
#define stdin  stdin
#define stdout stdout
#define stderr stderr

int printf(const char *restrict fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *restrict fmt, va_list ap) __attribute__((format(printf, 1, 0)));
int fprintf(FILE *restrict f, const char *restrict fmt, ...) __attribute__((format(printf, 2, 3)));
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
int dprintf(int fd, const char *restrict fmt, ...) __attribute__((format(printf, 2, 3)));
int vdprintf(int fd, const char *restrict fmt, va_list ap) __attribute__((format(printf, 2, 0)));
int sprintf(char *restrict buf, const char *restrict fmt, ...)
	__attribute__((format(printf, 2, 3)));
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
int snprintf(char *restrict buf, size_t n, const char *restrict fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vsnprintf(char *restrict buf, size_t n, const char *restrict fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

int sscanf(const char *restrict str, const char *restrict fmt, ...)
	__attribute__((format(scanf, 2, 3)));
int vsscanf(const char *restrict str, const char *restrict fmt, va_list ap)
	__attribute__((format(scanf, 2, 0)));

int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);
size_t fwrite(const void *restrict ptr, size_t size, size_t nmemb, FILE *restrict f);
int fflush(FILE *f);
void perror(const char *s);

int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
char *fgets(char *restrict s, int size, FILE *restrict f);
int ungetc(int c, FILE *f);

int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fileno(FILE *f);

#ifdef __cplusplus
}
#endif

#endif /* _STDIO_H */
