/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sending segments from a full socket.
 */
#ifndef _TERN_OUTPUT_H
#define _TERN_OUTPUT_H

#include <net/sock.h>

#define TERN_CHALLENGE_ACKS_PER_SEC	10

/* How tern_write_xmit() treats a segment shorter than the MSS. */
enum tern_nagle {
	TERN_NAGLE_ON,		/* hold it while data is unacknowledged */
	TERN_NAGLE_PUSH,	/* send it now */
	TERN_NAGLE_CORK,	/* hold it until it fills up */
};

void tern_sync_mss(struct sock *sk, u32 pmtu);
u16 tern_advmss(const struct sock *sk, const struct dst_entry *dst);

u32 tern_size_goal(const struct sock *sk);
int tern_send_syn(struct sock *sk);
void tern_resend_syn_as_synack(struct sock *sk);
void tern_write_xmit(struct sock *sk, enum tern_nagle nagle);
bool tern_write_one(struct sock *sk);
void tern_push_pending(struct sock *sk);
int tern_retransmit_skb(struct sock *sk, struct sk_buff *skb, bool timeout);
void tern_send_ack(struct sock *sk);
void tern_send_challenge_ack(struct sock *sk);
void tern_send_probe(struct sock *sk);
void tern_send_fin(struct sock *sk);
void tern_send_active_reset(struct sock *sk, gfp_t gfp);

#endif /* _TERN_OUTPUT_H */
