// SPDX-License-Identifier: GPL-2.0
/*
 * Replies built from the segment they answer, sent through the namespace's
 * control socket (a raw socket, unhashed, used only for its settings).
 */
#include <net/ip.h>
#include <net/route.h>

#include "fault.h"
#include "main.h"
#include "netns.h"
#include "output.h"
#include "reply.h"
#include "sock.h"
#include "trace.h"

static void tern_reply(struct net *net, struct sk_buff *rxskb, u32 seq,
		       u32 ack, u8 flags, u32 window)
{
	const struct ternhdr *rxth = tern_hdr(rxskb);
	const struct iphdr *rxiph = ip_hdr(rxskb);
	struct sock *ctl_sk = tern_net(net)->ctl_sk;
	struct ternhdr *th;
	struct sk_buff *skb;
	struct flowi4 fl4;
	struct rtable *rt;

	rt = ip_route_output_ports(net, &fl4, ctl_sk, rxiph->saddr, rxiph->daddr,
				   rxth->source, rxth->dest, tern_ipproto,
				   inet_sk(ctl_sk)->tos, 0);
	if (IS_ERR(rt))
		return;
	skb = alloc_skb(TERN_MAX_HEADER, GFP_ATOMIC);
	if (!skb) {
		ip_rt_put(rt);
		return;
	}
	skb_reserve(skb, TERN_MAX_HEADER);
	th = skb_push(skb, TERN_HDR_LEN);
	skb_reset_transport_header(skb);
	th->source = rxth->dest;
	th->dest = rxth->source;
	th->seq = htonl(seq);
	th->ack_seq = htonl(ack);
	th->doff = TERN_HDR_LEN / 4;
	th->flags = flags;
	th->window = htonl(window);
	th->check = 0;
	tern_set_checksum(skb, rxiph->daddr, rxiph->saddr);
	skb_dst_set(skb, &rt->dst);

	tern_stat_inc(net, TERN_STAT_OUT_SEGS);
	trace_tern_xmit(rxiph->daddr, rxiph->saddr, th, 0);
	if (flags & TERN_FLAG_RST)
		tern_stat_inc(net, TERN_STAT_OUT_RSTS);
	if (tern_fault_should_drop(net, th, 0)) {
		kfree_skb(skb);
		return;
	}
	ip_build_and_send_pkt(skb, ctl_sk, rxiph->daddr, rxiph->saddr, NULL,
			      inet_sk(ctl_sk)->tos);
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
	if (skb_rtable(rxskb) && skb_rtable(rxskb)->rt_type != RTN_LOCAL)
		return;
	if (cb->flags & TERN_FLAG_ACK)
		tern_reply(net, rxskb, cb->ack_seq, 0, TERN_FLAG_RST, 0);
	else
		tern_reply(net, rxskb, 0, cb->end_seq,
			   TERN_FLAG_RST | TERN_FLAG_ACK, 0);
}

/**
 * tern_reply_ack() - acknowledge a segment on behalf of a TIME_WAIT entry
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
