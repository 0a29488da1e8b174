/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing a Tern header: one place for every segment Tern sends, from a
 * socket (output.c), a request entry (request.c) or no entry at all
 * (reply.c).
 */
#ifndef _TERN_HEADER_H
#define _TERN_HEADER_H

#include <linux/skbuff.h>

#include "addr.h"
#include "wire.h"

/**
 * struct tern_header - what goes into a header
 * @saddr: source address (for the checksum's pseudo-header; IPv4
 *	v4-mapped, the family the segment goes out in)
 * @daddr: destination address
 * @sport: source port
 * @dport: destination port
 * @seq: sequence number
 * @ack_seq: acknowledgment number (sent as 0 without TERN_FLAG_ACK)
 * @window: advertised window, bytes
 * @flags: TERN_FLAG_*
 * @opt_len: bytes of options at @opts, a multiple of 4
 * @opts: the options, already encoded
 */
struct tern_header {
	const struct in6_addr *saddr;
	const struct in6_addr *daddr;
	__be16 sport;
	__be16 dport;
	u32 seq;
	u32 ack_seq;
	u32 window;
	u8 flags;
	u8 opt_len;
	const u8 *opts;
};

struct sk_buff *tern_alloc_header_skb(gfp_t gfp);
struct ternhdr *tern_push_header(struct sk_buff *skb, const struct tern_header *h);
__sum16 tern_pseudo_sum(const struct in6_addr *saddr,
			const struct in6_addr *daddr, u32 len);

#endif /* _TERN_HEADER_H */
