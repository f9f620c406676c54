/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Address text conversions for newlib (include/arpa/inet.h has the
 * contract): pure functions on caller buffers, every input length checked.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int digit_value(char c, int base)
{
	int v;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	else
		return -1;
	return v < base ? v : -1;
}

/* Strict dotted quad: four decimal parts 0..255, no leading zeros. */
static int pton4(const char *s, uint8_t out[4])
{
	for (int i = 0; i < 4; i++) {
		int v = 0, n = 0;

		for (; *s >= '0' && *s <= '9'; s++, n++) {
			if (n == 1 && v == 0)
				return 0; /* a leading zero */
			v = v * 10 + (*s - '0');
			if (v > 255)
				return 0;
		}
		if (!n || *s != (i < 3 ? '.' : '\0'))
			return 0;
		out[i] = (uint8_t)v;
		s++;
	}
	return 1;
}

static int pton6(const char *s, uint8_t out[16])
{
	uint16_t groups[8];
	int n = 0, gap = -1;

	if (s[0] == ':' && s[1] == ':') {
		gap = 0;
		s += 2;
	} else if (*s == ':') {
		return 0;
	}
	while (*s) {
		int v = 0, digits = 0;
		const char *start = s;

		if (n == 8)
			return 0;
		for (; digit_value(*s, 16) >= 0; s++) {
			if (++digits > 4)
				return 0;
			v = v * 16 + digit_value(*s, 16);
		}
		if (*s == '.') { /* an IPv4 tail: the last two groups */
			uint8_t q[4];

			if (n > 6 || !pton4(start, q))
				return 0;
			groups[n++] = (uint16_t)(q[0] << 8 | q[1]);
			groups[n++] = (uint16_t)(q[2] << 8 | q[3]);
			break;
		}
		if (!digits)
			return 0;
		groups[n++] = (uint16_t)v;
		if (*s == ':') {
			s++;
			if (*s == ':') {
				if (gap >= 0)
					return 0;
				gap = n;
				s++;
			} else if (!*s) {
				return 0; /* a trailing single ':' */
			}
		} else if (*s) {
			return 0;
		}
	}
	if (gap < 0 ? n != 8 : n > 7)
		return 0;
	memset(out, 0, 16);
	for (int i = 0, o = 0; i < n; i++, o++) {
		if (i == gap)
			o += 8 - n;
		out[2 * o] = (uint8_t)(groups[i] >> 8);
		out[2 * o + 1] = (uint8_t)groups[i];
	}
	return 1;
}

int inet_pton(int af, const char *src, void *dst)
{
	uint8_t buf[16];

	if (af == AF_INET) {
		if (!pton4(src, buf))
			return 0;
		memcpy(dst, buf, 4);
		return 1;
	}
	if (af == AF_INET6) {
		if (!pton6(src, buf))
			return 0;
		memcpy(dst, buf, 16);
		return 1;
	}
	errno = EAFNOSUPPORT;
	return -1;
}

static const char *copy_out(const char *text, char *dst, socklen_t size)
{
	size_t len = strlen(text);

	if (len >= size) {
		errno = ENOSPC;
		return NULL;
	}
	memcpy(dst, text, len + 1);
	return dst;
}

static void ntop6(const uint8_t *a, char *out)
{
	int best = -1, best_len = 1, i = 0;
	char *p = out;

	/* the longest run of two or more zero groups, the first on a tie */
	while (i < 8) {
		int j = i;

		while (j < 8 && !a[2 * j] && !a[2 * j + 1])
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j > i ? j : i + 1;
	}
	if (best == 0 && (best_len == 6 || (best_len == 5 && a[10] == 0xff && a[11] == 0xff))) {
		/* ::a.b.c.d and ::ffff:a.b.c.d */
		sprintf(out, "::%s%u.%u.%u.%u", best_len == 5 ? "ffff:" : "", a[12], a[13], a[14],
			a[15]);
		return;
	}
	for (i = 0; i < 8; i++) {
		if (i == best) {
			p += sprintf(p, "::");
			i += best_len - 1;
			continue;
		}
		p += sprintf(p, "%s%x", (i && i != best + best_len) ? ":" : "",
			     (unsigned)(a[2 * i] << 8 | a[2 * i + 1]));
	}
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
	const uint8_t *a = src;
	char text[INET6_ADDRSTRLEN];

	if (af == AF_INET) {
		sprintf(text, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
		return copy_out(text, dst, size);
	}
	if (af == AF_INET6) {
		ntop6(a, text);
		return copy_out(text, dst, size);
	}
	errno = EAFNOSUPPORT;
	return NULL;
}

int inet_aton(const char *cp, struct in_addr *inp)
{
	unsigned long part[4];
	int n = 0;

	for (;;) {
		int base = 10, d, digits = 0;
		unsigned long v = 0;

		if (cp[0] == '0' && (cp[1] == 'x' || cp[1] == 'X')) {
			base = 16;
			cp += 2;
		} else if (cp[0] == '0') {
			base = 8;
		}
		for (; (d = digit_value(*cp, base)) >= 0; cp++, digits++) {
			v = v * (unsigned)base + (unsigned)d;
			if (v > 0xffffffffUL)
				return 0;
		}
		if (!digits && base != 16)
			return 0;
		part[n++] = v;
		if (*cp == '\0')
			break;
		if (*cp != '.' || n == 4)
			return 0;
		cp++;
	}
	/* the last part fills the bytes the earlier ones leave */
	unsigned long addr = part[n - 1], limit = 0xffffffffUL >> (8 * (n - 1));

	if (addr > limit)
		return 0;
	for (int i = 0; i < n - 1; i++) {
		if (part[i] > 255)
			return 0;
		addr |= part[i] << (24 - 8 * i);
	}
	if (inp)
		inp->s_addr = htonl((uint32_t)addr);
	return 1;
}

in_addr_t inet_addr(const char *cp)
{
	struct in_addr a;

	return inet_aton(cp, &a) ? a.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr in)
{
	static __thread char text[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &in, text, sizeof(text));
	return text;
}
