/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared pieces of the nolibc host tests: the nolibc functions under
 * their "nl_" names, and a TAP-like reporter.
 *
 * Each test group is one "ok N - description" line; every individual
 * mismatch inside it is printed (up to a limit) with what glibc or the
 * reference produced and what nolibc produced.
 */
#ifndef NOLIBC_HOST_TEST_H
#define NOLIBC_HOST_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* nolibc, renamed by objcopy --prefix-symbols=nl_ */
int nl_snprintf(char *buf, size_t n, const char *fmt, ...);
int nl_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int nl_sprintf(char *buf, const char *fmt, ...);
long nl_strtol(const char *s, char **end, int base);
unsigned long nl_strtoul(const char *s, char **end, int base);
long long nl_strtoll(const char *s, char **end, int base);
unsigned long long nl_strtoull(const char *s, char **end, int base);
intmax_t nl_strtoimax(const char *s, char **end, int base);
uintmax_t nl_strtoumax(const char *s, char **end, int base);
int nl_atoi(const char *s);
long nl_atol(const char *s);
int *nl___km_errno_location(void);
#define nl_errno (*nl___km_errno_location())

void *nl_memcpy(void *d, const void *s, size_t n);
void *nl_memmove(void *d, const void *s, size_t n);
void *nl_memset(void *d, int c, size_t n);
int nl_memcmp(const void *a, const void *b, size_t n);
void *nl_memchr(const void *s, int c, size_t n);
void *nl_memrchr(const void *s, int c, size_t n);
size_t nl_strlen(const char *s);
size_t nl_strnlen(const char *s, size_t n);
int nl_strcmp(const char *a, const char *b);
int nl_strncmp(const char *a, const char *b, size_t n);
char *nl_strcpy(char *d, const char *s);
char *nl_strncpy(char *d, const char *s, size_t n);
char *nl_strcat(char *d, const char *s);
char *nl_strncat(char *d, const char *s, size_t n);
size_t nl_strlcpy(char *d, const char *s, size_t n);
size_t nl_strlcat(char *d, const char *s, size_t n);
char *nl_strchr(const char *s, int c);
char *nl_strrchr(const char *s, int c);
char *nl_strstr(const char *h, const char *n);
size_t nl_strspn(const char *s, const char *a);
size_t nl_strcspn(const char *s, const char *r);
char *nl_strpbrk(const char *s, const char *a);
char *nl_strtok_r(char *s, const char *d, char **save);
char *nl_strsep(char **sp, const char *d);
char *nl_strdup(const char *s);
char *nl_strndup(const char *s, size_t n);
char *nl_strerror(int e);
int nl_strcasecmp(const char *a, const char *b);
int nl_strncasecmp(const char *a, const char *b, size_t n);
void nl_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *nl_bsearch(const void *key, const void *base, size_t n, size_t size,
		 int (*cmp)(const void *, const void *));
extern const int nl_errno_values[];

/* Reporter */
void t_begin(const char *desc);
/* Record one check; on failure print it. Returns ok. */
int t_check(int ok, const char *what, const char *expected, const char *got);
void t_end(void);
/* Compare glibc's and nolibc's snprintf for one format and arguments. */
int t_fmt(const char *fmt, ...);
/* Same for long double / double arguments built by the caller. */
int t_fmt_cmp(const char *fmt, const char *host, int hret, const char *nl, int nret);

void test_format(void);
void test_float(void);
void test_strtol(void);
void test_string(void);
void test_misc(void);
void test_printf_ext(void);
void test_parse(void);
void test_scanf(void);

/* A fixed pseudo-random sequence (splitmix64): runs are repeatable. */
uint64_t t_rand(void);

#endif
