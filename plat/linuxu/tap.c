/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Network devices on host tap interfaces: `linuxu.tap=tap0[,tap1...]`
 * opens each named interface through /dev/net/tun (TUNSETIFF with
 * IFF_TAP | IFF_NO_PI: plain Ethernet frames, one per read or write) and
 * registers it with lib/netdev. The descriptor is non-blocking and raises
 * SIGIO when frames arrive, which is the device's rx interrupt
 * (linuxu_irq_register), only while that is enabled: the host raises
 * one per frame, which cost a host signal per frame under load; polled
 * mode simply reads until EAGAIN.
 *
 * A tap that cannot be opened is one error line naming it and the host's
 * errno; the boot goes on without it, or stops with KM_EXIT_INIT_FAILED
 * when linuxu.tap_required=y.
 */
#include <errno.h>
#include <string.h>
#include <km/exit.h>
#include <km/init.h>
#include <km/netdev.h>
#include <km/param.h>
#include <km/plat/lifecycle.h>
#include <km/plat/timer.h>
#include <km/print.h>
#include "linuxu.h"

#define SYS_readv  19
#define SYS_writev 20
#define SYS_open   2
#define SYS_close  3
#define SYS_fcntl  72

#define O_RDWR	   02
#define O_NONBLOCK 04000
#define O_ASYNC	   020000
#define O_CLOEXEC  02000000
#define F_SETFL	   4
#define F_SETOWN   8
#define SIGIO	   29
#define POLLIN	   1

#define SYS_socket   41
#define AF_INET	     2
#define SOCK_DGRAM   2
#define SIOCGIFFLAGS 0x8913
#define IFF_UP	     0x1
#define IFF_RUNNING  0x40

#define TUNSETIFF 0x400454caUL
#define IFF_TAP	  0x0002
#define IFF_NO_PI 0x1000
#define IFNAMSIZ  16

#define TAP_MAX	     4
#define TAP_MAX_SEGS 16

struct ifreq_flags {
	char name[IFNAMSIZ];
	short flags;
	char pad[22]; /* the rest of struct ifreq's union */
};

struct iovec_host {
	void *base;
	unsigned long len;
};

struct pollfd_host {
	int fd;
	short events, revents;
};

struct tap {
	struct km_netdev dev;
	int fd;
	char ifname[IFNAMSIZ];
	struct km_netbuf *spare; /* an rx buffer the last read found no frame for */
};

static const char *tap_names;
static bool tap_required;
KM_PARAM(linuxu, tap, string, tap_names,
	 "host tap interfaces to use as network devices, comma-separated (tap0,tap1)");
KM_PARAM(linuxu, tap_required, bool, tap_required,
	 "stop the boot when a linuxu.tap interface cannot be opened");

static struct tap taps[TAP_MAX];
static unsigned int ntaps;

static struct tap *of(struct km_netdev *dev)
{
	return KM_CONTAINER_OF(dev, struct tap, dev);
}

static bool readable(int fd)
{
	struct pollfd_host p = { .fd = fd, .events = POLLIN };
	struct linuxu_timespec zero = { 0, 0 };

	return linuxu_syscall6(LINUXU_SYS_ppoll, (long)&p, 1, (long)&zero, 0, 0, 0) > 0 &&
	       (p.revents & POLLIN);
}

/*
 * SIGIO on or off for @fd. The host raises it for every frame while on: off
 * while the stack drains the queue itself, which saves a host signal per
 * frame under load.
 */
static void set_async(int fd, bool on)
{
	linuxu_syscall(SYS_fcntl, fd, F_SETFL, O_RDWR | O_NONBLOCK | (on ? O_ASYNC : 0));
}

/* SIGIO: some tap has frames. Only devices whose stack asked hear of it. */
static void on_sigio(void *arg)
{
	unsigned int i;

	(void)arg;
	for (i = 0; i < ntaps; i++)
		if (taps[i].dev.intr_armed[0] && readable(taps[i].fd) &&
		    km_netdev_event(&taps[i].dev, KM_NETDEV_EV_RX, 0))
			set_async(taps[i].fd, false);
}

static int tap_start(struct km_netdev *dev)
{
	struct tap *t = of(dev);

	t->spare = km_netdev_rx_buffer(dev);
	return t->spare ? 0 : -ENOMEM;
}

static void tap_stop(struct km_netdev *dev)
{
	struct tap *t = of(dev);

	km_netbuf_free(t->spare);
	t->spare = NULL;
}

