/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Build and decode Tern segments in user space, independently of the
 * module, from the wire format in docs/PROTOCOL.md.
 */
#ifndef _TERN_SEGMENT_H
#define _TERN_SEGMENT_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#define SEG_FIN	0x01
#define SEG_SYN	0x02
#define SEG_RST	0x04
#define SEG_PSH	0x08
#define SEG_ACK	0x10

/* Option kinds and lengths; every option but EOL and NOP is kind, length,
 * data.
 */
#define SEG_OPT_EOL		0
#define SEG_OPT_NOP		1
#define SEG_OPT_MSS		2	/* 4 bytes */
#define SEG_OPT_SACK_PERM	4	/* 2 bytes, SYN only */
#define SEG_OPT_SACK		5	/* 2 + 8 per block, at most 4 blocks */
#define SEG_OPT_TIMESTAMP	8	/* 10 bytes, reserved */

struct seg_hdr {
	uint16_t source;
	uint16_t dest;
	uint32_t seq;
	uint32_t ack_seq;
	uint8_t doff;
	uint8_t flags;
	uint16_t check;
	uint32_t window;
};

/* A decoded segment, host byte order. */
struct seg {
	uint16_t sport, dport;
	uint32_t seq, ack, window;
	uint8_t flags, doff;
	uint16_t mss;		/* MSS option, 0 if absent */
	size_t payload_len;
	const uint8_t *payload;
};

/* The internet checksum over the IPv4 pseudo-header and @len bytes. */
uint16_t seg_checksum(struct in_addr saddr, struct in_addr daddr,
		      uint8_t proto, const void *seg, size_t len);
/* The same over the IPv6 pseudo-header (RFC 8200 8.1). */
uint16_t seg_checksum6(const struct in6_addr *saddr, const struct in6_addr *daddr,
		       uint8_t proto, const void *seg, size_t len);

/* Write a segment with header fields from @s (payload, doff as given; a
 * zero doff means 5) into @buf, with a correct checksum. Returns its length.
 */
size_t seg_build(uint8_t *buf, const struct seg *s, struct in_addr saddr,
		 struct in_addr daddr, uint8_t proto);

/* Decode @len bytes at @buf; -1 if it is not a well-formed segment. */
int seg_parse(const uint8_t *buf, size_t len, struct seg *s);

/* A raw socket for Tern's protocol connected to the loopback address of
 * the helpers' family (tern_family()); fd or -1.
 */
int seg_raw_open(void);
/* Send one crafted segment from loopback:@sport to loopback:@dport on a
 * seg_raw_open() socket, in that family; 0 or -1.
 */
int seg_raw_send(int fd, uint16_t sport, uint16_t dport, uint32_t seq,
		 uint32_t ack, uint8_t flags, const void *payload, size_t len);

/* "SYN|ACK" style names for a flag byte, in a static buffer. */
const char *seg_flag_names(uint8_t flags);

#endif /* _TERN_SEGMENT_H */
