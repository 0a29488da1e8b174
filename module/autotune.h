/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Buffer autotuning: socket buffers that grow with what the connection
 * moves, as TCP's do, unless the user fixed their size.
 */
#ifndef _TERN_AUTOTUNE_H
#define _TERN_AUTOTUNE_H

#include <linux/types.h>

struct sock;

/**
 * struct tern_rcv_tune - receive buffer autotuning (dynamic right-sizing)
 * @rtt_us: the receiver's round-trip estimate: the least time one
 *	advertised window took to arrive, 0 until measured
 * @rtt_seq: rcv_nxt that ends the window being timed
 * @rtt_start_us: when that window was advertised
 * @space: bytes the reader took in the last round trip
 * @space_seq: copied_seq when the current round trip began
 * @space_start_us: when it began
 */
struct tern_rcv_tune {
	u32 rtt_us;
	u32 rtt_seq;
	u64 rtt_start_us;
	u32 space;
	u32 space_seq;
	u64 space_start_us;
};

void tern_rcv_rtt_measure(struct sock *sk);
void tern_rcv_space_adjust(struct sock *sk);
void tern_sndbuf_expand(struct sock *sk);

#endif /* _TERN_AUTOTUNE_H */
