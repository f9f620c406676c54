/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Network devices (km/netdev.h) as lwIP interfaces.
 *
 * Each device gets a receive thread: it drains the device in bursts and
 * feeds the frames to lwIP's Ethernet input under the core lock (one lock
 * per burst, no message to the tcpip thread), then sleeps until the
 * device's one-shot receive interrupt, or polls every millisecond on a
 * device without one. Link changes arrive in interrupt context and are
 * applied by the same thread, which also reads the link every 250 ms on a
 * device that cannot report changes. Transmit copies the pbuf chain into one
 * netbuf (lwIP rewrites the headers of segments it queued for
 * retransmission, which a device may still be reading). Receive hands a
 * frame to lwIP in place, as a custom pbuf over the device's buffer,
 * unless it is short (RX_COPYBREAK).
 *
 * Configuration: netdev.ip=<addr>/<prefix>:<gw>[:<dns>] sets the first
 * device's address; without it, DHCP, and the boot waits up to
 * lwip.dhcp_wait milliseconds for a lease before main. The DNS server
 * (netdev.ip's, or the lease's when it came in that time) goes into
 * /etc/resolv.conf when there is a file system to hold it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <km/lock.h>
#include <km/netdev.h>
#include <km/param.h>
#include <km/print.h>
#include <km/sched.h>
#include <km/syscall.h>
#include <km/time.h>

#include "lwip/dhcp.h"
#include "lwip/dns.h"
#include "lwip/etharp.h"
#include "lwip/netif.h"
#include "lwip/tcpip.h"
#include "netif/ethernet.h"
#include "ipconf.h"
#include "stack_impl.h"

#define RX_BURST 32
#define TX_TRIES 1000 /* yields while the device's ring is full */
/* How often the link is read on a device that cannot report changes (a
 * tap's carrier comes up a little after the image opens it). */
#define LINK_POLL_NS (250 * KM_NSEC_PER_MSEC)

static int parse_ipconf(const char *text, void *var)
{
	return km_ipconf_parse(text, var);
}

static int format_ipconf(char *buf, size_t len, const void *var)
{
	const struct km_ipconf *c = var;
	char a[16], g[16], d0[16], d1[16];

	if (!c->set)
		return snprintf(buf, len, "(none: DHCP)");
	km_ipconf_format_addr(c->addr, a);
	km_ipconf_format_addr(c->gw, g);
	km_ipconf_format_addr(c->dns[0], d0);
	km_ipconf_format_addr(c->dns[1], d1);
	char text[16 * 4 + sizeof(c->hostname) + sizeof(c->domain) + 8];
	int n = snprintf(text, sizeof(text), "%s/%u:%s:%s:%s:%s:%s", a, c->prefix, c->gw ? g : "",
			 c->dns[0] ? d0 : "", c->dns[1] ? d1 : "", c->hostname, c->domain);

	while (n > 0 && text[n - 1] == ':') /* empty trailing fields */
		text[--n] = '\0';
	return snprintf(buf, len, "%s", text);
}

/* The type's name is what a bad value's message says was expected. */
const struct km_param_type km_param_type_netdev_ip = {
	"<addr>/<prefix>[:<gw>[:<dns0>[:<dns1>[:<hostname>[:<domain>]]]]] (e.g. "
	"10.0.2.15/24:10.0.2.2:10.0.2.3)",
	parse_ipconf, format_ipconf
};

static struct km_ipconf ipconf;
KM_PARAM(netdev, ip, netdev_ip, ipconf,
	 "first network device's IPv4 address/prefix, gateway, DNS servers, hostname, domain "
	 "(Unikraft's order); DHCP if unset");

static unsigned int dhcp_wait_ms = 10000;
KM_PARAM(lwip, dhcp_wait, uint, dhcp_wait_ms,
	 "ms the boot waits for a DHCP lease before main (0: do not wait)");

struct km_lwip_if {
	struct netif netif;
	struct km_netdev *dev;
	struct km_sem wake; /* rx frames waiting or the link changed */
	volatile bool link_changed;
	bool rx_intr;
	bool link_polled; /* no KM_NETDEV_F_LINK_INTR: read it every LINK_POLL_NS */
	bool link_up;
	km_nsec_t next_link_read;
};

static void dev_event(struct km_netdev *dev, unsigned int event, unsigned int queue, void *arg)
{
	struct km_lwip_if *i = arg;

	if (event == KM_NETDEV_EV_LINK)
		i->link_changed = true;
	km_sem_up(&i->wake);
}

