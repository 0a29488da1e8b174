/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Receiving segments from IP.
 */
#ifndef _TERN_INPUT_H
#define _TERN_INPUT_H

#include <linux/skbuff.h>
#include <net/sock.h>

#include "addr.h"
#include "wire.h"

/**
 * struct tern_icmp - what an ICMP or ICMPv6 error says, decoded
 * @mtu: the next-hop MTU of a "packet too big" error, else 0
 * @err: the errno of a hard error, 0 for one to ignore
 * @req_abort: it ends a request entry whose SYN+ACK it quotes
 */
struct tern_icmp {
	u32 mtu;
	int err;
	bool req_abort;
};

int tern_ip_rcv(struct sk_buff *skb);
int tern_rcv(struct sock *sk, struct sk_buff *skb);
int tern_v4_err(struct sk_buff *skb, u32 info);
int tern_icmp_rcv(struct net *net, const struct tern_addrs *a,
		  const struct ternhdr *th, int dif, int sdif,
		  const struct tern_icmp *icmp);
void tern_listen_rcv(struct sock *sk, struct sk_buff *skb);
void tern_mtu_reduced(struct sock *sk);
void tern_icmp_error(struct sock *sk);

#endif /* _TERN_INPUT_H */