static int tap_rx_burst(struct km_netdev *dev, unsigned int q, struct km_netbuf **pkts,
			unsigned int n)
{
	struct tap *t = of(dev);
	unsigned int got = 0;
	/* One byte past the buffer tells a frame too long from one that fits. */
	char overflow[1];

	(void)q;
	while (got < n) {
		struct km_netbuf *nb = t->spare ? t->spare : km_netdev_rx_buffer(dev);
		struct iovec_host iov[2];
		long r;

		t->spare = NULL;
		if (!nb) {
			/* No memory: leave the frame in the host's queue for later. */
			break;
		}
		iov[0].base = nb->data;
		iov[0].len =
			KM_MIN(km_netbuf_tailroom(nb), (size_t)dev->info.mtu + KM_NETDEV_ETH_HLEN);
		iov[1].base = overflow;
		iov[1].len = sizeof(overflow);
		r = linuxu_syscall(SYS_readv, t->fd, iov, 2);
		if (r == -EINTR)
			r = linuxu_syscall(SYS_readv, t->fd, iov, 2);
		if (r < 0 || r == 0) {
			t->spare = nb;
			if (r != -EAGAIN && r != 0)
				km_netdev_count_rx_error(dev);
			break;
		}
		if ((unsigned long)r > iov[0].len || r < KM_NETDEV_ETH_HLEN) {
			t->spare = nb;
			km_netdev_count_rx_error(dev);
			continue;
		}
		nb->len = (size_t)r;
		pkts[got++] = nb;
	}
	return (int)got;
}

static int tap_tx_burst(struct km_netdev *dev, unsigned int q, struct km_netbuf **pkts,
			unsigned int n)
{
	struct tap *t = of(dev);
	unsigned int sent = 0;

	(void)q;
	for (; sent < n; sent++) {
		struct iovec_host iov[TAP_MAX_SEGS];
		const struct km_netbuf *seg;
		int nseg = 0;
		long r;

		for (seg = pkts[sent]; seg; seg = seg->next, nseg++) {
			iov[nseg].base = seg->data;
			iov[nseg].len = seg->len;
		}
		r = linuxu_syscall(SYS_writev, t->fd, iov, nseg);
		if (r == -EINTR)
			r = linuxu_syscall(SYS_writev, t->fd, iov, nseg);
		if (r == -EAGAIN)
			break; /* the host's queue is full: the caller keeps the rest */
		if (r < 0)
			km_netdev_count_tx_drop(dev); /* e.g. EIO: the host interface is down */
		km_netbuf_free(pkts[sent]);
	}
	return (int)sent;
}

/* SIGIO on, then a look: a frame that came before it is seen here (and
 * SIGIO goes off again: the caller drains the queue itself). */
static int tap_intr_enable(struct km_netdev *dev, unsigned int q)
{
	int fd = of(dev)->fd;

	(void)q;
	set_async(fd, true);
	if (!readable(fd))
		return 0;
	set_async(fd, false);
	return 1;
}

static void tap_intr_disable(struct km_netdev *dev, unsigned int q)
{
	(void)q;
	set_async(of(dev)->fd, false);
}

/*
 * The host interface's flags (IFF_UP, IFF_RUNNING, ...) through a socket
 * ioctl, or -errno: -ENODEV when there is no such interface.
 */
static int host_if_flags(const char *ifname)
{
	struct ifreq_flags ifr;
	long sock, r;

	sock = linuxu_syscall(SYS_socket, AF_INET, SOCK_DGRAM | O_CLOEXEC, 0);
	if (sock < 0)
		return (int)sock;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.name, ifname, sizeof(ifr.name));
	r = linuxu_syscall(LINUXU_SYS_ioctl, sock, SIOCGIFFLAGS, &ifr);
	linuxu_syscall(SYS_close, sock, 0, 0);
	return r < 0 ? (int)r : (unsigned short)ifr.flags;
}

static void tap_link(struct km_netdev *dev, struct km_netdev_link *link)
{
	int flags = host_if_flags(of(dev)->ifname);

	link->up = flags >= 0 && (flags & IFF_UP) && (flags & IFF_RUNNING);
}

static const struct km_netdev_ops tap_ops = {
	.start = tap_start,
	.stop = tap_stop,
	.rx_burst = tap_rx_burst,
	.tx_burst = tap_tx_burst,
	.rxq_intr_enable = tap_intr_enable,
	.rxq_intr_disable = tap_intr_disable,
	.link = tap_link,
};

/* A stable, locally administered unicast MAC from the interface's name. */
static void mac_from_name(const char *name, uint8_t mac[KM_NETDEV_ETH_ALEN])
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (; *name; name++)
		h = (h ^ (uint8_t)*name) * 16777619u;
	mac[0] = 0x02;
	mac[1] = 0x4b; /* "KM" */
	mac[2] = 0x4d;
	mac[3] = (uint8_t)(h >> 16);
	mac[4] = (uint8_t)(h >> 8);
	mac[5] = (uint8_t)h;
}