static void apply_link(struct km_lwip_if *i)
{
	struct km_netdev_link link;

	i->link_changed = false;
	i->next_link_read = km_time_monotonic_ns() + LINK_POLL_NS;
	km_netdev_link(i->dev, &link);
	if (link.up == i->link_up)
		return;
	i->link_up = link.up;
	km_pr_debug("%s: link %s\n", km_netdev_name(i->dev), link.up ? "up" : "down");
	LOCK_TCPIP_CORE();
	if (link.up)
		netif_set_link_up(&i->netif);
	else
		netif_set_link_down(&i->netif);
	UNLOCK_TCPIP_CORE();
}

/*
 * Receive buffers come from here (km_netdev_conf.rx_alloc): one block holds
 * lwIP's custom pbuf, the netbuf descriptor and the buffer, so that a frame
 * can go up the stack without a copy and its pbuf_free() returns the block.
 * Frames up to RX_COPYBREAK bytes are copied into a pbuf of their own size
 * instead (the copybreak of Linux drivers): an ACK costs no more than
 * before, and a short request queued on a socket does not hold an
 * MTU-sized buffer.
 */
#define RX_COPYBREAK 256
#define RX_ALIGN     64

struct rx_frame {
	struct pbuf_custom pc;
	struct km_netbuf nb;
};
#define RX_FRAME_HEAD KM_ALIGN_UP(sizeof(struct rx_frame), (size_t)RX_ALIGN)

static void rx_frame_release(struct km_netbuf *nb)
{
	free(nb->owner_priv);
}

static struct km_netbuf *rx_alloc(struct km_netdev *dev, size_t headroom, size_t size, void *arg)
{
	size_t buflen = headroom + size;
	struct rx_frame *f;

	(void)dev;
	(void)arg;
	if (buflen < headroom || buflen > 0xffff)
		return NULL;
	f = aligned_alloc(RX_ALIGN, KM_ALIGN_UP(RX_FRAME_HEAD + buflen, (size_t)RX_ALIGN));
	if (!f)
		return NULL;
	km_netbuf_init(&f->nb, (char *)f + RX_FRAME_HEAD, buflen, headroom, rx_frame_release, f);
	return &f->nb;
}

static void rx_pbuf_free(struct pbuf *p)
{
	struct rx_frame *f = KM_CONTAINER_OF((struct pbuf_custom *)p, struct rx_frame, pc);

	km_netbuf_free(&f->nb);
}

static struct pbuf *frame_to_pbuf(struct km_netbuf *nb)
{
	size_t len = km_netbuf_frame_len(nb);
	struct pbuf *p = NULL;

	if (len > RX_COPYBREAK && len <= 0xffff && !nb->next && nb->release == rx_frame_release) {
		struct rx_frame *f = nb->owner_priv;

		f->pc.custom_free_function = rx_pbuf_free;
		p = pbuf_alloced_custom(PBUF_RAW, (u16_t)len, PBUF_REF, &f->pc, nb->data,
					(u16_t)len);
		if (p)
			return p;
	} else if (len <= 0xffff) {
		p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_RAM);
		if (p)
			km_netbuf_copy_out(nb, 0, p->payload, len);
	}
	km_netbuf_free(nb);
	return p;
}

static void *rx_thread(void *arg)
{
	struct km_lwip_if *i = arg;
	struct km_netbuf *frames[RX_BURST];

	for (;;) {
		int n = km_netdev_rx_burst(i->dev, 0, frames, RX_BURST);

		if (i->link_changed ||
		    (i->link_polled && km_time_monotonic_ns() >= i->next_link_read))
			apply_link(i);
		if (n > 0) {
			LOCK_TCPIP_CORE();
			for (int k = 0; k < n; k++) {
				struct pbuf *p = frame_to_pbuf(frames[k]);

				if (!p)
					km_netdev_count_rx_drop(i->dev);
				else if (i->netif.input(p, &i->netif) != ERR_OK)
					pbuf_free(p);
			}
			UNLOCK_TCPIP_CORE();
		}
		if (n == RX_BURST)
			continue;
		if (i->rx_intr && n >= 0) {
			int armed = km_netdev_rxq_intr_enable(i->dev, 0);

			if (armed == 1)
				continue;
			if (armed == 0) {
				km_sem_down_until(&i->wake, i->link_polled ? i->next_link_read : 0);
				continue;
			}
		}
		km_sleep_ns(KM_NSEC_PER_MSEC);
	}
	return NULL;
}

static err_t link_output(struct netif *netif, struct pbuf *p)
{
	struct km_lwip_if *i = netif->state;
	const struct km_netdev_info *info = km_netdev_info(i->dev);
	struct km_netbuf *nb = km_netbuf_alloc(info->tx_headroom, p->tot_len);

	if (!nb) {
		km_netdev_count_tx_drop(i->dev);
		return ERR_MEM;
	}
	nb->len = pbuf_copy_partial(p, nb->data, p->tot_len, 0);
	for (int tries = 0; tries < TX_TRIES; tries++) {
		int taken = km_netdev_tx_burst(i->dev, 0, &nb, 1);

		if (taken == 1)
			return ERR_OK;
		if (taken < 0)
			break;
		km_sched_yield();
	}
	km_netbuf_free(nb);
	km_netdev_count_tx_drop(i->dev);
	return ERR_IF;
}

