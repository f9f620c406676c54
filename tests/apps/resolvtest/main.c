/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * resolvtest NAME...: prints /etc/resolv.conf, then one line per NAME,
 * "NAME -> A.B.C.D" (every IPv4 address getaddrinfo gives) or
 * "NAME: <gai_strerror>". Exit status: the number of names not resolved
 * (2 when /etc/resolv.conf cannot be read).
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

int main(int argc, char **argv)
{
	char line[256];
	int failed = 0;
	FILE *f = fopen("/etc/resolv.conf", "r");

	if (!f) {
		perror("/etc/resolv.conf");
		return 2;
	}
	while (fgets(line, sizeof(line), f))
		printf("resolv.conf: %s", line);
	fclose(f);
	for (int i = 1; i < argc; i++) {
		struct addrinfo hints, *res, *r;
		int rc;

		memset(&hints, 0, sizeof(hints));
		hints.ai_family = AF_INET;
		hints.ai_socktype = SOCK_STREAM;
		rc = getaddrinfo(argv[i], "80", &hints, &res);
		if (rc) {
			printf("%s: %s\n", argv[i], gai_strerror(rc));
			failed++;
			continue;
		}
		for (r = res; r; r = r->ai_next) {
			char a[INET_ADDRSTRLEN];

			inet_ntop(AF_INET, &((struct sockaddr_in *)r->ai_addr)->sin_addr, a,
				  sizeof(a));
			printf("%s -> %s\n", argv[i], a);
		}
		freeaddrinfo(res);
	}
	fflush(stdout);
	return failed;
}
