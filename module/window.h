/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Receive window and buffer arithmetic, as pure functions: the window
 * free buffer can back, the window to advertise, when reading must
 * announce a larger one, and how far autotuning grows the buffers.
 */
#ifndef _TERN_WINDOW_H
#define _TERN_WINDOW_H

#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/types.h>

#include "congestion.h"
#include "wire.h"

struct sock;

u32 tern_space(const struct sock *sk);
u32 tern_receive_window(const struct sock *sk);
u32 tern_window_now(const struct sock *sk);
u32 tern_select_window(struct sock *sk);

/* Half the free buffer: a segment's memory cost (truesize) stays below
 * twice its payload for all but tiny segments.
 */
static inline u32 tern_window_from_space(int rcvbuf, int rmem_alloc)
{
	int space = rcvbuf - rmem_alloc;

	return space > 0 ? min_t(u32, space / 2, TERN_MAX_WINDOW) : 0;
}

/* The window to advertise, given what is left of the last one (@cur)
 * and what the buffer can back (@space). The right edge never moves
 * back (RFC 793, 1122), and moves forward only by a segment or a
 * quarter of the buffer at least: no silly windows (RFC 1122 4.2.3.3).
 */
static inline u32 tern_window_select(u32 cur, u32 space, u32 mss, int rcvbuf)
{
	u32 step = min_t(u32, mss, rcvbuf / 4);

	return space < cur || space - cur < step ? cur : space;
}

/* After a read: a window update is worth sending when the window at
 * least doubled by a full segment, or reopens from zero (TCP's rule).
 */
static inline bool tern_window_update_due(u32 cur, u32 space, u32 mss)
{
	return (space >= 2 * cur && space - cur >= mss) || (!cur && space);
}

/* Receive buffer for a reader that took @copied bytes in the last round
 * trip and @prev in the one before: twice what it took, plus its growth
 * ahead, plus 16 segments of slack, doubled since the window is half
 * the free buffer (TCP's dynamic right-sizing).
 */
static inline u64 tern_rcvbuf_goal(u32 copied, u32 prev, u32 rcv_mss)
{
	u64 rcvwin = 2ULL * copied + 16ULL * rcv_mss;

	if (prev && copied > prev)
		rcvwin += 2 * div_u64(rcvwin * (copied - prev), prev);
	return 2 * rcvwin;
}

/* Send buffer for a congestion window: one window in flight and one
 * queued behind it, of at least the initial window and the reordering
 * seen, at @per_mss bytes of memory per segment.
 */
static inline u64 tern_sndbuf_goal(u32 cwnd, u32 reordering, u32 per_mss)
{
	return 2ULL * max3(cwnd, reordering + 1, TERN_INIT_CWND) * per_mss;
}

#endif /* _TERN_WINDOW_H */
