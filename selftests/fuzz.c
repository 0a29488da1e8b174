// SPDX-License-Identifier: GPL-2.0
/*
 * The segment fuzzer's generator. Most segments are near misses of a real
 * one (right ports, numbers at or near the window's edges, options that
 * almost parse), since those reach deepest; the rest are noise.
 */
#include <arpa/inet.h>
#include <string.h>

#include <tern.h>

#include "fuzz.h"
#include "segment.h"

#define HDR_LEN		20
#define MAX_OPT_LEN	40
#define MAX_PAYLOAD	1400
#define CHECK_OFF	14	/* struct seg_hdr's check */
#define WINDOW_OFF	16	/* and window */

void fuzz_seed(struct fuzz_rng *r, uint64_t seed)
{
	r->state = seed ? seed : 0x9e3779b97f4a7c15ULL;
}

uint64_t fuzz_next(struct fuzz_rng *r)
{
	uint64_t x = r->state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

uint32_t fuzz_below(struct fuzz_rng *r, uint32_t n)
{
	return n ? (uint32_t)(fuzz_next(r) >> 32) % n : 0;
}

bool fuzz_chance(struct fuzz_rng *r, unsigned int percent)
{
	return fuzz_below(r, 100) < percent;
}

/* A number near @base: on it, a step either side, or at a window edge. */
static uint32_t near(struct fuzz_rng *r, uint32_t base, uint32_t window)
{
	switch (fuzz_below(r, 6)) {
	case 0:
		return base;
	case 1:
		return base + fuzz_below(r, 4) - 2;
	case 2:
		return base + window + fuzz_below(r, 3) - 1;
	case 3:
		return base - window + fuzz_below(r, 3) - 1;
	case 4:
		return base + fuzz_below(r, window + 1);
	default:
		return (uint32_t)fuzz_next(r);
	}
}

/* Far outside any window a receiver may have (2^30 at most): a quarter
 * of the sequence space and more away, ahead or behind.
 */
static uint32_t far(struct fuzz_rng *r, uint32_t base)
{
	uint32_t off = (1U << 30) + 4096 + fuzz_below(r, 1U << 29);

	return fuzz_chance(r, 50) ? base + off : base - off;
}

static uint8_t some_flags(struct fuzz_rng *r)
{
	static const uint8_t common[] = {
		SEG_ACK, SEG_ACK | SEG_PSH, SEG_SYN, SEG_SYN | SEG_ACK,
		SEG_FIN | SEG_ACK, SEG_RST, SEG_RST | SEG_ACK, SEG_FIN, 0,
		SEG_SYN | SEG_FIN, SEG_SYN | SEG_RST,
	};

	if (fuzz_chance(r, 60))
		return common[fuzz_below(r, sizeof(common))];
	return (uint8_t)fuzz_next(r);
}

static void put32(uint8_t *p, uint32_t v)
{
	v = htonl(v);
	memcpy(p, &v, 4);
}

/* One option at @p, at most @room bytes; returns its length. */
static size_t one_option(struct fuzz_rng *r, const struct fuzz_target *t,
			 uint8_t *p, size_t room)
{
	static const uint8_t kinds[] = {
		SEG_OPT_EOL, SEG_OPT_NOP, SEG_OPT_MSS, SEG_OPT_SACK_PERM,
		SEG_OPT_SACK, SEG_OPT_TIMESTAMP,
	};
	uint8_t kind = fuzz_chance(r, 85) ? kinds[fuzz_below(r, sizeof(kinds))] :
		       (uint8_t)fuzz_next(r);
	size_t len, i;

	if (!room)
		return 0;
	p[0] = kind;
	if (kind == SEG_OPT_EOL || kind == SEG_OPT_NOP || room == 1)
		return 1;
	switch (kind) {
	case SEG_OPT_MSS:
		len = 4;
		break;
	case SEG_OPT_SACK_PERM:
		len = 2;
		break;
	case SEG_OPT_SACK:
		len = 2 + 8 * fuzz_below(r, 4 + 2);
		break;
	case SEG_OPT_TIMESTAMP:
		len = 10;
		break;
	default:
		len = fuzz_below(r, MAX_OPT_LEN + 1);
	}
	/* Now and then a length that lies: 0, 1, odd, past the end. */
	if (fuzz_chance(r, 15))
		len = fuzz_below(r, MAX_OPT_LEN + 4);
	p[1] = (uint8_t)len;
	if (len > room)
		len = room;
	for (i = 2; i < len; i++)
		p[i] = (uint8_t)fuzz_next(r);
	/* SACK blocks mostly about the data the receiver sent. */
	if (kind == SEG_OPT_SACK && fuzz_chance(r, 70))
		for (i = 2; i + 8 <= len; i += 8) {
			uint32_t start = near(r, t->ack - 65536, 131072);

			put32(p + i, start);
			put32(p + i + 4, start + fuzz_below(r, 70000));
		}
	return len;
}

/* Options, padded to whole words; returns their length. */
static size_t some_options(struct fuzz_rng *r, const struct fuzz_target *t,
			   uint8_t *p)
{
	size_t len = 0, n = fuzz_below(r, 7);

	if (fuzz_chance(r, 35))
		return 0;
	while (n-- && len < MAX_OPT_LEN)
		len += one_option(r, t, p + len, MAX_OPT_LEN - len);
	while (len % 4)
		p[len++] = SEG_OPT_NOP;
	return len;
}

static size_t some_payload_len(struct fuzz_rng *r)
{
	if (fuzz_chance(r, 40))
		return 0;
	if (fuzz_chance(r, 15))
		return 1;
	return 2 + fuzz_below(r, MAX_PAYLOAD - 1);
}

static void set_checksum(uint8_t *buf, uint16_t check)
{
	memcpy(buf + CHECK_OFF, &check, 2);
}

static uint16_t checksum_of(uint8_t *buf, size_t len)
{
	struct in_addr lo = { .s_addr = htonl(INADDR_LOOPBACK) };

	set_checksum(buf, 0);
	return seg_checksum(lo, lo, IPPROTO_TERN, buf, len);
}

/* Checksum: right, wrong or zero; a survivor's may be right only when
 * its numbers are far off.
 */
static void finish(struct fuzz_rng *r, uint8_t *buf, size_t len,
		   struct fuzz_shape *shape)
{
	uint16_t good = checksum_of(buf, len);

	shape->bad_checksum = fuzz_chance(r, 15);
	if (!shape->bad_checksum) {
		set_checksum(buf, good);
		return;
	}
	set_checksum(buf, fuzz_chance(r, 30) ? 0 :
			       good ^ (uint16_t)(1 + fuzz_below(r, 0xffff)));
}

size_t fuzz_segment(struct fuzz_rng *r, const struct fuzz_target *t,
		    uint8_t *buf, struct fuzz_shape *shape)
{
	size_t opt_len, payload, len, i;
	uint32_t seq, ack;
	uint8_t doff;

	memset(shape, 0, sizeof(*shape));
	seq = t->survivor ? far(r, t->seq) : near(r, t->seq, t->window);
	ack = fuzz_chance(r, 80) ? near(r, t->ack, 65536) : (uint32_t)fuzz_next(r);
	shape->flags = some_flags(r);
	opt_len = some_options(r, t, buf + HDR_LEN);
	doff = (HDR_LEN + opt_len) / 4;
	if (fuzz_chance(r, 5)) {
		doff = (uint8_t)fuzz_next(r);
		shape->bad_offset = true;
	}
	payload = some_payload_len(r);
	len = HDR_LEN + opt_len + payload;

	put32(buf, (uint32_t)t->sport << 16 | t->dport);
	put32(buf + 4, seq);
	put32(buf + 8, ack);
	buf[12] = doff;
	buf[13] = shape->flags;
	put32(buf + WINDOW_OFF, fuzz_chance(r, 70) ? fuzz_below(r, 1 << 20) :
					     (uint32_t)fuzz_next(r));
	for (i = HDR_LEN + opt_len; i < len; i++)
		buf[i] = (uint8_t)fuzz_next(r);
	finish(r, buf, len, shape);
	/* Cut short; then and again summed as cut, so that it gets past
	 * the checksum.
	 */
	if (fuzz_chance(r, 5)) {
		len = fuzz_below(r, len);
		shape->truncated = true;
		if (len >= HDR_LEN && fuzz_chance(r, 50)) {
			set_checksum(buf, checksum_of(buf, len));
			shape->bad_checksum = false;
		} else {
			shape->bad_checksum = true;
		}
	}
	return len;
}
