/* SPDX-License-Identifier: BSD-3-Clause */
/* The netdev.ip value (ipconf.h): pure code, also built for the host. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "ipconf.h"

/* A decimal number 0..@max of 1..3 digits at *p; advances *p. */
static int parse_number(const char **p, unsigned int max, unsigned int *out)
{
	unsigned int v = 0, digits = 0;

	while (**p >= '0' && **p <= '9' && digits < 4) {
		v = v * 10 + (unsigned int)(**p - '0');
		(*p)++;
		digits++;
	}
	if (!digits || digits > 3 || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

/* a.b.c.d at *p, network order into *out; advances *p. */
static int parse_addr(const char **p, uint32_t *out)
{
	unsigned char b[4];

	for (int i = 0; i < 4; i++) {
		unsigned int v;

		if (i && *(*p)++ != '.')
			return -EINVAL;
		if (parse_number(p, 255, &v))
			return -EINVAL;
		b[i] = (unsigned char)v;
	}
	/* Network order is the bytes in address order, whatever the host. */
	*out = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	return 0;
}

static uint32_t mask_of(unsigned int prefix)
{
	uint32_t host = prefix ? ~0u << (32 - prefix) : 0;
	unsigned char b[4] = { (unsigned char)(host >> 24), (unsigned char)(host >> 16),
			       (unsigned char)(host >> 8), (unsigned char)host };

	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* An RFC 1123 label at *p (up to the next '.', ':' or the end); advances *p. */
static int parse_label(const char **p)
{
	const char *start = *p;

	while ((**p >= 'a' && **p <= 'z') || (**p >= 'A' && **p <= 'Z') ||
	       (**p >= '0' && **p <= '9') || **p == '-')
		(*p)++;
	if (*p == start || *p - start > 63 || *start == '-' || (*p)[-1] == '-')
		return -EINVAL;
	return 0;
}

/* A name of @labels_max labels at most (1: a hostname) at *p, copied into
 * @out (@size bytes); advances *p. */
static int parse_name(const char **p, unsigned int labels_max, char *out, size_t size)
{
	const char *start = *p;
	unsigned int labels = 0;

	do {
		if (labels && *(*p)++ != '.')
			return -EINVAL;
		if (++labels > labels_max || parse_label(p))
			return -EINVAL;
	} while (**p == '.');
	if ((size_t)(*p - start) >= size)
		return -EINVAL;
	memcpy(out, start, (size_t)(*p - start));
	out[*p - start] = '\0';
	return 0;
}

int km_ipconf_parse(const char *text, struct km_ipconf *c)
{
	struct km_ipconf r;
	const char *p = text;

	memset(&r, 0, sizeof(r));
	r.set = 1;
	if (!p || parse_addr(&p, &r.addr) || *p++ != '/')
		return -EINVAL;
	if (parse_number(&p, 99, &r.prefix))
		return -EINVAL;
	/* Each further field MAY be empty; a field ends at ':' or the end. */
	if (*p == ':' && *++p != ':' && *p && parse_addr(&p, &r.gw))
		return -EINVAL;
	for (int k = 0; k < 2; k++)
		if (*p == ':' && *++p != ':' && *p && parse_addr(&p, &r.dns[k]))
			return -EINVAL;
	if (*p == ':' && *++p != ':' && *p && parse_name(&p, 1, r.hostname, sizeof(r.hostname)))
		return -EINVAL;
	if (*p == ':' && *++p && parse_name(&p, 127, r.domain, sizeof(r.domain)))
		return -EINVAL;
	if (*p)
		return -EINVAL;
	if (r.prefix < 1 || r.prefix > 32 || !r.addr)
		return -ERANGE;
	r.netmask = mask_of(r.prefix);
	if (r.gw && (r.gw & r.netmask) != (r.addr & r.netmask))
		return -ERANGE;
	*c = r;
	return 0;
}

void km_ipconf_format_addr(uint32_t addr, char *buf)
{
	snprintf(buf, 16, "%u.%u.%u.%u", addr & 0xff, (addr >> 8) & 0xff, (addr >> 16) & 0xff,
		 addr >> 24);
}
