/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The files the resolver reads: /etc/resolv.conf (nameserver and options
 * lines, resolv.conf(5)) and /etc/hosts (hosts(5)). A line too long for
 * the buffer is skipped whole; what cannot be parsed is ignored, as the
 * other C libraries do.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "resolv_impl.h"

#define LINE_MAX_LEN 512
#define BLANKS	     " \t\r\n"

/* The next line of @f into @line, skipping lines too long to hold;
 * comments (# or ;) cut. 0 at the end of the file. */
static int next_line(FILE *f, char *line, size_t size)
{
	while (fgets(line, (int)size, f)) {
		size_t n = strlen(line);

		if (n == size - 1 && line[n - 1] != '\n') {
			int c;

			while ((c = fgetc(f)) != EOF && c != '\n')
				;
			continue;
		}
		line[strcspn(line, "#;")] = 0;
		return 1;
	}
	return 0;
}

static unsigned int option_value(const char *text, unsigned int lo, unsigned int hi,
				 unsigned int dflt)
{
	char *end;
	long v = strtol(text, &end, 10);

	if (end == text || *end)
		return dflt;
	return v < (long)lo ? lo : v > (long)hi ? hi : (unsigned int)v;
}

static void add_server(struct resolv_conf *conf, const char *text)
{
	struct sockaddr_in6 *s = &conf->server[conf->count];
	struct sockaddr_in *s4 = (struct sockaddr_in *)s;

	if (conf->count == RESOLV_MAX_SERVERS)
		return;
	memset(s, 0, sizeof(*s));
	if (inet_pton(AF_INET, text, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(KM_DNS_PORT);
	} else if (inet_pton(AF_INET6, text, &s->sin6_addr) == 1) {
		s->sin6_family = AF_INET6;
		s->sin6_port = htons(KM_DNS_PORT);
	} else {
		return;
	}
	conf->count++;
}

void resolv_read_conf(const char *path, struct resolv_conf *conf)
{
	char line[LINE_MAX_LEN];
	FILE *f = fopen(path, "r");

	conf->count = 0;
	conf->timeout_s = 5;
	conf->attempts = 2;
	while (f && next_line(f, line, sizeof(line))) {
		char *save, *key = strtok_r(line, BLANKS, &save), *word;

		if (!key)
			continue;
		if (!strcmp(key, "nameserver")) {
			if ((word = strtok_r(NULL, BLANKS, &save)))
				add_server(conf, word);
		} else if (!strcmp(key, "options")) {
			while ((word = strtok_r(NULL, BLANKS, &save))) {
				if (!strncmp(word, "timeout:", 8))
					conf->timeout_s = option_value(word + 8, 1, 30, 5);
				else if (!strncmp(word, "attempts:", 9))
					conf->attempts = option_value(word + 9, 1, 5, 2);
			}
		}
	}
	if (f)
		fclose(f);
	if (!conf->count)
		add_server(conf, "127.0.0.1");
}

int resolv_hosts_lookup(const char *path, const char *name, int af, struct km_dns_result *out)
{
	char line[LINE_MAX_LEN];
	FILE *f = fopen(path, "r");

	out->count = 0;
	out->addr_len = af == AF_INET6 ? 16 : 4;
	while (f && out->count < KM_DNS_MAX_ADDRS && next_line(f, line, sizeof(line))) {
		char *save, *addr = strtok_r(line, BLANKS, &save), *alias;
		uint8_t bin[16];

		if (!addr || inet_pton(af, addr, bin) != 1)
			continue;
		while ((alias = strtok_r(NULL, BLANKS, &save))) {
			if (!strcasecmp(alias, name)) {
				memcpy(out->addr[out->count++], bin, out->addr_len);
				break;
			}
		}
	}
	if (f)
		fclose(f);
	return out->count ? 0 : -ENOENT;
}
