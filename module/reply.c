// SPDX-License-Identifier: GPL-2.0
/*
 * Segments sent without a full socket: replies built from the segment
 * they answer (RSTs, and ACKs for request and TIME_WAIT entries), sent
 * through the namespace's control socket (a raw socket, unhashed, used
 * only for its settings), and a listener's SYN+ACKs.
 */
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/route.h>

#include "fault.h"
#include "header.h"
#include "ipv6.h"
#include "main.h"
#include "netns.h"
#include "reply.h"
#include "sock.h"
#include "trace.h"

/**
 * tern_send_unowned() - send a segment no full socket owns
 * @sk: the socket whose IP settings apply (a listener, the control socket)
 * @skb: the segment, header written, route attached; consumed
 * @saddr: its source address (IPv4 v4-mapped)
 * @daddr: its destination address
 *
 * Counted, traced and offered to the fault injector as every segment is.
 *
 * Return: 0 or a negative errno.
 */
int tern_send_unowned(const struct sock *sk, struct sk_buff *skb,
		      const struct in6_addr *saddr, const struct in6_addr *daddr)
{
	const struct ternhdr *th = tern_hdr(skb);
	struct net *net = sock_net(sk);
	int err;

	tern_stat_inc(net, TERN_STAT_OUT_SEGS);
	if (th->flags & TERN_FLAG_RST)
		tern_stat_inc(net, TERN_STAT_OUT_RSTS);
	trace_tern_xmit(saddr, daddr, th, 0);
	if (tern_fault_should_drop(net, th, 0)) {
		kfree_skb(skb);
		return 0;
	}
	if (tern_addr_v4(daddr))
		err = ip_build_and_send_pkt(skb, sk, saddr->s6_addr32[3],
					    daddr->s6_addr32[3], NULL,
					    READ_ONCE(inet_sk(sk)->tos));
	else
		err = tern_v6_send_unowned(sk, skb, saddr, daddr);
	/* net_xmit_eval() evaluates its argument more than once. */
	return net_xmit_eval(err);
}

/**
 * tern_route_unowned() - a route for a segment no full socket owns
 * @sk: the socket whose settings apply (a listener, a control socket)
 * @saddr: the source address (IPv4 v4-mapped, the family it goes in)
 * @sport: the source port
 * @daddr: the destination address
 * @dport: the destination port
 * @oif: the device to send on, 0 for any
 *
 * Return: the route, or an ERR_PTR().
 */
struct dst_entry *tern_route_unowned(struct sock *sk,
				     const struct in6_addr *saddr, __be16 sport,
				     const struct in6_addr *daddr, __be16 dport,
				     int oif)
{
	struct flowi6 fl6;
	struct flowi4 fl4;
	struct rtable *rt;

	if (!tern_addr_v4(daddr))
		return tern_v6_route(sk, &fl6, saddr, sport, daddr, dport, oif);
	rt = ip_route_output_ports(sock_net(sk), &fl4, sk, daddr->s6_addr32[3],
				   saddr->s6_addr32[3], dport, sport, tern_ipproto,
				   READ_ONCE(inet_sk(sk)->tos), oif);
	return IS_ERR(rt) ? ERR_CAST(rt) : &rt->dst;
}

/* The device a reply to a link-local address must leave by: the one the
 * segment it answers came in on.
 */
static int tern_reply_oif(const struct sk_buff *rxskb, const struct in6_addr *daddr)
{
	return ipv6_addr_type(daddr) & IPV6_ADDR_LINKLOCAL ? TERN_SKB_CB(rxskb)->dif : 0;
}

