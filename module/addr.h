/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Addresses of either family, as Tern's tables, hashes and headers take
 * them: an IPv6 address, an IPv4 one in its v4-mapped form (::ffff:a.b.c.d).
 * One key type lets an IPv6 socket that talks to an IPv4 peer (dual stack)
 * match that peer's segments as an IPv4 socket would.
 */
#ifndef _TERN_ADDR_H
#define _TERN_ADDR_H

#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/transp_v6.h>

/**
 * struct tern_addrs - a segment's addresses, as its receiver sees them
 * @raddr: the remote end's (the segment's source)
 * @laddr: ours (its destination)
 */
struct tern_addrs {
	struct in6_addr raddr;
	struct in6_addr laddr;
};

/* Is @a an IPv4 address (in its v4-mapped form)? */
static inline bool tern_addr_v4(const struct in6_addr *a)
{
	return ipv6_addr_v4mapped(a);
}

/**
 * tern_skb_addrs() - a received segment's addresses
 * @skb: the segment, its network header an IPv4 or IPv6 one
 * @a: out: source and destination
 */
static inline void tern_skb_addrs(const struct sk_buff *skb, struct tern_addrs *a)
{
	if (ip_hdr(skb)->version == 4) {
		ipv6_addr_set_v4mapped(ip_hdr(skb)->saddr, &a->raddr);
		ipv6_addr_set_v4mapped(ip_hdr(skb)->daddr, &a->laddr);
	} else {
		a->raddr = ipv6_hdr(skb)->saddr;
		a->laddr = ipv6_hdr(skb)->daddr;
	}
}

/**
 * tern_sockaddr() - an address and port as the sockaddr "%pISpc" prints:
 *	an IPv4 one as 10.0.0.1:80, an IPv6 one as [fd00::1]:80
 * @buf: out: room for a struct sockaddr_in6
 * @addr: the address (IPv4 v4-mapped)
 * @port: the port
 */
static inline void tern_sockaddr(void *buf, const struct in6_addr *addr,
				 __be16 port)
{
	struct sockaddr_in6 *v6 = buf;
	struct sockaddr_in *v4 = buf;

	memset(buf, 0, sizeof(*v6));
	if (tern_addr_v4(addr)) {
		v4->sin_family = AF_INET;
		v4->sin_port = port;
		v4->sin_addr.s_addr = addr->s6_addr32[3];
	} else {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = port;
		v6->sin6_addr = *addr;
	}
}

/**
 * tern_sk_addrs() - a socket's two addresses, whatever its family and state
 * @sk: a full socket
 * @a: out: ours (laddr) and the peer's (raddr), IPv4 v4-mapped
 *
 * An IPv4 socket that is only bound has no v6 form of its address yet:
 * it is made here from the IPv4 one.
 */
static inline void tern_sk_addrs(const struct sock *sk, struct tern_addrs *a)
{
	if (sk->sk_family == AF_INET6) {
		a->laddr = sk->sk_v6_rcv_saddr;
		a->raddr = sk->sk_v6_daddr;
	} else {
		ipv6_addr_set_v4mapped(sk->sk_rcv_saddr, &a->laddr);
		ipv6_addr_set_v4mapped(sk->sk_daddr, &a->raddr);
	}
}

/**
 * tern_sk_sockaddrs() - a socket's two ends, as tern_sockaddr() keeps them
 * @sk: a full socket
 * @src: out: ours
 * @dst: out: the peer's
 */
static inline void tern_sk_sockaddrs(const struct sock *sk, void *src, void *dst)
{
	struct tern_addrs a;

	tern_sk_addrs(sk, &a);
	tern_sockaddr(src, &a.laddr, inet_sk(sk)->inet_sport);
	tern_sockaddr(dst, &a.raddr, inet_sk(sk)->inet_dport);
}

/* The device a received segment arrived on, and its l3 master's slave,
 * from IP's control block (so, before anything else takes skb->cb).
 */
static inline int tern_ip_dif(const struct sk_buff *skb)
{
	return ip_hdr(skb)->version == 4 ? inet_iif(skb) : inet6_iif(skb);
}

static inline int tern_ip_sdif(const struct sk_buff *skb)
{
	return ip_hdr(skb)->version == 4 ? inet_sdif(skb) : inet6_sdif(skb);
}

#endif /* _TERN_ADDR_H */
