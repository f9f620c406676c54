/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's compiler and platform header for Kumiki. lwIP's own objects are
 * built against the C library's headers and nothing of Kumiki's, so this
 * names the few Kumiki functions it calls itself (defined in sys_arch.c).
 */
#ifndef KM_LWIP_ARCH_CC_H
#define KM_LWIP_ARCH_CC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

/* errno is the C library's, per thread: lwIP's socket calls set it. */
#define LWIP_ERRNO_STDINCLUDE 1
/* The C library's struct timeval, the Linux x86_64 one (two longs) in
 * every C library here: newlib's <sys/types.h> defines it too, so lwIP's
 * own copy would clash. */
#define LWIP_TIMEVAL_PRIVATE 0

#ifndef BYTE_ORDER /* a host C library's <endian.h> (the fuzz build) has it */
#define BYTE_ORDER LITTLE_ENDIAN
#endif

#define LWIP_RAND() ((u32_t)km_lwip_rand())

void km_lwip_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void km_lwip_assert(const char *msg, const char *file, int line) __attribute__((noreturn));
unsigned int km_lwip_rand(void);
/* A TCP initial sequence number: a 4 us clock plus a random offset. */
unsigned int km_lwip_tcp_isn(void);

#define LWIP_PLATFORM_DIAG(x)                                                                      \
	do {                                                                                       \
		km_lwip_diag x;                                                                    \
	} while (0)
#define LWIP_PLATFORM_ASSERT(x) km_lwip_assert((x), __FILE__, __LINE__)

#endif /* KM_LWIP_ARCH_CC_H */
