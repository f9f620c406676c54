/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host tests of lib/resolv: queries as RFC 1035 lays them out, answers
 * (compression, CNAME chains, every rcode, foreign and malformed ones,
 * every truncation of a good answer), and the resolv.conf and hosts
 * readers. Prints one line per failure; exits 1 if any.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "resolv_impl.h"

static int failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                     \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static void test_query(void)
{
	static const uint8_t want[] = { 0x12, 0x34, 1,	 0,   0,   1,	0,  0,	 0,   0,
					0,    0,    3,	 'w', 'w', 'w', 7,  'e', 'x', 'a',
					'm',  'p',  'l', 'e', 0,   0,	28, 0,	 1 };
	uint8_t buf[KM_DNS_UDP_MAX];
	char longname[300];

	CHECK(km_dns_build_query(buf, sizeof(buf), 0x1234, "www.example.", KM_DNS_TYPE_AAAA) ==
	      (int)sizeof(want));
	CHECK(!memcmp(buf, want, sizeof(want)));
	CHECK(km_dns_build_query(buf, sizeof(buf), 1, "www.example", KM_DNS_TYPE_AAAA) ==
	      (int)sizeof(want));
	CHECK(km_dns_build_query(buf, sizeof(want) - 1, 1, "www.example", KM_DNS_TYPE_A) ==
	      -ENOSPC);
	CHECK(km_dns_build_query(buf, sizeof(buf), 1, "", KM_DNS_TYPE_A) == -EINVAL);
	CHECK(km_dns_build_query(buf, sizeof(buf), 1, ".", KM_DNS_TYPE_A) == -EINVAL);
	CHECK(km_dns_build_query(buf, sizeof(buf), 1, "a..b", KM_DNS_TYPE_A) == -EINVAL);
	CHECK(km_dns_build_query(buf, sizeof(buf), 1, ".a", KM_DNS_TYPE_A) == -EINVAL);
	CHECK(km_dns_build_query(buf, sizeof(buf), 1, "a..", KM_DNS_TYPE_A) == -EINVAL);
	CHECK(km_dns_build_query(buf, sizeof(buf), 1, "a", KM_DNS_TYPE_CNAME) == -EINVAL);
	memset(longname, 'a', 64);
	longname[64] = 0; /* a 64-byte label */
	CHECK(km_dns_build_query(buf, sizeof(buf), 1, longname, KM_DNS_TYPE_A) == -EINVAL);
	for (int i = 0; i < 254; i++)
		longname[i] = i % 2 ? '.' : 'a';
	longname[253] = 0; /* 253 bytes: the longest name */
	CHECK(km_dns_build_query(buf, sizeof(buf), 1, longname, KM_DNS_TYPE_A) > 0);
	longname[253] = 'a';
	longname[254] = 0;
	CHECK(km_dns_build_query(buf, sizeof(buf), 1, longname, KM_DNS_TYPE_A) == -EINVAL);
}

/* An answer to "host.test" A, id 0x4242: a CNAME to alias.test (written
 * with a pointer to "test"), then two A records for alias.test (the owner
 * a pointer to the CNAME's target), an A record for another name, and an
 * AAAA for alias.test (skipped). */
static const uint8_t answer[] = {
	0x42, 0x42, 0x81, 0x80, 0, 1, 0, 5, 0, 0, 0, 0,
	/* 12: question */
	4, 'h', 'o', 's', 't', 4, 't', 'e', 's', 't', 0, 0, 1, 0, 1,
	/* 27: host.test CNAME alias.test */
	0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 8, 5, 'a', 'l', 'i', 'a', 's', 0xc0, 17,
	/* 47: alias.test A 10.0.0.1 */
	0xc0, 39, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 0, 0, 1,
	/* 63: ALIAS.TEST A 10.0.0.2 (a case difference is the same name) */
	5, 'A', 'L', 'I', 'A', 'S', 4, 'T', 'E', 'S', 'T', 0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 0,
	0, 2,
	/* 89: other.test A 10.9.9.9 (not in the chain) */
	5, 'o', 't', 'h', 'e', 'r', 0xc0, 17, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 9, 9, 9,
	/* 111: alias.test AAAA (another type) */
	0xc0, 39, 0, 28, 0, 1, 0, 0, 0, 60, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
};

