/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Congestion control: the state every algorithm shares, and the small ops
 * table an algorithm fills in. Adding an algorithm is a new file with a
 * struct tern_cong_ops and one line in congestion.c's list.
 */
#ifndef _TERN_CONGESTION_H
#define _TERN_CONGESTION_H

#include <linux/types.h>

#include <tern.h>

#define TERN_INIT_CWND		10	/* RFC 6928 */
#define TERN_INFINITE_SSTHRESH	0x7fffffff

enum tern_ca_state {
	TERN_CA_OPEN,		/* no loss being repaired */
	TERN_CA_RECOVERY,	/* fast recovery after duplicate ACKs/SACK */
	TERN_CA_LOSS,		/* after a retransmission timeout */
};

struct tern_cong_ops;

/**
 * struct tern_cc - congestion state, in segments
 * @cwnd: congestion window
 * @ssthresh: slow start threshold
 * @cwnd_cnt: segments acknowledged toward the next window increase
 * @high_seq: snd_nxt when recovery started; recovery ends past it
 * @recover_fs: cwnd when recovery started (RFC 6937's RecoverFS)
 * @prr_delivered: segments the peer received since recovery started
 * @prr_out: segments sent since recovery started
 * @state: enum tern_ca_state
 * @ops: the algorithm
 * @priv: the algorithm's own state
 */
struct tern_cc {
	u32 cwnd;
	u32 ssthresh;
	u32 cwnd_cnt;
	u32 high_seq;
	u32 recover_fs;
	u32 prr_delivered;
	u32 prr_out;
	u8 state;
	const struct tern_cong_ops *ops;
	u64 priv[6];
};

/**
 * struct tern_cong_ops - a congestion control algorithm
 * @name: as TERN_CONGESTION and the sysctl name it
 * @init: reset the algorithm's state (connection start)
 * @cong_avoid: grow the window for @acked newly acknowledged segments,
 *	in slow start or congestion avoidance; @now_us and @rtt_us let
 *	time-based algorithms follow the clock
 * @ssthresh: the new slow start threshold after a loss
 */
struct tern_cong_ops {
	const char *name;
	void (*init)(struct tern_cc *cc);
	void (*cong_avoid)(struct tern_cc *cc, u32 acked, u64 now_us, u32 rtt_us);
	u32 (*ssthresh)(struct tern_cc *cc);
};

extern const struct tern_cong_ops tern_reno;
extern const struct tern_cong_ops tern_cubic;

const struct tern_cong_ops *tern_cong_find(const char *name);
void tern_cc_init(struct tern_cc *cc, const struct tern_cong_ops *ops);
void tern_cc_on_ack(struct tern_cc *cc, u32 acked, u32 in_flight, u64 now_us,
		    u32 rtt_us);
void tern_cc_enter_recovery(struct tern_cc *cc, u32 snd_nxt);
void tern_cc_exit_recovery(struct tern_cc *cc);
u32 tern_prr_sndcnt(u32 prr_delivered, u32 prr_out, u32 delivered,
		    u32 in_flight, u32 ssthresh, u32 recover_fs);
void tern_cc_prr_ack(struct tern_cc *cc, u32 delivered, u32 in_flight);
void tern_cc_prr_sent(struct tern_cc *cc, u32 segs);
void tern_cc_cut_repaired(struct tern_cc *cc);
void tern_cc_on_timeout(struct tern_cc *cc, u32 snd_nxt);
void tern_cc_undo(struct tern_cc *cc, u32 prior_cwnd, u32 prior_ssthresh);
u32 tern_slow_start(struct tern_cc *cc, u32 acked);
void tern_cong_avoid_ai(struct tern_cc *cc, u32 w, u32 acked);

#endif /* _TERN_CONGESTION_H */
