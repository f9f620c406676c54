/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * dns-one ADDR NAME IPV4 SECONDS: a DNS server on UDP ADDR:53 for tests.
 * An A query for NAME gets IPV4 (TTL 60); another name gets NXDOMAIN;
 * another type for NAME an empty answer. One line per query on stdout
 * ("query NAME TYPE"); exits 0 after SECONDS, 1 on a setup error.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(53) };
	struct in_addr answer;
	double end;
	int s;

	if (argc != 5 || !inet_aton(argv[1], &sa.sin_addr) || !inet_aton(argv[3], &answer)) {
		fprintf(stderr, "usage: dns-one ADDR NAME IPV4 SECONDS\n");
		return 1;
	}
	s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("dns-one: socket/bind");
		return 1;
	}
	printf("dns-one: listening on %s:53\n", argv[1]);
	fflush(stdout);
	end = now() + atof(argv[4]);
	while (now() < end) {
		unsigned char q[512], r[600];
		char name[256];
		struct sockaddr_in peer;
		socklen_t plen = sizeof(peer);
		struct pollfd pfd = { .fd = s, .events = POLLIN };
		size_t i = 12, n = 0, rlen;
		ssize_t len;
		int qtype, match;

		if (poll(&pfd, 1, (int)((end - now()) * 1000) + 1) <= 0)
			continue;
		len = recvfrom(s, q, sizeof(q), 0, (struct sockaddr *)&peer, &plen);
		if (len < 12 || q[4] != 0 || q[5] != 1)
			continue;
		while (i < (size_t)len && q[i] && q[i] < 64 && i + 1 + q[i] < (size_t)len &&
		       n + q[i] + 1 < sizeof(name)) {
			if (n)
				name[n++] = '.';
			for (unsigned int k = 0; k < q[i]; k++)
				name[n++] = (char)tolower(q[i + 1 + k]);
			i += 1 + q[i];
		}
		name[n] = 0;
		if (i + 5 > (size_t)len || q[i])
			continue;
		qtype = q[i + 1] << 8 | q[i + 2];
		printf("query %s %d\n", name, qtype);
		fflush(stdout);
		match = !strcasecmp(name, argv[2]);
		rlen = i + 5;
		memcpy(r, q, rlen);
		r[2] = 0x80 | (q[2] & 0x01);   /* a response; RD copied */
		r[3] = 0x80 | (match ? 0 : 3); /* RA; NXDOMAIN for another name */
		memset(r + 6, 0, 6);
		if (match && qtype == 1) {
			static const unsigned char rr[] = {
				0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4
			};

			r[7] = 1;
			memcpy(r + rlen, rr, sizeof(rr));
			memcpy(r + rlen + sizeof(rr), &answer, 4);
			rlen += sizeof(rr) + 4;
		}
		sendto(s, r, rlen, 0, (struct sockaddr *)&peer, plen);
	}
	return 0;
}
