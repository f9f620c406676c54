/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's options for Kumiki. The KM_LWIP_* values come from Kconfig as -D
 * flags (lib/lwip/Makefile.uk), which are part of the object cache key of
 * liblwip.a; the glue is compiled with the same flags, so both always
 * agree on every structure.
 */
#ifndef KM_LWIP_LWIPOPTS_H
#define KM_LWIP_LWIPOPTS_H

/* An operating system underneath: the tcpip thread owns the stack; other
 * threads enter it under the core lock (faster than a message per call). */
#define NO_SYS			      0
#define SYS_LIGHTWEIGHT_PROT	      1
#define LWIP_TCPIP_CORE_LOCKING	      1
#define LWIP_TCPIP_CORE_LOCKING_INPUT 0
#define TCPIP_THREAD_NAME	      "lwip-tcpip"
#define TCPIP_THREAD_STACKSIZE	      (KM_LWIP_TCPIP_STACK)
#define TCPIP_THREAD_PRIO	      0
#define TCPIP_MBOX_SIZE		      512
#define LWIP_NETIF_API		      1

/* Memory: lib/alloc's malloc for the heap and for every pool, so that
 * unused capacity costs nothing (a 2 MiB guest) and the allocator's
 * statistics account for the stack's memory too. The pool counts below
 * still size the socket table and bound the TCP state. */
#define MEM_LIBC_MALLOC		 1
#define MEMP_MEM_MALLOC		 1
#define MEM_ALIGNMENT		 8
#define LWIP_SUPPORT_CUSTOM_PBUF 1	      /* received frames go up in place (netif.c) */
#define MEM_SIZE		 (256 * 1024) /* unused with MEM_LIBC_MALLOC; checked by lwIP */

#define LWIP_IPV4		      1
#define LWIP_IPV6		      0
#define LWIP_ARP		      1
#define LWIP_ETHERNET		      1
#define ETHARP_SUPPORT_STATIC_ENTRIES 0
#define ARP_TABLE_SIZE		      16
#define IP_REASSEMBLY		      1
#define IP_FRAG			      1
#define LWIP_ICMP		      1
#define LWIP_RAW		      0
#define LWIP_DHCP		      1
#define LWIP_DHCP_DOES_ACD_CHECK      0
#define DHCP_DOES_ARP_CHECK	      0
#define LWIP_AUTOIP		      0
#define LWIP_IGMP		      0
/* Name resolution is the C library's (UDP to /etc/resolv.conf's server);
 * lwIP's resolver only records the server (netdev.ip or DHCP). */
#define LWIP_DNS 1 /* only to keep the DNS server DHCP gives */
#define LWIP_UDP 1
#define LWIP_TCP 1

#define MEMP_NUM_NETCONN	 (KM_LWIP_SOCKETS)
#define MEMP_NUM_TCP_PCB	 (KM_LWIP_TCP_PCBS)
#define MEMP_NUM_TCP_PCB_LISTEN	 16
#define MEMP_NUM_UDP_PCB	 (KM_LWIP_UDP_PCBS)
#define MEMP_NUM_TCP_SEG	 1024
#define MEMP_NUM_PBUF		 256
#define PBUF_POOL_SIZE		 256
#define MEMP_NUM_NETBUF		 256
#define MEMP_NUM_TCPIP_MSG_INPKT 512

#define TCP_MSS			   (KM_LWIP_TCP_MSS)
#define TCP_WND			   (KM_LWIP_TCP_WND)
#define TCP_SND_BUF		   (KM_LWIP_TCP_SND_BUF)
#define TCP_SND_QUEUELEN	   ((4 * TCP_SND_BUF + TCP_MSS - 1) / TCP_MSS)
#define TCP_QUEUE_OOSEQ		   1
#define TCP_LISTEN_BACKLOG	   1
#define TCP_DEFAULT_LISTEN_BACKLOG (KM_LWIP_BACKLOG)
#define LWIP_TCP_KEEPALIVE	   1
#define TCP_OVERSIZE		   TCP_MSS

/* Mailboxes: each holds pointers only. lwIP counts a connection against
 * the listen backlog until the program accepts it, but stops counting one
 * the peer resets meanwhile, which still holds its place in the accept
 * queue: with a queue only as long as the backlog, clients that connect
 * and reset faster than the program accepts overflow it, and lwIP answers
 * new connections with a reset. Eight times the backlog absorbs that; a
 * full queue still sheds load by resetting the newest. */
#define DEFAULT_TCP_RECVMBOX_SIZE 64
#define DEFAULT_UDP_RECVMBOX_SIZE 64
#define DEFAULT_RAW_RECVMBOX_SIZE 16
#define DEFAULT_ACCEPTMBOX_SIZE	  (8 * KM_LWIP_BACKLOG)

#define LWIP_NETCONN		    1
#define LWIP_SOCKET		    1
#define LWIP_COMPAT_SOCKETS	    0
#define LWIP_POSIX_SOCKETS_IO_NAMES 0
#define LWIP_SOCKET_OFFSET	    0
#define LWIP_SOCKET_SELECT	    1
#define LWIP_SOCKET_POLL	    1
#define LWIP_SO_RCVTIMEO	    1
#define LWIP_SO_SNDTIMEO	    1
#define LWIP_SO_RCVBUF		    1
#define LWIP_SO_LINGER		    1
#define SO_REUSE		    1
#define LWIP_FIONREAD_LINUXMODE	    1
#define LWIP_NETCONN_FULLDUPLEX	    0

#define LWIP_NETIF_STATUS_CALLBACK 1
#define LWIP_NETIF_LINK_CALLBACK   1
#define LWIP_NETIF_HOSTNAME	   1
#define LWIP_NETIF_LOOPBACK	   (KM_LWIP_LOOPBACK)
#define LWIP_HAVE_LOOPIF	   (KM_LWIP_LOOPBACK)
#define LWIP_LOOPBACK_MAX_PBUFS	   0
#define LWIP_SINGLE_NETIF	   0

#define LWIP_STATS	      0
#define LWIP_CHECKSUM_ON_COPY 1

#if KM_LWIP_DEBUG
#define LWIP_DEBUG	   1
#define LWIP_DBG_MIN_LEVEL LWIP_DBG_LEVEL_ALL
#define LWIP_DBG_TYPES_ON  LWIP_DBG_ON
#else
#define LWIP_NOASSERT 1
#endif

#endif /* KM_LWIP_LWIPOPTS_H */
