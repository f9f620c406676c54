/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * setsockopt(2) and getsockopt(2) options: the Linux numbers a program
 * passes, onto lwIP's. Three kinds:
 * - passed to lwIP under its own number (the option works as on Linux);
 * - hints that change no behaviour a program can observe and that servers
 *   set routinely (SO_SNDBUF, TCP_CORK, TCP_DEFER_ACCEPT, ...): accepted,
 *   and getsockopt answers the value lwIP really uses or 0;
 * - everything else: -ENOPROTOOPT, as Linux answers an unknown option.
 */
#include <errno.h>
#include <string.h>
#include "socket_impl.h"

enum opt_kind { OPT_LWIP, OPT_HINT };

struct opt_map {
	int lx_level, lx_name;
	int lw_level, lw_name; /* OPT_LWIP */
	enum opt_kind kind;
	int hint_value; /* OPT_HINT: what getsockopt answers */
};

static const struct opt_map opt_maps[] = {
	{ LX_SOL_SOCKET, 2, SOL_SOCKET, SO_REUSEADDR, OPT_LWIP, 0 },
	{ LX_SOL_SOCKET, 3, SOL_SOCKET, SO_TYPE, OPT_LWIP, 0 },
	{ LX_SOL_SOCKET, 4, SOL_SOCKET, SO_ERROR, OPT_LWIP, 0 },
	{ LX_SOL_SOCKET, 6, SOL_SOCKET, SO_BROADCAST, OPT_LWIP, 0 },
	{ LX_SOL_SOCKET, 7, 0, 0, OPT_HINT, TCP_SND_BUF }, /* SO_SNDBUF */
	{ LX_SOL_SOCKET, 8, SOL_SOCKET, SO_RCVBUF, OPT_LWIP, 0 },
	{ LX_SOL_SOCKET, 9, SOL_SOCKET, SO_KEEPALIVE, OPT_LWIP, 0 },
	{ LX_SOL_SOCKET, 13, SOL_SOCKET, SO_LINGER, OPT_LWIP, 0 },
	/* lwIP's SO_REUSE lets both addresses and ports be shared. */
	{ LX_SOL_SOCKET, 15, SOL_SOCKET, SO_REUSEADDR, OPT_LWIP, 0 }, /* SO_REUSEPORT */
	{ LX_SOL_SOCKET, 18, 0, 0, OPT_HINT, 1 },		      /* SO_RCVLOWAT */
	{ LX_SOL_SOCKET, 19, 0, 0, OPT_HINT, 1 },		      /* SO_SNDLOWAT */
	{ LX_SOL_SOCKET, 20, SOL_SOCKET, SO_RCVTIMEO, OPT_LWIP, 0 },
	{ LX_SOL_SOCKET, 21, SOL_SOCKET, SO_SNDTIMEO, OPT_LWIP, 0 },
	{ LX_SOL_SOCKET, 30, SOL_SOCKET, SO_ACCEPTCONN, OPT_LWIP, 0 },
	{ LX_IPPROTO_IP, 1, IPPROTO_IP, IP_TOS, OPT_LWIP, 0 },
	{ LX_IPPROTO_IP, 2, IPPROTO_IP, IP_TTL, OPT_LWIP, 0 },
	{ LX_IPPROTO_TCP, 1, IPPROTO_TCP, TCP_NODELAY, OPT_LWIP, 0 },
	{ LX_IPPROTO_TCP, 2, 0, 0, OPT_HINT, TCP_MSS }, /* TCP_MAXSEG */
	{ LX_IPPROTO_TCP, 3, 0, 0, OPT_HINT, 0 },	/* TCP_CORK */
	{ LX_IPPROTO_TCP, 4, IPPROTO_TCP, TCP_KEEPIDLE, OPT_LWIP, 0 },
	{ LX_IPPROTO_TCP, 5, IPPROTO_TCP, TCP_KEEPINTVL, OPT_LWIP, 0 },
	{ LX_IPPROTO_TCP, 6, IPPROTO_TCP, TCP_KEEPCNT, OPT_LWIP, 0 },
	{ LX_IPPROTO_TCP, 9, 0, 0, OPT_HINT, 0 },  /* TCP_DEFER_ACCEPT */
	{ LX_IPPROTO_TCP, 12, 0, 0, OPT_HINT, 1 }, /* TCP_QUICKACK */
};

#define LX_SO_PROTOCOL 38
#define LX_SO_DOMAIN   39

static const struct opt_map *find_opt(int level, int name)
{
	for (size_t i = 0; i < sizeof(opt_maps) / sizeof(opt_maps[0]); i++)
		if (opt_maps[i].lx_level == level && opt_maps[i].lx_name == name)
			return &opt_maps[i];
	return NULL;
}

static long lwip_result(int r)
{
	return r < 0 ? -errno : 0;
}

long km_lwip_setsockopt(int lwfd, int type, int level, int name, const void *val, uint32_t len)
{
	const struct opt_map *m = find_opt(level, name);

	if (!m)
		return -ENOPROTOOPT;
	if (!val)
		return -EFAULT;
	if (m->kind == OPT_HINT)
		return len < sizeof(int) ? -EINVAL : 0;
	return lwip_result(lwip_setsockopt(lwfd, m->lw_level, m->lw_name, val, len));
}

static long put_int(void *val, uint32_t *len, int v)
{
	if (!val || !len)
		return -EFAULT;
	if (*len < sizeof(int))
		return -EINVAL;
	memcpy(val, &v, sizeof(v));
	*len = sizeof(int);
	return 0;
}

long km_lwip_getsockopt(int lwfd, int type, int level, int name, void *val, uint32_t *len)
{
	const struct opt_map *m = find_opt(level, name);
	socklen_t lwlen;
	int r;

	if (level == LX_SOL_SOCKET && name == LX_SO_DOMAIN)
		return put_int(val, len, LX_AF_INET);
	if (level == LX_SOL_SOCKET && name == LX_SO_PROTOCOL)
		return put_int(val, len, type == LX_SOCK_STREAM ? LX_IPPROTO_TCP : LX_IPPROTO_UDP);
	if (!m)
		return -ENOPROTOOPT;
	if (m->kind == OPT_HINT)
		return put_int(val, len, m->hint_value);
	if (!val || !len)
		return -EFAULT;
	lwlen = *len;
	r = lwip_getsockopt(lwfd, m->lw_level, m->lw_name, val, &lwlen);
	if (r < 0)
		return -errno;
	*len = lwlen;
	return 0;
}
