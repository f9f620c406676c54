/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arpa/inet.h - address text conversions for newlib (lib/newlib/inet.c),
 * as inet(3) and inet_pton(3) on Linux:
 * - inet_pton: AF_INET dotted quads only ("1.2.3.4", each 0-255, no
 *   leading zeros beyond one digit), AF_INET6 RFC 4291 text (with "::" and
 *   a dotted IPv4 tail); 1 and the network-order address in @dst, 0 for
 *   text that is not one, -1 and EAFNOSUPPORT for another family.
 * - inet_ntop: @src as text into @dst of @size bytes (IPv6 with the
 *   longest run of zero groups as "::"); @dst, or NULL with ENOSPC when it
 *   does not fit, EAFNOSUPPORT for another family.
 * - inet_aton: the classic forms ("a", "a.b", "a.b.c", "a.b.c.d", each
 *   decimal, 0x hex or 0 octal); 1, or 0 for anything else.
 * - inet_addr: inet_aton's address, or INADDR_NONE.
 * - inet_ntoa: a dotted quad in a per-thread static buffer.
 */
#ifndef KM_NEWLIB_ARPA_INET_H
#define KM_NEWLIB_ARPA_INET_H
#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

int inet_pton(int af, const char *src, void *dst);
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);
int inet_aton(const char *cp, struct in_addr *inp);
in_addr_t inet_addr(const char *cp);
char *inet_ntoa(struct in_addr in);

#ifdef __cplusplus
}
#endif
#endif
