/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * stdlib.h - conversions, sorting, process end, and the allocator's
 * declarations.
 *
 * Contract:
 * - The malloc family is only declared here: an allocator library
 *   implements it. nolibc itself calls malloc only from strdup/strndup.
 * - exit() runs atexit handlers (at least ATEXIT_MAX = 32) in reverse
 *   order, flushes stdout, then ends the image with the status through the
 *   platform. abort() ends it with KM_EXIT_CRASH.
 * - getenv() returns NULL: there is no environment yet.
 * - rand() is a fast LCG, not suitable for anything secret. random() is
 *   another generator (not glibc's sequence); initstate() needs a state
 *   buffer of at least 8 bytes (else NULL, errno EINVAL) and setstate()
 *   switches between such buffers. Neither is for secrets.
 * - strtod/strtof/strtold/atof read decimal, 0x hexadecimal (p exponent),
 *   inf/infinity and nan/nan(chars), case-insensitive, after optional
 *   space and sign, and round correctly to nearest-even (strtold: exact
 *   for inputs of up to 800 significant digits). Overflow gives +-infinity
 *   and errno ERANGE; a result that underflows (subnormal and inexact, or
 *   zero from a nonzero input) also sets ERANGE. Nothing converted: 0 and
 *   *end = the input. strtold uses about 5 KiB of stack, strtod 1 KiB.
 * Non-goals: multibyte conversions (mbtowc etc.),
 * system(), the environ-changing calls.
 */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX     0x7fffffff
#define MB_CUR_MAX   ((size_t)4) /* UTF-8, see <limits.h> */
#define ATEXIT_MAX   32

typedef struct {
	int quot;
	int rem;
} div_t;
typedef struct {
	long quot;
	long rem;
} ldiv_t;
typedef struct {
	long long quot;
	long long rem;
} lldiv_t;

int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
long strtol(const char *restrict nptr, char **restrict endptr, int base);
unsigned long strtoul(const char *restrict nptr, char **restrict endptr, int base);
long long strtoll(const char *restrict nptr, char **restrict endptr, int base);
double strtod(const char *restrict nptr, char **restrict endptr);
float strtof(const char *restrict nptr, char **restrict endptr);
long double strtold(const char *restrict nptr, char **restrict endptr);
double atof(const char *s);
unsigned long long strtoull(const char *restrict nptr, char **restrict endptr, int base);

int abs(int j);
long labs(long j);
long long llabs(long long j);
div_t div(int numer, int denom);
ldiv_t ldiv(long numer, long denom);
lldiv_t lldiv(long long numer, long long denom);

void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *));

int rand(void);
int rand_r(unsigned int *seed);
void srand(unsigned int seed);
long random(void);
void srandom(unsigned int seed);
char *initstate(unsigned int seed, char *state, size_t size);
char *setstate(char *state);

char *getenv(const char *name);

int atexit(void (*func)(void));
void exit(int status) __attribute__((noreturn));
void _Exit(int status) __attribute__((noreturn));
void abort(void) __attribute__((noreturn));

/* Implemented by the allocator library, not by nolibc. */
void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
int posix_memalign(void **memptr, size_t alignment, size_t size);
void *aligned_alloc(size_t alignment, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* _STDLIB_H */
