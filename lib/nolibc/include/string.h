/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * string.h - memory and string functions (C11 plus the POSIX/BSD ones
 * Kumiki code uses).
 *
 * Contract: memcpy/memmove/memset/memcmp never call themselves or each
 * other, so the compiler may emit calls to them anywhere, including inside
 * nolibc. strdup/strndup use malloc(), which the allocator library provides.
 * strerror() never returns NULL: unknown numbers give "Unknown error N".
 * Non-goals: locales (strcoll/strxfrm compare bytes), wide strings.
 */
#ifndef _STRING_H
#define _STRING_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
void *memrchr(const void *s, int c, size_t n);
/* The first @nlen-byte run of @needle in @haystack; empty needle: haystack. */
void *memmem(const void *haystack, size_t hlen, const void *needle, size_t nlen);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int strcoll(const char *a, const char *b);
/* GNU version order: "a9" < "a10", "1.09" < "1.1"; <0, 0 or >0. */
int strverscmp(const char *a, const char *b);
char *strcpy(char *restrict dst, const char *restrict src);
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
char *stpcpy(char *restrict dst, const char *restrict src);
char *strcat(char *restrict dst, const char *restrict src);
char *strncat(char *restrict dst, const char *restrict src, size_t n);
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);
size_t strlcat(char *restrict dst, const char *restrict src, size_t size);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strtok(char *restrict s, const char *restrict delim);
char *strtok_r(char *restrict s, const char *restrict delim, char **restrict saveptr);
char *strsep(char **restrict sp, const char *restrict delim);

char *strdup(const char *s);
char *strndup(const char *s, size_t n);

char *strerror(int errnum);
int strerror_r(int errnum, char *buf, size_t buflen);

#ifdef __cplusplus
}
#endif

#endif /* _STRING_H */
