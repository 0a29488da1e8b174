// SPDX-License-Identifier: GPL-2.0
/*
 * The IP receive handler: validate every segment before anything trusts
 * it, count what arrives, and hand it on.
 */
#include <net/ip.h>

#include "input.h"
#include "main.h"
#include "netns.h"
#include "wire.h"

/* Check what can be checked without a socket. Returns 0 when the segment
 * is well formed, otherwise the counter that names the reason.
 */
static enum tern_stat tern_validate(struct sk_buff *skb)
{
	const struct ternhdr *th;
	unsigned int hlen;

	if (!pskb_may_pull(skb, TERN_HDR_LEN))
		return TERN_STAT_DROP_SHORT;
	th = tern_hdr(skb);
	hlen = tern_hdr_len(th);
	if (hlen < TERN_HDR_LEN || hlen > TERN_MAX_HDR_LEN || hlen > skb->len)
		return TERN_STAT_DROP_BAD_OFFSET;
	if (!pskb_may_pull(skb, hlen))
		return TERN_STAT_DROP_SHORT;

	if (skb_checksum_init(skb, tern_ipproto, inet_compute_pseudo) ||
	    skb_checksum_complete(skb))
		return TERN_STAT_DROP_BAD_CSUM;

	th = tern_hdr(skb);
	if (!tern_flags_valid(th->flags))
		return TERN_STAT_DROP_BAD_FLAGS;
	if (!th->source || !th->dest)
		return TERN_STAT_DROP_BAD_PORT;
	return 0;
}

/**
 * tern_v4_rcv() - IP's entry point for every Tern segment
 * @skb: the segment, its data at the Tern header
 *
 * Return: 0; the skb is always consumed.
 */
int tern_v4_rcv(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);
	enum tern_stat why;

	if (skb->pkt_type != PACKET_HOST) {
		why = TERN_STAT_DROP_NOT_HOST;
		goto bad;
	}
	why = tern_validate(skb);
	if (why)
		goto bad;

	tern_stat_inc(net, TERN_STAT_IN_SEGS);
	tern_stat_inc(net, TERN_STAT_NO_SOCKET);
	kfree_skb(skb);
	return 0;

bad:
	tern_stat_inc(net, TERN_STAT_IN_ERRS);
	tern_stat_inc(net, why);
	kfree_skb(skb);
	return 0;
}

/**
 * tern_v4_err() - ICMP errors about segments we sent
 * @skb: the ICMP message, its data at the quoted IP header's payload
 * @info: ICMP information (the next-hop MTU for "fragmentation needed")
 *
 * Return: 0.
 */
int tern_v4_err(struct sk_buff *skb, u32 info)
{
	return 0;
}
