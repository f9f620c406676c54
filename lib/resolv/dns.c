/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * DNS query and answer messages (km/resolv.h has the contract). Every read
 * of the answer goes through in_bounds(); names are decoded to text before
 * they are compared, so comparisons never follow the message again.
 */
#include <errno.h>
#include <string.h>
#include <km/resolv.h>

#define HEADER_LEN     12
#define FLAG_QR	       0x80 /* byte 2: a response */
#define FLAG_TC	       0x02 /* byte 2: truncated */
#define RCODE_MASK     0x0f /* byte 3 */
#define RCODE_SERVFAIL 2
#define RCODE_NXDOMAIN 3
#define LABEL_MAX      63
#define POINTER_BITS   0xc0

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Dotted text @name without its trailing dot: 1 when equal ignoring
 * ASCII case. */
static int same_name(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la && a[la - 1] == '.')
		la--;
	if (lb && b[lb - 1] == '.')
		lb--;
	if (la != lb)
		return 0;
	for (size_t i = 0; i < la; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

int km_dns_build_query(uint8_t *buf, size_t size, uint16_t id, const char *name, uint16_t type)
{
	size_t n = strlen(name), pos = HEADER_LEN;

	if (type != KM_DNS_TYPE_A && type != KM_DNS_TYPE_AAAA)
		return -EINVAL;
	if (n && name[n - 1] == '.')
		n--;
	if (!n || n > KM_DNS_NAME_MAX)
		return -EINVAL;
	/* header, labels (n + 1 length bytes at most... n + 2 with the root),
	 * type and class */
	if (size < HEADER_LEN + n + 2 + 4)
		return -ENOSPC;
	memset(buf, 0, HEADER_LEN);
	buf[0] = (uint8_t)(id >> 8);
	buf[1] = (uint8_t)id;
	buf[2] = 0x01; /* RD: recursion desired */
	buf[5] = 1;    /* one question */
	for (size_t start = 0; start < n;) {
		size_t end = start;

		while (end < n && name[end] != '.')
			end++;
		if (end == start || end - start > LABEL_MAX)
			return -EINVAL;
		buf[pos++] = (uint8_t)(end - start);
		memcpy(buf + pos, name + start, end - start);
		pos += end - start;
		start = end + 1;
		if (end + 1 == n) /* "a..": an empty last label */
			return -EINVAL;
	}
	buf[pos++] = 0;
	buf[pos++] = (uint8_t)(type >> 8);
	buf[pos++] = (uint8_t)type;
	buf[pos++] = 0;
	buf[pos++] = KM_DNS_CLASS_IN;
	return (int)pos;
}

static int in_bounds(size_t len, size_t off, size_t need)
{
	return off <= len && need <= len - off;
}

/*
 * Decodes the name at @off into @text (KM_DNS_NAME_MAX + 1 bytes, dotted,
 * no trailing dot; "" for the root) and sets *@next to the offset after
 * it in the record. Returns 0, or -EBADMSG.
 */
static int read_name(const uint8_t *msg, size_t len, size_t off, char *text, size_t *next)
{
	size_t out = 0, pos = off;
	int jumped = 0;

	for (;;) {
		uint8_t l;

		if (!in_bounds(len, pos, 1))
			return -EBADMSG;
		l = msg[pos];
		if ((l & POINTER_BITS) == POINTER_BITS) {
			size_t target;

			if (!in_bounds(len, pos, 2))
				return -EBADMSG;
			target = (size_t)(l & ~POINTER_BITS) << 8 | msg[pos + 1];
			/* strictly backwards: a chain of them must end */
			if (target >= pos)
				return -EBADMSG;
			if (!jumped)
				*next = pos + 2;
			jumped = 1;
			pos = target;
			continue;
		}
		if (l & POINTER_BITS) /* 0x40 and 0x80: reserved label types */
			return -EBADMSG;
		if (!l)
			break;
		if (!in_bounds(len, pos + 1, l) || out + (out ? 1 : 0) + l > KM_DNS_NAME_MAX)
			return -EBADMSG;
		if (out)
			text[out++] = '.';
		for (size_t i = 0; i < l; i++) {
			uint8_t c = msg[pos + 1 + i];

			/* a dot or NUL inside a label would change the name's meaning */
			if (c == '.' || c == 0)
				return -EBADMSG;
			text[out++] = (char)c;
		}
		pos += 1 + l;
	}
	text[out] = 0;
	if (!jumped)
		*next = pos + 1;
	return 0;
}

static unsigned int get16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

static int parse(const uint8_t *msg, size_t len, uint16_t id, const char *name, uint16_t type,
		 struct km_dns_result *out)
{
	char owner[KM_DNS_NAME_MAX + 1], target[KM_DNS_NAME_MAX + 1];
	/* the name records must be owned by: @name, then each CNAME target */
	char wanted[KM_DNS_NAME_MAX + 1];
	unsigned int questions, answers, rcode;
	size_t pos = HEADER_LEN, addr_len = type == KM_DNS_TYPE_AAAA ? 16 : 4;

	out->count = 0;
	out->addr_len = (unsigned int)addr_len;
	if (strlen(name) > KM_DNS_NAME_MAX + 1 || !in_bounds(len, 0, HEADER_LEN))
		return -EBADMSG;
	if (get16(msg) != id || !(msg[2] & FLAG_QR))
		return -EBADMSG;
	rcode = msg[3] & RCODE_MASK;
	questions = get16(msg + 4);
	answers = get16(msg + 6);
	if (rcode == RCODE_NXDOMAIN)
		return -ENOENT;
	if (rcode == RCODE_SERVFAIL)
		return -EAGAIN;
	if (rcode)
		return -EPROTO;
	/* the question must be ours, echoed */
	if (questions != 1 || read_name(msg, len, pos, owner, &pos) || !same_name(owner, name) ||
	    !in_bounds(len, pos, 4) || get16(msg + pos) != type ||
	    get16(msg + pos + 2) != KM_DNS_CLASS_IN)
		return -EBADMSG;
	pos += 4;
	strcpy(wanted, owner);
	for (unsigned int i = 0; i < answers; i++) {
		unsigned int rtype, rclass, rdlen;

		if (read_name(msg, len, pos, owner, &pos) || !in_bounds(len, pos, 10))
			return -EBADMSG;
		rtype = get16(msg + pos);
		rclass = get16(msg + pos + 2);
		rdlen = get16(msg + pos + 8);
		pos += 10;
		if (!in_bounds(len, pos, rdlen))
			return -EBADMSG;
		if (rclass == KM_DNS_CLASS_IN && same_name(owner, wanted)) {
			if (rtype == KM_DNS_TYPE_CNAME) {
				size_t end;

				if (read_name(msg, len, pos, target, &end) || end != pos + rdlen)
					return -EBADMSG;
				strcpy(wanted, target);
			} else if (rtype == type) {
				if (rdlen != addr_len)
					return -EBADMSG;
				if (out->count < KM_DNS_MAX_ADDRS)
					memcpy(out->addr[out->count++], msg + pos, addr_len);
			}
		}
		pos += rdlen;
	}
	if (out->count)
		return 0;
	/* cut short: what is missing may have held the records */
	return msg[2] & FLAG_TC ? -EBADMSG : -ENODATA;
}

int km_dns_parse_answer(const uint8_t *msg, size_t len, uint16_t id, const char *name,
			uint16_t type, struct km_dns_result *out)
{
	int rc = parse(msg, len, id, name, type, out);

	if (rc)
		out->count = 0; /* never half an answer */
	return rc;
}
