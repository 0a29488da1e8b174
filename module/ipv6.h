/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv6: AF_INET6 sockets on the same protocol number, and the few places
 * where the two families send or route differently.
 */
#ifndef _TERN_IPV6_H
#define _TERN_IPV6_H

#include <linux/ipv6.h>
#include <net/sock.h>

#include "addr.h"
#include "compat.h"
#include "sock.h"

/**
 * struct tern6_sock - an AF_INET6 Tern socket
 * @tern: the Tern socket; must come first
 * @inet6: the IPv6 state; must come last (inet6_create() finds it at the
 *	end of the object on kernels without proto->ipv6_pinfo_offset)
 */
struct tern6_sock {
	struct tern_sock tern;
	struct ipv6_pinfo inet6;
};

/**
 * tern_sk_v4() - does @sk send IPv4: an AF_INET socket, or an AF_INET6 one
 *	connected to a v4-mapped address?
 * @sk: a socket with its remote address set
 */
static inline bool tern_sk_v4(const struct sock *sk)
{
	return sk->sk_family == AF_INET || tern_addr_v4(&sk->sk_v6_daddr);
}

/* Room the IP header takes in each segment @sk sends. */
static inline unsigned int tern_sk_ip_hdr_len(const struct sock *sk)
{
	return tern_sk_v4(sk) ? sizeof(struct iphdr) : sizeof(struct ipv6hdr);
}

int tern_v6_init(void);
void tern_v6_exit(void);
int tern_v6_connect(struct sock *sk, TERN_SOCKADDR *uaddr, int addr_len);
void tern_v6_reset_saddr(struct sock *sk);
int tern_queue_xmit(struct sock *sk, struct sk_buff *skb);
int tern_rebuild_header(struct sock *sk);
u32 tern_dst_cookie(const struct sock *sk);
struct dst_entry *tern_v6_route(struct sock *sk, struct flowi6 *fl6,
				const struct in6_addr *saddr, __be16 sport,
				const struct in6_addr *daddr, __be16 dport, int oif);
int tern_v6_send_unowned(const struct sock *sk, struct sk_buff *skb,
			 const struct in6_addr *saddr,
			 const struct in6_addr *daddr);
int tern_v6_child_init(struct sock *child, const struct sock_common *c);

#endif /* _TERN_IPV6_H */
