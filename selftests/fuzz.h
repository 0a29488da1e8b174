/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Random and mutated Tern segments for the segment fuzzer: flags, numbers
 * near a target's window edges and far outside, lengths, data offsets,
 * every option kind with random lengths and SACK blocks, truncations,
 * good and bad checksums. A seed makes a run repeatable.
 */
#ifndef _TERN_FUZZ_H
#define _TERN_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* xorshift64*: small, fast, and the same sequence for the same seed. */
struct fuzz_rng {
	uint64_t state;
};

void fuzz_seed(struct fuzz_rng *r, uint64_t seed);
uint64_t fuzz_next(struct fuzz_rng *r);
/* A number in [0, n); 0 for n == 0. */
uint32_t fuzz_below(struct fuzz_rng *r, uint32_t n);
/* True with a chance of @percent in 100. */
bool fuzz_chance(struct fuzz_rng *r, unsigned int percent);

/* Whom a segment impersonates, and what the receiving end expects. */
struct fuzz_target {
	uint16_t sport, dport;
	uint32_t seq;		/* the receiver's RCV.NXT */
	uint32_t ack;		/* its SND.NXT */
	uint32_t window;	/* its receive window */
	/* Only segments the receiver must refuse (bad checksum, or numbers
	 * far outside its window): the connection must survive them.
	 */
	bool survivor;
};

/* What one generated segment was, for the run's summary. */
struct fuzz_shape {
	bool bad_checksum;
	bool truncated;
	bool bad_offset;
	uint8_t flags;
};

/* The largest segment fuzz_segment() writes. */
#define FUZZ_SEG_MAX	1500

/* Write one segment for @t into @buf (FUZZ_SEG_MAX bytes), from 127.0.0.1
 * to 127.0.0.1; returns its length (possibly 0) and describes it in @shape.
 */
size_t fuzz_segment(struct fuzz_rng *r, const struct fuzz_target *t,
		    uint8_t *buf, struct fuzz_shape *shape);

#endif /* _TERN_FUZZ_H */
