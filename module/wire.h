/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tern's wire format: the segment header and its options.
 * docs/PROTOCOL.md has the byte diagram and the rules.
 */
#ifndef _TERN_WIRE_H
#define _TERN_WIRE_H

#include <linux/types.h>
#include <linux/skbuff.h>

/**
 * struct ternhdr - the fixed part of every segment's header
 * @source: source port
 * @dest: destination port
 * @seq: sequence number of the first byte (or of the SYN/FIN)
 * @ack_seq: next sequence number the sender expects (valid with ACK)
 * @doff: header length including options, in 32-bit words
 * @flags: TERN_FLAG_* bits
 * @check: internet checksum over the pseudo-header, header and payload
 * @window: receive window the sender advertises, in bytes
 */
struct ternhdr {
	__be16	source;
	__be16	dest;
	__be32	seq;
	__be32	ack_seq;
	__u8	doff;
	__u8	flags;
	__sum16	check;
	__be32	window;
};

#define TERN_FLAG_FIN	0x01
#define TERN_FLAG_SYN	0x02
#define TERN_FLAG_RST	0x04
#define TERN_FLAG_PSH	0x08
#define TERN_FLAG_ACK	0x10
#define TERN_FLAGS_KNOWN	(TERN_FLAG_FIN | TERN_FLAG_SYN | TERN_FLAG_RST | \
				 TERN_FLAG_PSH | TERN_FLAG_ACK)

#define TERN_HDR_LEN		((int)sizeof(struct ternhdr))
/* Room for MSS, SACK-permitted, four SACK blocks and timestamps. */
#define TERN_MAX_OPT_LEN	44
#define TERN_MAX_HDR_LEN	(TERN_HDR_LEN + TERN_MAX_OPT_LEN)

/* Option kinds; every option but EOL and NOP is kind, length, data. */
#define TERN_OPT_EOL		0
#define TERN_OPT_NOP		1
#define TERN_OPT_MSS		2	/* len 4: __be16 segment size */
#define TERN_OPT_SACK_PERM	4	/* len 2: SYN only */
#define TERN_OPT_SACK		5	/* len 2 + 8n: n (start, end) pairs */
#define TERN_OPT_TIMESTAMP	8	/* len 10: reserved, not sent yet */

#define TERN_OPT_MSS_LEN	4
#define TERN_OPT_SACK_PERM_LEN	2
#define TERN_OPT_TIMESTAMP_LEN	10
#define TERN_OPT_SACK_BLOCK	8
#define TERN_MAX_SACK_BLOCKS	4

/* The window field is 32 bits of bytes: no scaling is needed, but it must
 * stay well inside half the sequence space.
 */
#define TERN_MAX_WINDOW		BIT(30)

static inline struct ternhdr *tern_hdr(const struct sk_buff *skb)
{
	return (struct ternhdr *)skb_transport_header(skb);
}

static inline unsigned int tern_hdr_len(const struct ternhdr *th)
{
	return th->doff * 4;
}

/**
 * tern_flags_valid() - is this combination of header flags acceptable?
 * @flags: the header's flag byte
 *
 * Unknown bits, SYN with FIN or RST, and FIN with RST make no sense in any
 * state. Every segment but a bare SYN or a bare RST carries an ACK.
 *
 * Return: true when the segment may go on to the state machine.
 */
static inline bool tern_flags_valid(u8 flags)
{
	if (flags & ~TERN_FLAGS_KNOWN)
		return false;
	if ((flags & TERN_FLAG_SYN) && (flags & (TERN_FLAG_FIN | TERN_FLAG_RST)))
		return false;
	if ((flags & TERN_FLAG_FIN) && (flags & TERN_FLAG_RST))
		return false;
	if (flags & TERN_FLAG_ACK)
		return true;
	return flags == TERN_FLAG_SYN || flags == TERN_FLAG_RST;
}

#endif /* _TERN_WIRE_H */
