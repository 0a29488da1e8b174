/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic segmentation offload: one skb for many segments.
 */
#ifndef _TERN_OFFLOAD_H
#define _TERN_OFFLOAD_H

#include <linux/sctp.h>
#include <linux/skbuff.h>

#include "wire.h"

/* No NIC segments this type in hardware; see offload.c for why. */
#define TERN_GSO_TYPE	SKB_GSO_SCTP

/* IP's MTU checks on a GSO skb (skb_gso_network_seglen()) count an
 * SKB_GSO_SCTP skb's header as SCTP's 12 bytes. A Tern GSO skb carries no
 * options, so each of its segments has a TERN_HDR_LEN header: gso_size
 * holds the payload per segment plus the difference, and the core's sum
 * comes out as the segments' true size.
 */
#define TERN_GSO_SIZE_BIAS	(TERN_HDR_LEN - (int)sizeof(struct sctphdr))

/**
 * tern_skb_mss() - the payload per segment of a Tern GSO skb
 * @skb: a send-side skb, or one received whole from a software device
 *
 * Return: the segment size, or 0 if @skb is not a Tern GSO skb.
 */
static inline u32 tern_skb_mss(const struct sk_buff *skb)
{
	const struct skb_shared_info *shinfo = skb_shinfo(skb);

	if (!(shinfo->gso_type & TERN_GSO_TYPE) ||
	    shinfo->gso_size <= TERN_GSO_SIZE_BIAS)
		return 0;
	return shinfo->gso_size - TERN_GSO_SIZE_BIAS;
}

/**
 * tern_skb_set_mss() - make @skb a GSO skb of @mss-byte segments
 * @skb: a send-side skb that no clone below us shares
 * @mss: the payload per segment
 * @segs: how many segments
 */
static inline void tern_skb_set_mss(struct sk_buff *skb, u32 mss, u16 segs)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);

	shinfo->gso_size = mss + TERN_GSO_SIZE_BIAS;
	shinfo->gso_segs = segs;
	shinfo->gso_type = TERN_GSO_TYPE;
}

void tern_offload_init(void);
void tern_offload_exit(void);
unsigned int tern_gso_type(int family);

#endif /* _TERN_OFFLOAD_H */
