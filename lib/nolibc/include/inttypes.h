/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * inttypes.h - printf/scanf macros for <stdint.h> types (x86_64, LP64:
 * 64-bit types are long, intptr_t is long) and the intmax_t helpers.
 */
#ifndef _INTTYPES_H
#define _INTTYPES_H

#include <stdint.h>

#define __KM_PRI64  "l"
#define __KM_PRIPTR "l"

#define PRId8  "d"
#define PRId16 "d"
#define PRId32 "d"
#define PRId64 __KM_PRI64 "d"
#define PRIi8  "i"
#define PRIi16 "i"
#define PRIi32 "i"
#define PRIi64 __KM_PRI64 "i"
#define PRIu8  "u"
#define PRIu16 "u"
#define PRIu32 "u"
#define PRIu64 __KM_PRI64 "u"
#define PRIo8  "o"
#define PRIo16 "o"
#define PRIo32 "o"
#define PRIo64 __KM_PRI64 "o"
#define PRIx8  "x"
#define PRIx16 "x"
#define PRIx32 "x"
#define PRIx64 __KM_PRI64 "x"
#define PRIX8  "X"
#define PRIX16 "X"
#define PRIX32 "X"
#define PRIX64 __KM_PRI64 "X"

#define PRIdLEAST8  PRId8
#define PRIdLEAST16 PRId16
#define PRIdLEAST32 PRId32
#define PRIdLEAST64 PRId64
#define PRIuLEAST8  PRIu8
#define PRIuLEAST16 PRIu16
#define PRIuLEAST32 PRIu32
#define PRIuLEAST64 PRIu64
#define PRIxLEAST8  PRIx8
#define PRIxLEAST16 PRIx16
#define PRIxLEAST32 PRIx32
#define PRIxLEAST64 PRIx64

/* gcc's stdint.h makes the fast types 8, 64, 64, 64 bits wide on x86_64. */
#define PRIdFAST8  "d"
#define PRIdFAST16 __KM_PRI64 "d"
#define PRIdFAST32 __KM_PRI64 "d"
#define PRIdFAST64 __KM_PRI64 "d"
#define PRIuFAST8  "u"
#define PRIuFAST16 __KM_PRI64 "u"
#define PRIuFAST32 __KM_PRI64 "u"
#define PRIuFAST64 __KM_PRI64 "u"
#define PRIxFAST8  "x"
#define PRIxFAST16 __KM_PRI64 "x"
#define PRIxFAST32 __KM_PRI64 "x"
#define PRIxFAST64 __KM_PRI64 "x"

#define PRIdMAX __KM_PRI64 "d"
#define PRIiMAX __KM_PRI64 "i"
#define PRIuMAX __KM_PRI64 "u"
#define PRIoMAX __KM_PRI64 "o"
#define PRIxMAX __KM_PRI64 "x"
#define PRIXMAX __KM_PRI64 "X"
#define PRIdPTR __KM_PRIPTR "d"
#define PRIiPTR __KM_PRIPTR "i"
#define PRIuPTR __KM_PRIPTR "u"
#define PRIoPTR __KM_PRIPTR "o"
#define PRIxPTR __KM_PRIPTR "x"
#define PRIXPTR __KM_PRIPTR "X"

#define SCNd8	"hhd"
#define SCNd16	"hd"
#define SCNd32	"d"
#define SCNd64	__KM_PRI64 "d"
#define SCNu8	"hhu"
#define SCNu16	"hu"
#define SCNu32	"u"
#define SCNu64	__KM_PRI64 "u"
#define SCNx8	"hhx"
#define SCNx16	"hx"
#define SCNx32	"x"
#define SCNx64	__KM_PRI64 "x"
#define SCNdMAX __KM_PRI64 "d"
#define SCNuMAX __KM_PRI64 "u"
#define SCNxMAX __KM_PRI64 "x"
#define SCNdPTR __KM_PRIPTR "d"
#define SCNuPTR __KM_PRIPTR "u"
#define SCNxPTR __KM_PRIPTR "x"

typedef struct {
	intmax_t quot;
	intmax_t rem;
} imaxdiv_t;

intmax_t imaxabs(intmax_t j);
imaxdiv_t imaxdiv(intmax_t numer, intmax_t denom);
intmax_t strtoimax(const char *restrict nptr, char **restrict endptr, int base);
uintmax_t strtoumax(const char *restrict nptr, char **restrict endptr, int base);

#endif /* _INTTYPES_H */
