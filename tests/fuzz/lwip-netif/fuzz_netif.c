/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: lwIP's netif input path with the image's options.
 *
 * The input is a sequence of Ethernet frames, each a 2-byte big-endian
 * length and that many bytes, fed to ethernet_input() on an interface at
 * 10.0.0.2/24 (MAC 02:00:00:00:00:02) where a TCP listener (port 80, which
 * echoes and then closes) and a UDP echo (port 7) wait; lwIP's clock moves
 * 100 ms after each frame and its timers run. After the input every
 * connection is aborted and the ARP table flushed, so inputs do not affect
 * each other, and AddressSanitizer reports any pbuf or pcb left behind.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
#include "lwip/udp.h"
#include "netif/ethernet.h"

static struct netif netif;
static uint32_t now_ms;
static struct udp_pcb *echo_udp;
static struct tcp_pcb *listener;

u32_t sys_now(void)
{
	return now_ms;
}

void km_lwip_diag(const char *fmt, ...)
{
	(void)fmt;
}

void km_lwip_assert(const char *msg, const char *file, int line)
{
	fprintf(stderr, "lwIP assertion failed: %s (%s:%d)\n", msg, file, line);
	abort();
}

unsigned int km_lwip_rand(void)
{
	return 12345; /* deterministic: a crash must replay */
}

unsigned int km_lwip_tcp_isn(void)
{
	return now_ms * 250;
}

static err_t link_output(struct netif *n, struct pbuf *p)
{
	(void)n;
	return p->tot_len ? ERR_OK : ERR_ARG;
}

static err_t if_init(struct netif *n)
{
	static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 2 };

	n->name[0] = 'f';
	n->name[1] = 'z';
	n->output = etharp_output;
	n->linkoutput = link_output;
	n->mtu = 1500;
	n->hwaddr_len = 6;
	memcpy(n->hwaddr, mac, 6);
	n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
	return ERR_OK;
}

static err_t conn_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	(void)arg;
	if (!p) {
		tcp_close(pcb);
		return ERR_OK;
	}
	tcp_recved(pcb, p->tot_len);
	if (p->tot_len && p->tot_len <= tcp_sndbuf(pcb)) {
		struct pbuf *q;

		for (q = p; q; q = q->next)
			tcp_write(pcb, q->payload, q->len, TCP_WRITE_FLAG_COPY);
		tcp_output(pcb);
	}
	pbuf_free(p);
	(void)err;
	return ERR_OK;
}

static err_t conn_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	(void)arg;
	if (err != ERR_OK || !pcb)
		return ERR_VAL;
	tcp_recv(pcb, conn_recv);
	return ERR_OK;
}

static void udp_echo(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr,
		     u16_t port)
{
	(void)arg;
	udp_sendto(pcb, p, addr, port);
	pbuf_free(p);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	ip4_addr_t addr, mask, gw;

	(void)argc;
	(void)argv;
	lwip_init();
	IP4_ADDR(&addr, 10, 0, 0, 2);
	IP4_ADDR(&mask, 255, 255, 255, 0);
	IP4_ADDR(&gw, 10, 0, 0, 1);
	netif_add(&netif, &addr, &mask, &gw, NULL, if_init, ethernet_input);
	netif_set_default(&netif);
	netif_set_up(&netif);
	netif_set_link_up(&netif);
	listener = tcp_new();
	echo_udp = udp_new();
	if (!listener || !echo_udp || tcp_bind(listener, IP_ADDR_ANY, 80) != ERR_OK)
		abort();
	listener = tcp_listen(listener);
	if (!listener)
		abort();
	tcp_accept(listener, conn_accept);
	udp_bind(echo_udp, IP_ADDR_ANY, 7);
	udp_recv(echo_udp, udp_echo, NULL);
	return 0;
}

static void forget_everything(void)
{
	while (tcp_active_pcbs)
		tcp_abort(tcp_active_pcbs);
	while (tcp_tw_pcbs)
		tcp_abort(tcp_tw_pcbs);
	etharp_cleanup_netif(&netif);
	/* IP reassembly buffers time out: run the clock past them. */
	for (int i = 0; i < 40; i++) {
		now_ms += 1000;
		sys_check_timeouts();
	}
}

/* Frames longer than lib/lwip's copybreak reach lwIP in place, as a custom
 * PBUF_REF pbuf over the device's buffer (lib/lwip/netif.c): the same here,
 * over a heap block of exactly the frame's size, so that ASan sees any
 * access past it. */
#define RX_COPYBREAK 256

struct fuzz_frame {
	struct pbuf_custom pc;
	uint8_t *buf;
};

static void frame_free(struct pbuf *p)
{
	struct fuzz_frame *f = (struct fuzz_frame *)p;

	free(f->buf);
	free(f);
}

static struct pbuf *frame_pbuf(const uint8_t *data, size_t len)
{
	struct fuzz_frame *f;
	struct pbuf *p;

	if (len <= RX_COPYBREAK) {
		p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
		if (p)
			pbuf_take(p, data, (u16_t)len);
		return p;
	}
	f = calloc(1, sizeof(*f));
	if (!f || !(f->buf = malloc(len))) {
		free(f);
		return NULL;
	}
	memcpy(f->buf, data, len);
	f->pc.custom_free_function = frame_free;
	return pbuf_alloced_custom(PBUF_RAW, (u16_t)len, PBUF_REF, &f->pc, f->buf, (u16_t)len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	while (size >= 2) {
		size_t len = (size_t)data[0] << 8 | data[1];
		struct pbuf *p;

		data += 2;
		size -= 2;
		if (len > size)
			len = size;
		if (len > 1514)
			len = 1514;
		p = frame_pbuf(data, len);
		if (!p)
			break;
		netif.input(p, &netif);
		data += len;
		size -= len;
		now_ms += 100;
		sys_check_timeouts();
	}
	forget_everything();
	return 0;
}