static void test_answer(void)
{
	struct km_dns_result r;
	uint8_t m[sizeof(answer)];

	CHECK(km_dns_parse_answer(answer, sizeof(answer), 0x4242, "host.test", KM_DNS_TYPE_A, &r) ==
	      0);
	CHECK(r.count == 2 && r.addr_len == 4);
	CHECK(!memcmp(r.addr[0], "\x0a\0\0\x01", 4) && !memcmp(r.addr[1], "\x0a\0\0\x02", 4));
	CHECK(km_dns_parse_answer(answer, sizeof(answer), 0x4242, "HOST.test.", KM_DNS_TYPE_A,
				  &r) == 0);
	/* not ours: another id, name or type */
	CHECK(km_dns_parse_answer(answer, sizeof(answer), 0x4243, "host.test", KM_DNS_TYPE_A, &r) ==
	      -EBADMSG);
	CHECK(km_dns_parse_answer(answer, sizeof(answer), 0x4242, "hosts.test", KM_DNS_TYPE_A,
				  &r) == -EBADMSG);
	CHECK(km_dns_parse_answer(answer, sizeof(answer), 0x4242, "host.test", KM_DNS_TYPE_AAAA,
				  &r) == -EBADMSG);
	/* every cut of the message is malformed, never a read past it */
	for (size_t n = 0; n < sizeof(answer); n++) {
		uint8_t *cut = malloc(n ? n : 1); /* ASan sees any read past n */

		memcpy(cut, answer, n);
		CHECK(km_dns_parse_answer(cut, n, 0x4242, "host.test", KM_DNS_TYPE_A, &r) ==
		      -EBADMSG);
		free(cut);
	}
	memcpy(m, answer, sizeof(m));
	m[2] &= 0x7f; /* a query, not a response */
	CHECK(km_dns_parse_answer(m, sizeof(m), 0x4242, "host.test", KM_DNS_TYPE_A, &r) ==
	      -EBADMSG);
	memcpy(m, answer, sizeof(m));
	m[3] = 0x83; /* NXDOMAIN */
	CHECK(km_dns_parse_answer(m, sizeof(m), 0x4242, "host.test", KM_DNS_TYPE_A, &r) == -ENOENT);
	m[3] = 0x82; /* SERVFAIL */
	CHECK(km_dns_parse_answer(m, sizeof(m), 0x4242, "host.test", KM_DNS_TYPE_A, &r) == -EAGAIN);
	m[3] = 0x85; /* REFUSED */
	CHECK(km_dns_parse_answer(m, sizeof(m), 0x4242, "host.test", KM_DNS_TYPE_A, &r) == -EPROTO);
	memcpy(m, answer, sizeof(m));
	m[7] = 1; /* only the CNAME: the name exists, no A record */
	CHECK(km_dns_parse_answer(m, 47, 0x4242, "host.test", KM_DNS_TYPE_A, &r) == -ENODATA);
	m[2] |= 0x02; /* ... but truncated: unknown */
	CHECK(km_dns_parse_answer(m, 47, 0x4242, "host.test", KM_DNS_TYPE_A, &r) == -EBADMSG);
	memcpy(m, answer, sizeof(m));
	m[48] = 47; /* a pointer to itself */
	CHECK(km_dns_parse_answer(m, sizeof(m), 0x4242, "host.test", KM_DNS_TYPE_A, &r) ==
	      -EBADMSG);
	m[48] = 60; /* a pointer forwards */
	CHECK(km_dns_parse_answer(m, sizeof(m), 0x4242, "host.test", KM_DNS_TYPE_A, &r) ==
	      -EBADMSG);
	memcpy(m, answer, sizeof(m));
	m[7] = 2;  /* the CNAME and one A record ... */
	m[58] = 5; /* ... whose length is not 4 (the message holds it) */
	CHECK(km_dns_parse_answer(m, 64, 0x4242, "host.test", KM_DNS_TYPE_A, &r) == -EBADMSG);
	memcpy(m, answer, sizeof(m));
	m[63] = 0x40; /* a reserved label type */
	CHECK(km_dns_parse_answer(m, sizeof(m), 0x4242, "host.test", KM_DNS_TYPE_A, &r) ==
	      -EBADMSG);
}

static void test_files(const char *dir)
{
	char path[512];
	struct resolv_conf c;
	struct km_dns_result r;
	FILE *f;

	snprintf(path, sizeof(path), "%s/resolv.conf", dir);
	remove(path);
	resolv_read_conf(path, &c); /* none there yet */
	CHECK(c.count == 1 && c.server[0].sin6_family == AF_INET && c.timeout_s == 5);
	f = fopen(path, "w");
	fprintf(f, "# comment\nsearch x\nnameserver 10.0.0.53 # the first\nnameserver bogus\n"
		   "nameserver ::1\nnameserver 10.0.0.54\nnameserver 10.0.0.55\n"
		   "options ndots:1 timeout:99 attempts:0\n");
	fclose(f);
	resolv_read_conf(path, &c);
	CHECK(c.count == 3 && c.timeout_s == 30 && c.attempts == 1);
	CHECK(((struct sockaddr_in *)&c.server[0])->sin_addr.s_addr == inet_addr("10.0.0.53"));
	CHECK(c.server[1].sin6_family == AF_INET6 && c.server[1].sin6_port == htons(53));
	CHECK(((struct sockaddr_in *)&c.server[2])->sin_addr.s_addr == inet_addr("10.0.0.54"));

	snprintf(path, sizeof(path), "%s/hosts", dir);
	f = fopen(path, "w");
	fprintf(f, "127.0.0.1 localhost\n10.1.1.1 web www.web # comment\n::1 web\n"
		   "10.1.1.2\tWEB\n#10.1.1.3 web\nnot-an-address web\n");
	fclose(f);
	CHECK(resolv_hosts_lookup(path, "web", AF_INET, &r) == 0 && r.count == 2);
	CHECK(!memcmp(r.addr[0], "\x0a\x01\x01\x01", 4) &&
	      !memcmp(r.addr[1], "\x0a\x01\x01\x02", 4));
	CHECK(resolv_hosts_lookup(path, "www.web", AF_INET, &r) == 0 && r.count == 1);
	CHECK(resolv_hosts_lookup(path, "web", AF_INET6, &r) == 0 && r.count == 1 &&
	      r.addr_len == 16 && r.addr[0][15] == 1);
	CHECK(resolv_hosts_lookup(path, "comment", AF_INET, &r) == -ENOENT);
	CHECK(resolv_hosts_lookup("/nonexistent/hosts", "web", AF_INET, &r) == -ENOENT);
}

int main(int argc, char **argv)
{
	test_query();
	test_answer();
	test_files(argc > 1 ? argv[1] : ".");
	printf("resolv host tests: %d failures\n", failures);
	return failures ? 1 : 0;
}