static void tern_reply(struct net *net, struct sk_buff *rxskb, u32 seq,
		       u32 ack, u8 flags, u32 window)
{
	const struct ternhdr *rxth = tern_hdr(rxskb);
	struct tern_net *tn = tern_net(net);
	struct sock *ctl_sk;
	struct dst_entry *dst;
	struct tern_addrs a;
	struct tern_header h = {
		.saddr = &a.laddr, .daddr = &a.raddr,
		.sport = rxth->dest, .dport = rxth->source,
		.seq = seq, .ack_seq = ack, .window = window, .flags = flags,
	};
	struct sk_buff *skb;

	tern_skb_addrs(rxskb, &a);
	ctl_sk = tern_addr_v4(&a.raddr) ? tn->ctl_sk : tn->ctl_sk6;
	if (!ctl_sk)
		return;
	dst = tern_route_unowned(ctl_sk, &a.laddr, rxth->dest, &a.raddr,
				 rxth->source, tern_reply_oif(rxskb, &a.raddr));
	if (IS_ERR(dst))
		return;
	skb = tern_alloc_header_skb(GFP_ATOMIC);
	if (!skb) {
		dst_release(dst);
		return;
	}
	tern_push_header(skb, &h);
	skb_dst_set(skb, dst);
	tern_send_unowned(ctl_sk, skb, &a.laddr, &a.raddr);
}

/**
 * tern_reply_limited() - is it too soon to answer another unacceptable
 *	segment for this entry?
 * @net: the namespace (net.tern.invalid_ratelimit_ms)
 * @skb: the segment
 * @last: the entry's time of its last such answer, jiffies; 0 for never
 * @any: limit whatever the segment (a TIME_WAIT entry expects nothing but
 *	its peer's FIN again); else, as in TCP, one with data or a FIN and
 *	no SYN is always answered: its sender needs our ACK to go on
 *
 * As TCP's tcp_oow_rate_limited(): two ends that each find the other's
 * segments unacceptable would otherwise ACK each other at line rate.
 *
 * Return: true to stay silent (counted), false to answer (noted in @last).
 */
bool tern_reply_limited(struct net *net, const struct sk_buff *skb, u32 *last,
			bool any)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	u32 now = tern_jiffies32, then = READ_ONCE(*last);
	s32 since = now - then;

	if (!any && cb->seq != cb->end_seq && !(cb->flags & TERN_FLAG_SYN))
		return false;
	if (then && since >= 0 &&
	    since < msecs_to_jiffies(READ_ONCE(tern_sysctl(net)->invalid_ratelimit_ms))) {
		tern_stat_inc(net, TERN_STAT_OOW_LIMITED);
		return true;
	}
	WRITE_ONCE(*last, now ? : 1);
	return false;
}

/* Was @rxskb addressed to one of this host's unicast addresses (not a
 * broadcast, multicast or forwarded one)?
 */
static bool tern_to_local_unicast(struct sk_buff *rxskb)
{
	if (ip_hdr(rxskb)->version == 4)
		return !skb_rtable(rxskb) || skb_rtable(rxskb)->rt_type == RTN_LOCAL;
	return !skb_dst(rxskb) || ipv6_unicast_destination(rxskb);
}

/**
 * tern_reply_reset() - reset the sender of a segment nobody wants
 * @net: the namespace it arrived in
 * @rxskb: the segment, its control block filled in
 *
 * RFC 793: a RST takes its sequence number from the segment's ACK, or
 * else acknowledges the segment. A RST never answers a RST, and only
 * segments addressed to this host get one.
 */
void tern_reply_reset(struct net *net, struct sk_buff *rxskb)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(rxskb);

	if (cb->flags & TERN_FLAG_RST)
		return;
	if (!tern_to_local_unicast(rxskb))
		return;
	if (cb->flags & TERN_FLAG_ACK)
		tern_reply(net, rxskb, cb->ack_seq, 0, TERN_FLAG_RST, 0);
	else
		tern_reply(net, rxskb, 0, cb->end_seq,
			   TERN_FLAG_RST | TERN_FLAG_ACK, 0);
}

/**
 * tern_reply_ack() - acknowledge a segment for a request or TIME_WAIT entry
 * @net: the namespace it arrived in
 * @rxskb: the segment
 * @seq: our sequence number
 * @ack: the acknowledgment number
 * @window: the window to advertise
 */
void tern_reply_ack(struct net *net, struct sk_buff *rxskb, u32 seq, u32 ack,
		    u32 window)
{
	tern_reply(net, rxskb, seq, ack, TERN_FLAG_ACK, window);
}
