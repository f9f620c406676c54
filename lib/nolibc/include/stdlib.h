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
 * - rand() is a fast LCG, not suitable for anything secret.
 * Non-goals: floating-point parsing (strtod), multibyte conversions,
 * system(), the environ-changing calls.
 */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EXIT_SUCCESS	0
#define EXIT_FAILURE	1
#define RAND_MAX	0x7fffffff
#define MB_CUR_MAX	((size_t)4)	/* UTF-8, see <limits.h> */
#define ATEXIT_MAX	32

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
unsigned long strtoul(const char *restrict nptr, char **restrict endptr,
		      int base);
long long strtoll(const char *restrict nptr, char **restrict endptr,
		  int base);
unsigned long long strtoull(const char *restrict nptr,
			    char **restrict endptr, int base);

int abs(int j);
long labs(long j);
long long llabs(long long j);
div_t div(int numer, int denom);
ldiv_t ldiv(long numer, long denom);
lldiv_t lldiv(long long numer, long long denom);

void qsort(void *base, size_t nmemb, size_t size,
	   int (*compar)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *));

int rand(void);
int rand_r(unsigned int *seed);
void srand(unsigned int seed);

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
