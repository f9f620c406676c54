/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/essentials.h - compiler helpers every Kumiki source may use.
 *
 * Contract: header-only, no dependency on any libc; safe to include from
 * assembly-free C in every library, platform and host unit test.
 * Non-goals: containers and algorithms (those live in their own headers).
 */
#ifndef KM_ESSENTIALS_H
#define KM_ESSENTIALS_H

#include <stddef.h>
#include <stdint.h>

#define KM_STR_(x)	 #x
#define KM_STR(x)	 KM_STR_(x)
#define KM_CONCAT_(a, b) a##b
#define KM_CONCAT(a, b)	 KM_CONCAT_(a, b)

#define KM_ARRAY_SIZE(a)		   (sizeof(a) / sizeof((a)[0]))
#define KM_ALIGN_UP(v, a)		   (((v) + (a)-1) & ~((__typeof__(v))(a)-1))
#define KM_ALIGN_DOWN(v, a)		   ((v) & ~((__typeof__(v))(a)-1))
#define KM_IS_POW2(v)			   ((v) != 0 && (((v) & ((v)-1)) == 0))
#define KM_MIN(a, b)			   ((a) < (b) ? (a) : (b))
#define KM_MAX(a, b)			   ((a) > (b) ? (a) : (b))
#define KM_CONTAINER_OF(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))

#define km_likely(x)   __builtin_expect(!!(x), 1)
#define km_unlikely(x) __builtin_expect(!!(x), 0)

#define __km_noreturn	       __attribute__((noreturn))
#define __km_used	       __attribute__((used))
#define __km_unused	       __attribute__((unused))
#define __km_weak	       __attribute__((weak))
#define __km_packed	       __attribute__((packed))
#define __km_aligned(n)	       __attribute__((aligned(n)))
#define __km_section(s)	       __attribute__((section(s)))
#define __km_printf(fmt, args) __attribute__((format(printf, fmt, args)))

#define KM_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)

/*
 * Every library is compiled with KM_LIBNAME (e.g. libprint) and KM_LIBCONFIG
 * (its Kconfig symbol without the CONFIG_ prefix, e.g. LIBPRINT, so that the
 * autoconf.h macro does not replace it) defined by the build, so log
 * prefixes and init warnings name their owner without repeating it by hand.
 */
#ifndef KM_LIBNAME
#define KM_LIBNAME unknown
#endif
#ifndef KM_LIBCONFIG
#define KM_LIBCONFIG UNKNOWN
#endif
#define KM_LIBNAME_STR	 KM_STR(KM_LIBNAME)
#define KM_LIBCONFIG_STR "CONFIG_" KM_STR(KM_LIBCONFIG)

#endif /* KM_ESSENTIALS_H */
