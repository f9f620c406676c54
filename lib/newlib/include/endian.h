/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * endian.h - byte order names and conversions, as musl and glibc give them
 * (POSIX.1-2024's <endian.h>), on newlib's <machine/endian.h>, which has
 * only the underscored names. Programs that see __linux__ (the compiler
 * says so for every Kumiki image) include it unconditionally (duktape).
 * Each conversion takes and returns an unsigned integer of its width.
 */
#ifndef KM_NEWLIB_ENDIAN_H
#define KM_NEWLIB_ENDIAN_H

#include <stdint.h>
#include <machine/endian.h>

#define __LITTLE_ENDIAN _LITTLE_ENDIAN
#define __BIG_ENDIAN	_BIG_ENDIAN
#define __PDP_ENDIAN	_PDP_ENDIAN
#define __BYTE_ORDER	_BYTE_ORDER
#ifndef LITTLE_ENDIAN
#define LITTLE_ENDIAN _LITTLE_ENDIAN
#define BIG_ENDIAN    _BIG_ENDIAN
#define PDP_ENDIAN    _PDP_ENDIAN
#define BYTE_ORDER    _BYTE_ORDER
#endif

#if _BYTE_ORDER == _LITTLE_ENDIAN
#define htobe16(x) __builtin_bswap16((uint16_t)(x))
#define htobe32(x) __builtin_bswap32((uint32_t)(x))
#define htobe64(x) __builtin_bswap64((uint64_t)(x))
#define htole16(x) ((uint16_t)(x))
#define htole32(x) ((uint32_t)(x))
#define htole64(x) ((uint64_t)(x))
#else
#define htobe16(x) ((uint16_t)(x))
#define htobe32(x) ((uint32_t)(x))
#define htobe64(x) ((uint64_t)(x))
#define htole16(x) __builtin_bswap16((uint16_t)(x))
#define htole32(x) __builtin_bswap32((uint32_t)(x))
#define htole64(x) __builtin_bswap64((uint64_t)(x))
#endif
#define be16toh(x) htobe16(x)
#define be32toh(x) htobe32(x)
#define be64toh(x) htobe64(x)
#define le16toh(x) htole16(x)
#define le32toh(x) htole32(x)
#define le64toh(x) htole64(x)

#endif
