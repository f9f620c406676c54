/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ctype.h - character classes of the "C" locale (ASCII).
 *
 * Contract: arguments are an unsigned char value or EOF, as C requires;
 * any other value (e.g. a negative plain char) is simply "not in the class"
 * rather than undefined behaviour, because there is no table to index.
 */
#ifndef _CTYPE_H
#define _CTYPE_H

#ifdef __cplusplus
extern "C" {
#endif

int isalnum(int c);
int isalpha(int c);
int isblank(int c);
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);
int isascii(int c);
int tolower(int c);
int toupper(int c);

#ifdef __cplusplus
}
#endif

#endif /* _CTYPE_H */
