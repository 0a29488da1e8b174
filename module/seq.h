/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sequence number arithmetic modulo 2^32 (RFC 1982 style): a number is
 * "before" another when it is less than 2^31 behind it. Numbers exactly
 * 2^31 apart compare as before each other; windows stay far below that.
 */
#ifndef _TERN_SEQ_H
#define _TERN_SEQ_H

#include <linux/types.h>

static inline bool tern_seq_before(u32 a, u32 b)
{
	return (s32)(a - b) < 0;
}

static inline bool tern_seq_after(u32 a, u32 b)
{
	return tern_seq_before(b, a);
}

static inline bool tern_seq_before_eq(u32 a, u32 b)
{
	return !tern_seq_after(a, b);
}

static inline bool tern_seq_after_eq(u32 a, u32 b)
{
	return !tern_seq_before(a, b);
}

/* Is @seq within [@lo, @hi]? Correct across the wrap. */
static inline bool tern_seq_between(u32 seq, u32 lo, u32 hi)
{
	return hi - lo >= seq - lo;
}

static inline u32 tern_seq_max(u32 a, u32 b)
{
	return tern_seq_after(a, b) ? a : b;
}

static inline u32 tern_seq_min(u32 a, u32 b)
{
	return tern_seq_before(a, b) ? a : b;
}

#endif /* _TERN_SEQ_H */
