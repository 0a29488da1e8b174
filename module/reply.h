/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Segments no full socket sends: RSTs for segments nobody wants, ACKs
 * for request and TIME_WAIT entries, a listener's SYN+ACKs.
 */
#ifndef _TERN_REPLY_H
#define _TERN_REPLY_H

#include <linux/in6.h>
#include <linux/skbuff.h>

struct net;
struct sock;

struct dst_entry *tern_route_unowned(struct sock *sk,
				     const struct in6_addr *saddr, __be16 sport,
				     const struct in6_addr *daddr, __be16 dport,
				     int oif);
int tern_send_unowned(const struct sock *sk, struct sk_buff *skb,
		      const struct in6_addr *saddr, const struct in6_addr *daddr);
bool tern_reply_limited(struct net *net, const struct sk_buff *skb, u32 *last,
			bool any);
void tern_reply_reset(struct net *net, struct sk_buff *rxskb);
void tern_reply_ack(struct net *net, struct sk_buff *rxskb, u32 seq, u32 ack,
		    u32 window);

#endif /* _TERN_REPLY_H */
