// SPDX-License-Identifier: GPL-2.0
/*
 * The Tern header on the wire: docs/PROTOCOL.md has the layout. The
 * checksum is left to the device, or to the core in software
 * (CHECKSUM_PARTIAL), as TCP's is.
 */
#include <net/checksum.h>
#include <net/ip.h>

#include "header.h"
#include "main.h"
#include "sock.h"

/**
 * tern_alloc_header_skb() - an empty skb with room for every header
 * @gfp: allocation context
 *
 * Return: the skb, its data at the end of the headroom, or NULL.
 */
struct sk_buff *tern_alloc_header_skb(gfp_t gfp)
{
	struct sk_buff *skb = alloc_skb(TERN_MAX_HEADER, gfp);

	if (skb)
		skb_reserve(skb, TERN_MAX_HEADER);
	return skb;
}

/**
 * tern_set_checksum() - have the checksum filled in below us
 * @skb: the segment, transport header set, data at the header
 * @saddr: source address for the pseudo-header
 * @daddr: destination address for the pseudo-header
 */
void tern_set_checksum(struct sk_buff *skb, __be32 saddr, __be32 daddr)
{
	struct ternhdr *th = tern_hdr(skb);

	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = skb_transport_header(skb) - skb->head;
	skb->csum_offset = offsetof(struct ternhdr, check);
	th->check = ~csum_tcpudp_magic(saddr, daddr, skb->len, tern_ipproto, 0);
}

/**
 * tern_push_header() - put a header in front of the payload
 * @skb: the segment, its data at the payload (if any)
 * @h: the header's fields
 *
 * Return: the header, now the skb's transport header.
 */
struct ternhdr *tern_push_header(struct sk_buff *skb, const struct tern_header *h)
{
	unsigned int hlen = TERN_HDR_LEN + h->opt_len;
	struct ternhdr *th = skb_push(skb, hlen);

	skb_reset_transport_header(skb);
	th->source = h->sport;
	th->dest = h->dport;
	th->seq = htonl(h->seq);
	th->ack_seq = htonl(h->flags & TERN_FLAG_ACK ? h->ack_seq : 0);
	th->doff = hlen / 4;
	th->flags = h->flags;
	th->window = htonl(h->window);
	th->check = 0;
	if (h->opt_len)
		memcpy(th + 1, h->opts, h->opt_len);
	tern_set_checksum(skb, h->saddr, h->daddr);
	return th;
}
