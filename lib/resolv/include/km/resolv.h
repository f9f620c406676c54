/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/resolv.h - DNS messages (RFC 1035) for lib/resolv, the stub resolver
 * behind newlib's getaddrinfo (<netdb.h> has that contract). These two
 * functions are pure: no allocation, no I/O, no global state, so the host
 * tests and the libFuzzer target (tests/fuzz/dns-answer) run them as the
 * image does.
 *
 * Non-goals: TCP fallback for truncated answers, DNSSEC, EDNS, search
 * domains; names are ASCII as sent (no IDN).
 */
#ifndef KM_RESOLV_H
#define KM_RESOLV_H
#include <stddef.h>
#include <stdint.h>

#define KM_DNS_TYPE_A	  1
#define KM_DNS_TYPE_CNAME 5
#define KM_DNS_TYPE_AAAA  28
#define KM_DNS_CLASS_IN	  1

#define KM_DNS_PORT	 53
#define KM_DNS_UDP_MAX	 512 /* the largest message over UDP without EDNS */
#define KM_DNS_NAME_MAX	 253 /* text, without a trailing dot or the NUL */
#define KM_DNS_MAX_ADDRS 16  /* addresses one answer yields at most */

/*
 * Writes a recursive query (RD set) for @name's records of @type
 * (KM_DNS_TYPE_A or _AAAA) with id @id into @buf of @size bytes. @name is
 * dotted text, one trailing dot allowed; labels of 1..63 bytes, at most
 * KM_DNS_NAME_MAX bytes in all. Returns the message length, -EINVAL for a
 * bad name or type, -ENOSPC when @size is too small (KM_DNS_UDP_MAX
 * always suffices).
 */
int km_dns_build_query(uint8_t *buf, size_t size, uint16_t id, const char *name, uint16_t type);

/* What one answer gave: @count addresses of the queried type, each in
 * network byte order in the first @addr_len (4 or 16) bytes of addr[]. */
struct km_dns_result {
	unsigned int count;
	unsigned int addr_len;
	uint8_t addr[KM_DNS_MAX_ADDRS][16];
};

/*
 * Reads @msg (@len bytes, any content) as the answer to the query for
 * @name and @type with id @id. Only records of @type and class IN owned by
 * @name, or by a name @name leads to through CNAME records of the same
 * answer, are taken (at most KM_DNS_MAX_ADDRS, in the order given); other
 * records are skipped. Compression pointers MUST point before the label
 * they replace, so no message makes the reader loop. Every offset is
 * bounds-checked against @len.
 * Returns 0 with @out->count >= 1; on any error @out->count is 0.
 * Errors: -ENOENT, the server says the name does not exist (NXDOMAIN);
 * -ENODATA, it exists without such records; -EAGAIN, a server failure
 * (SERVFAIL: another server MAY know); -EPROTO, any other refusal;
 * -EBADMSG, not the answer to this query (id, question, not a response),
 * or malformed or truncated anywhere it was read.
 */
int km_dns_parse_answer(const uint8_t *msg, size_t len, uint16_t id, const char *name,
			uint16_t type, struct km_dns_result *out);

#endif /* KM_RESOLV_H */
