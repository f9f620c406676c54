/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: km_dns_parse_answer() over any bytes, as the answer to
 * "kumiki.test" (A when the first byte is even, AAAA when odd; the rest is
 * the message, whose own id is taken as the query's so that parsing goes
 * past the header). Besides the sanitizers' checks, the result must keep
 * km/resolv.h's contract: one of the listed codes, and addresses only
 * with 0. Then a query built for a name taken from the input, answered
 * with no records, must parse as -ENODATA: build and parse agree.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/resolv.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct km_dns_result r;
	uint8_t *msg, query[KM_DNS_UDP_MAX];
	char name[KM_DNS_NAME_MAX + 8];
	uint16_t type, id;
	size_t len;
	int rc, qlen;

	if (!size)
		return 0;
	type = data[0] & 1 ? KM_DNS_TYPE_AAAA : KM_DNS_TYPE_A;
	len = size - 1;
	msg = malloc(len ? len : 1); /* exactly the input: ASan sees a read past it */
	memcpy(msg, data + 1, len);
	id = len >= 2 ? (uint16_t)(msg[0] << 8 | msg[1]) : 0;
	rc = km_dns_parse_answer(msg, len, id, "kumiki.test", type, &r);
	free(msg);
	if (rc != 0 && rc != -ENOENT && rc != -ENODATA && rc != -EAGAIN && rc != -EPROTO &&
	    rc != -EBADMSG)
		abort();
	if ((rc == 0) != (r.count > 0) || r.count > KM_DNS_MAX_ADDRS ||
	    r.addr_len != (type == KM_DNS_TYPE_AAAA ? 16u : 4u))
		abort();

	/* round trip: the input's bytes after the first as a name */
	len = size - 1 < sizeof(name) - 1 ? size - 1 : sizeof(name) - 1;
	memcpy(name, data + 1, len);
	name[len] = 0;
	qlen = km_dns_build_query(query, sizeof(query), 0x5a5a, name, type);
	if (qlen == -EINVAL || qlen == 0)
		return 0;
	if (qlen < 0 || qlen > KM_DNS_UDP_MAX)
		abort();
	query[2] |= 0x80; /* the response, with no records */
	if (km_dns_parse_answer(query, (size_t)qlen, 0x5a5a, name, type, &r) != -ENODATA)
		abort();
	return 0;
}