static int tap_open(struct tap *t)
{
	struct ifreq_flags ifr;
	long fd, r;

	/* TUNSETIFF would create a missing interface, down and unconfigured,
	 * which is never what a misspelt linuxu.tap= means: insist that it
	 * exists. */
	r = host_if_flags(t->ifname);
	if (r < 0)
		return (int)r;
	fd = linuxu_syscall(SYS_open, "/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC, 0);
	if (fd < 0)
		return (int)fd;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.name, t->ifname, sizeof(ifr.name));
	ifr.flags = IFF_TAP | IFF_NO_PI;
	r = linuxu_syscall(LINUXU_SYS_ioctl, fd, TUNSETIFF, &ifr);
	if (r >= 0)
		r = linuxu_syscall(SYS_fcntl, fd, F_SETOWN,
				   linuxu_syscall(LINUXU_SYS_getpid, 0, 0, 0));
	if (r >= 0) /* SIGIO (O_ASYNC) only while the stack waits for frames */
		r = linuxu_syscall(SYS_fcntl, fd, F_SETFL, O_RDWR | O_NONBLOCK);
	if (r < 0) {
		linuxu_syscall(SYS_close, fd, 0, 0);
		return (int)r;
	}
	t->fd = (int)fd;
	return 0;
}

static void tap_describe(struct tap *t)
{
	t->dev.ops = &tap_ops;
	t->dev.info.driver = "tap";
	mac_from_name(t->ifname, t->dev.info.mac);
	t->dev.info.mtu = 1500;
	t->dev.info.max_mtu = 1500;
	t->dev.info.features = KM_NETDEV_F_RX_INTR | KM_NETDEV_F_TX_SG;
	t->dev.info.nb_rxq = 1;
	t->dev.info.nb_txq = 1;
	t->dev.info.max_tx_segs = TAP_MAX_SEGS;
	t->dev.info.max_burst = 32;
}

/* Open one tap named by [name, name + len): 0 or -errno, reported. */
static int tap_add(const char *name, size_t len)
{
	struct tap *t = &taps[ntaps];
	int rc;

	if (!len || len >= IFNAMSIZ) {
		km_pr_err("linuxu.tap: \"%.*s\" is not an interface name (1 to %d characters)\n",
			  (int)len, name, IFNAMSIZ - 1);
		return -EINVAL;
	}
	if (ntaps == TAP_MAX) {
		km_pr_err("linuxu.tap: %.*s: at most %d taps\n", (int)len, name, TAP_MAX);
		return -ENOSPC;
	}
	for (unsigned int k = 0; k < ntaps; k++)
		if (strlen(taps[k].ifname) == len && !memcmp(taps[k].ifname, name, len)) {
			km_pr_err("linuxu.tap: %.*s is named twice\n", (int)len, name);
			return -EEXIST;
		}
	memset(t, 0, sizeof(*t));
	memcpy(t->ifname, name, len);
	rc = tap_open(t);
	if (rc < 0) {
		/* TUNSETIFF on an interface that exists but is no tap: EINVAL */
		km_pr_err("linuxu.tap: cannot open tap %s: %s (errno %d)%s%s\n", t->ifname,
			  strerror(-rc), -rc,
			  rc == -EINVAL ? "; is it a tap? (ip tuntap add dev NAME mode tap)" : "",
			  tap_required ? ""
				       : "; going on without it (linuxu.tap_required=y stops)");
		return rc;
	}
	tap_describe(t);
	ntaps++; /* before registering: SIGIO may already look at it */
	rc = km_netdev_register(&t->dev);
	if (rc < 0) {
		ntaps--;
		linuxu_syscall(SYS_close, t->fd, 0, 0);
		return rc;
	}
	km_pr_info("%s: host tap %s\n", km_netdev_name(&t->dev), t->ifname);
	if (!(host_if_flags(t->ifname) & IFF_UP))
		km_pr_warn("%s: host tap %s is down: frames sent are dropped until it is up\n",
			   km_netdev_name(&t->dev), t->ifname);
	return 0;
}

static int linuxu_tap_init(void)
{
	const char *p = tap_names;
	int rc, first_error = 0;

	if (!p || !*p)
		return 0;
	rc = linuxu_irq_register(SIGIO, on_sigio, NULL);
	if (rc < 0) {
		km_pr_err("linuxu.tap: cannot take SIGIO: errno %d\n", -rc);
		return rc;
	}
	while (*p) {
		size_t len = strcspn(p, ",");

		rc = tap_add(p, len);
		if (rc < 0 && !first_error)
			first_error = rc;
		p += len;
		if (*p == ',')
			p++;
	}
	if (first_error && tap_required) {
		km_pr_crit("linuxu.tap_required=y: stopping\n");
		km_plat_terminate(KM_EXIT_INIT_FAILED);
	}
	/* Said once above, by name and errno: the boot goes on without it. */
	return 0;
}
KM_INIT_PLAT(linuxu_tap_init, 5);
