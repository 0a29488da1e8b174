// SPDX-License-Identifier: GPL-2.0
/*
 * The Tern header on the wire: docs/PROTOCOL.md has the layout. The
 * checksum is left to the device, or to the core in software
 * (CHECKSUM_PARTIAL), as TCP's is.
 */
#include <linux/bitops.h>	/* net/checksum.h uses ror32() without it */
#include <net/checksum.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>

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
 * tern_pseudo_sum() - the pseudo-header's sum, of the family the
 *	addresses are in
 * @saddr: the source address (IPv4 v4-mapped)
 * @daddr: the destination address
 * @len: the Tern header and payload's length
 *
 * Return: the folded, complemented sum, as csum_tcpudp_magic() gives it.
 */
__sum16 tern_pseudo_sum(const struct in6_addr *saddr,
			const struct in6_addr *daddr, u32 len)
{
	if (tern_addr_v4(daddr))
		return csum_tcpudp_magic(saddr->s6_addr32[3], daddr->s6_addr32[3],
					 len, tern_ipproto, 0);
	return csum_ipv6_magic(saddr, daddr, len, tern_ipproto, 0);
}

/* Have the checksum filled in below us. */
static void tern_set_checksum(struct sk_buff *skb, const struct in6_addr *saddr,
			      const struct in6_addr *daddr)
{
	struct ternhdr *th = tern_hdr(skb);

	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = skb_transport_header(skb) - skb->head;
	skb->csum_offset = offsetof(struct ternhdr, check);
	th->check = ~tern_pseudo_sum(saddr, daddr, skb->len);
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
