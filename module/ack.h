/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Processing the acknowledgment side of received segments: the
 * retransmit queue, RTT, the peer's window, and loss recovery.
 */
#ifndef _TERN_ACK_H
#define _TERN_ACK_H

#include <net/sock.h>

#include "options.h"
#include "sock.h"

/* tern_ack() results: what else the caller must act on. */
#define TERN_ACK_FIN_ACKED	0x01	/* the ACK covered our FIN */
#define TERN_ACK_DROP		0x02	/* unacceptable: drop the segment */

int tern_ack(struct sock *sk, const struct sk_buff *skb,
	     const struct tern_options *opt);
void tern_enter_loss(struct sock *sk);
void tern_rack_timeout(struct sock *sk);
u32 tern_in_flight(const struct sock *sk);
void tern_scoreboard_adjust(struct tern_sock *tp, u8 sacked, int delta);
bool tern_sack_mark(struct sock *sk, const struct tern_options *opt, u64 now);

#endif /* _TERN_ACK_H */
