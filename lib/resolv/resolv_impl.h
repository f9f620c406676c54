/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/resolv's own parts: the files it reads and the DNS exchange. */
#ifndef KM_RESOLV_IMPL_H
#define KM_RESOLV_IMPL_H
#include <netinet/in.h>
#include <km/resolv.h>

#define RESOLV_MAX_SERVERS 3 /* as glibc's and musl's MAXNS */

struct resolv_conf {
	unsigned int count;
	struct sockaddr_in6 server[RESOLV_MAX_SERVERS]; /* sin6_family AF_INET or AF_INET6 */
	unsigned int timeout_s;				/* per try, 1..30 */
	unsigned int attempts;				/* tries of the whole list, 1..5 */
};

/* /etc/resolv.conf (@path) into @conf; without the file or a usable
 * nameserver line, 127.0.0.1 alone. Defaults: 5 s, 2 attempts. */
void resolv_read_conf(const char *path, struct resolv_conf *conf);

/*
 * @name's addresses of family @af (AF_INET or AF_INET6) in the hosts file
 * @path, into @out (in file order). Returns 0 and @out->count >= 1, or
 * -ENOENT when the file names none (or cannot be read).
 */
int resolv_hosts_lookup(const char *path, const char *name, int af, struct km_dns_result *out);

/*
 * Asks @conf's servers for @name's @type records, each server in turn,
 * @conf->attempts rounds, waiting @conf->timeout_s for each answer.
 * Returns km_dns_parse_answer's result of the first definite answer (0,
 * -ENOENT, -ENODATA), -ETIMEDOUT when no server answered, -EBADMSG or
 * -EPROTO when the servers only failed, -EINVAL for a name a query cannot
 * carry, or a socket call's -errno.
 */
int resolv_dns_query(const struct resolv_conf *conf, const char *name, uint16_t type,
		     struct km_dns_result *out);

#endif
