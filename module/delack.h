/* SPDX-License-Identifier: GPL-2.0 */
/*
 * When to acknowledge: at once, after the delayed-ACK time, or on the
 * reply of an interactive ("ping-pong") exchange.
 */
#ifndef _TERN_DELACK_H
#define _TERN_DELACK_H

#include <net/sock.h>

/* Retry a delayed ACK that could not be allocated after this long. */
#define TERN_DELACK_RETRY	(HZ / 50)

/**
 * enum tern_pushed - small segments received since our last ACK
 * @TERN_PUSHED_NONE: none
 * @TERN_PUSHED_ONE: one segment shorter than the peer's MSS
 * @TERN_PUSHED_TWO: two or more
 */
enum tern_pushed {
	TERN_PUSHED_NONE,
	TERN_PUSHED_ONE,
	TERN_PUSHED_TWO,
};

bool tern_ack_due_after_read(u32 unacked, u32 rcv_mss, bool queue_empty,
			     enum tern_pushed pushed, bool pingpong);
bool tern_ack_due_on_arrival(u32 unacked, u32 rcv_mss, u32 win_now,
			     u32 win_last, bool below_lowat);
bool tern_reply_is_pingpong(u32 since_data_rcv, u32 delack_time);

void tern_delack_data_in(struct sock *sk, u32 seg_len);
void tern_delack_data_out(struct sock *sk);
void tern_ack_snd_check(struct sock *sk);
bool tern_ack_due_on_read(struct sock *sk);
void tern_schedule_delack(struct sock *sk, unsigned long when);
void tern_delack_expired(struct sock *sk);
void tern_ack_sent(struct sock *sk);
void tern_set_quickack(struct sock *sk, bool on);

#endif /* _TERN_DELACK_H */