static err_t if_init(struct netif *netif)
{
	struct km_lwip_if *i = netif->state;
	const struct km_netdev_info *info = km_netdev_info(i->dev);
	const char *name = km_netdev_name(i->dev);

	netif->name[0] = name[0];
	netif->name[1] = name[1];
	netif->output = etharp_output;
	netif->linkoutput = link_output;
	netif->mtu = info->mtu;
	netif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(netif->hwaddr, info->mac, ETH_HWADDR_LEN);
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
	return ERR_OK;
}

static void log_address(struct km_lwip_if *i, const char *how)
{
	char a[16], m[16], g[16];

	km_ipconf_format_addr(ip4_addr_get_u32(netif_ip4_addr(&i->netif)), a);
	km_ipconf_format_addr(ip4_addr_get_u32(netif_ip4_netmask(&i->netif)), m);
	km_ipconf_format_addr(ip4_addr_get_u32(netif_ip4_gw(&i->netif)), g);
	km_pr_info("%s: %s netmask %s gateway %s (%s)\n", km_netdev_name(i->dev), a, m, g, how);
}

static unsigned int link_wait_ms = 2000;
KM_PARAM(lwip, link_wait, uint, link_wait_ms,
	 "ms the boot waits for a static address's link to come up (0: do not wait)");

/*
 * With netdev.ip, main must not start before the link is up: lwIP has no
 * route through an interface whose link is down, and a program's first
 * datagram would fail at once with EHOSTUNREACH (a linuxu tap's carrier
 * comes up shortly after the image opens it; the receive thread applies
 * it). 1 when the link is up.
 */
static int wait_for_link(struct km_lwip_if *i)
{
	km_nsec_t end = km_time_monotonic_ns() + (km_nsec_t)link_wait_ms * KM_NSEC_PER_MSEC;

	while (!__atomic_load_n(&i->link_up, __ATOMIC_ACQUIRE)) {
		if (km_time_monotonic_ns() >= end)
			return 0;
		km_sleep_ns(5 * KM_NSEC_PER_MSEC);
	}
	return 1;
}

/* Wait for a lease on @i up to lwip.dhcp_wait ms; 1 when it came. */
static int wait_for_lease(struct km_lwip_if *i)
{
	km_nsec_t end = km_time_monotonic_ns() + (km_nsec_t)dhcp_wait_ms * KM_NSEC_PER_MSEC;

	for (;;) {
		int bound;

		LOCK_TCPIP_CORE();
		bound = dhcp_supplied_address(&i->netif);
		UNLOCK_TCPIP_CORE();
		if (bound)
			return 1;
		if (km_time_monotonic_ns() >= end)
			return 0;
		km_sleep_ns(10 * KM_NSEC_PER_MSEC);
	}
}

/*
 * /etc/resolv.conf naming the DNS server, so that the C library's resolver
 * (getaddrinfo) asks it. Through the file system calls: without a VFS (or
 * a writable /etc) they fail and the image goes on without the file.
 */
static void write_resolv_conf(const uint32_t dns[2], const char *domain)
{
	char text[48 * 2 + 300], a[16];
	long fd;
	int n = 0;

	if (!dns[0] || !km_syscall_entry(KM_SYS_openat)) /* no file system in the image */
		return;
	for (int k = 0; k < 2; k++)
		if (dns[k]) {
			km_ipconf_format_addr(dns[k], a);
			n += snprintf(text + n, sizeof(text) - (size_t)n, "nameserver %s\n", a);
		}
	if (domain && *domain)
		n += snprintf(text + n, sizeof(text) - (size_t)n, "search %s\n", domain);
	km_syscall3(KM_SYS_mkdirat, -100 /* AT_FDCWD */, (long)"/etc", 0755);
	fd = km_syscall4(KM_SYS_openat, -100, (long)"/etc/resolv.conf",
			 01 | 0100 | 01000 | 02000000 /* O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC */,
			 0644);
	if (fd < 0) {
		km_pr_debug("no /etc/resolv.conf (error %ld): no file system?\n", fd);
		return;
	}
	if (km_syscall3(KM_SYS_write, fd, (long)text, n) != n)
		km_pr_warn("/etc/resolv.conf: short write\n");
	km_syscall1(KM_SYS_close, fd);
	km_pr_debug("/etc/resolv.conf: %s", text);
}

/* netdev.ip's hostname and domain: uname(2)'s, through sethostname and
 * setdomainname when the image has them (lib/posix-process). */
static void set_names(const char *hostname, const char *domain)
{
	if (*hostname && km_syscall_entry(KM_SYS_sethostname))
		km_syscall2(KM_SYS_sethostname, (long)hostname, (long)strlen(hostname));
	if (*domain && km_syscall_entry(KM_SYS_setdomainname))
		km_syscall2(KM_SYS_setdomainname, (long)domain, (long)strlen(domain));
}

static int bring_up(struct km_netdev *dev, int first)
{
	struct km_lwip_if *i = calloc(1, sizeof(*i));
	struct km_netdev_conf conf;
	ip4_addr_t addr, mask, gw;
	struct km_thread *t;
	int err;

	if (!i)
		return -ENOMEM;
	i->dev = dev;
	km_sem_init(&i->wake, 0);
	i->rx_intr = (km_netdev_info(dev)->features & KM_NETDEV_F_RX_INTR) != 0;
	i->link_polled = !(km_netdev_info(dev)->features & KM_NETDEV_F_LINK_INTR);
	memset(&conf, 0, sizeof(conf));
	conf.event = dev_event;
	conf.event_arg = i;
	conf.rx_alloc = rx_alloc;
	err = km_netdev_start(dev, &conf);
	if (err) {
		km_pr_err("%s: cannot start the device: error %d\n", km_netdev_name(dev), err);
		free(i);
		return err;
	}
	ip4_addr_set_zero(&addr);
	ip4_addr_set_zero(&mask);
	ip4_addr_set_zero(&gw);
	if (first && ipconf.set) {
		ip4_addr_set_u32(&addr, ipconf.addr);
		ip4_addr_set_u32(&mask, ipconf.netmask);
		ip4_addr_set_u32(&gw, ipconf.gw);
	}
	LOCK_TCPIP_CORE();
	netif_add(&i->netif, &addr, &mask, &gw, i, if_init, tcpip_input);
	if (first)
		netif_set_default(&i->netif);
	netif_set_up(&i->netif);
	UNLOCK_TCPIP_CORE();
	i->link_up = false; /* as lwIP starts it */
	apply_link(i);
	t = km_thread_create("lwip-rx", 0, rx_thread, i);
	if (!t) {
		km_pr_err("%s: cannot start its receive thread\n", km_netdev_name(dev));
		return -ENOMEM;
	}
	km_thread_detach(t);
	if (first && ipconf.set) {
		for (u8_t k = 0; k < 2; k++)
			if (ipconf.dns[k]) {
				ip_addr_t d;

				ip_addr_set_ip4_u32(&d, ipconf.dns[k]);
				LOCK_TCPIP_CORE();
				dns_setserver(k, &d);
				UNLOCK_TCPIP_CORE();
			}
		write_resolv_conf(ipconf.dns, ipconf.domain);
		set_names(ipconf.hostname, ipconf.domain);
		log_address(i, "netdev.ip");
		if (link_wait_ms && !wait_for_link(i))
			km_pr_warn(
				"%s: link still down after %u ms; going on (lwip.link_wait= sets "
				"the wait)\n",
				km_netdev_name(i->dev), link_wait_ms);
		return 0;
	}
	LOCK_TCPIP_CORE();
	err = dhcp_start(&i->netif);
	UNLOCK_TCPIP_CORE();
	if (err != ERR_OK) {
		km_pr_err("%s: cannot start DHCP: out of memory\n", km_netdev_name(dev));
		return -ENOMEM;
	}
	if (!dhcp_wait_ms)
		return 0;
	if (wait_for_lease(i)) {
		log_address(i, "DHCP");
		if (first) {
			uint32_t dns[2] = { km_lwip_dns_server(), 0 };

			write_resolv_conf(dns, NULL);
		}
	} else
		km_pr_warn(
			"%s: no DHCP lease within %u ms; going on without an address (DHCP keeps "
			"trying; netdev.ip= sets one)\n",
			km_netdev_name(dev), dhcp_wait_ms);
	return 0;
}

int km_lwip_netifs_init(void)
{
	unsigned int n = km_netdev_count();

	if (!n && ipconf.set)
		km_pr_warn("netdev.ip is set but there is no network device\n");
	for (unsigned int k = 0; k < n; k++) {
		int err = bring_up(km_netdev_get(k), k == 0);

		if (err)
			return err;
	}
	return 0;
}

/* The DNS server lwIP knows (netdev.ip's or DHCP's), network order; 0 if none. */
uint32_t km_lwip_dns_server(void)
{
	const ip_addr_t *d;
	uint32_t v;

	LOCK_TCPIP_CORE();
	d = dns_getserver(0);
	v = d ? ip4_addr_get_u32(ip_2_ip4(d)) : 0;
	UNLOCK_TCPIP_CORE();
	return v;
}
