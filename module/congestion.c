// SPDX-License-Identifier: GPL-2.0
/*
 * Congestion control, the part every algorithm shares: slow start, the
 * additive increase step, and the loss responses (fast recovery after
 * duplicate acknowledgments, RFC 6582 NewReno; a retransmission timeout,
 * RFC 5681). Algorithms only decide how fast to grow and how far to cut.
 */
#include <kunit/visibility.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "congestion.h"

static const struct tern_cong_ops *const tern_cong_algorithms[] = {
	&tern_cubic,
	&tern_reno,
};

/**
 * tern_cong_find() - look an algorithm up by name
 * @name: "reno", "cubic", ...
 *
 * Return: the algorithm, or NULL.
 */
const struct tern_cong_ops *tern_cong_find(const char *name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(tern_cong_algorithms); i++)
		if (!strcmp(tern_cong_algorithms[i]->name, name))
			return tern_cong_algorithms[i];
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(tern_cong_find);

/**
 * tern_cc_init() - start a connection's congestion state
 * @cc: the state
 * @ops: the algorithm
 */
void tern_cc_init(struct tern_cc *cc, const struct tern_cong_ops *ops)
{
	memset(cc, 0, sizeof(*cc));
	cc->cwnd = TERN_INIT_CWND;
	cc->ssthresh = TERN_INFINITE_SSTHRESH;
	cc->state = TERN_CA_OPEN;
	cc->ops = ops;
	ops->init(cc);
}
EXPORT_SYMBOL_IF_KUNIT(tern_cc_init);

/**
 * tern_slow_start() - grow by one segment per segment acknowledged
 * @cc: the state
 * @acked: segments newly acknowledged
 *
 * Return: the part of @acked left once cwnd reached ssthresh.
 */
u32 tern_slow_start(struct tern_cc *cc, u32 acked)
{
	u32 cwnd = min(cc->cwnd + acked, cc->ssthresh);

	acked -= cwnd - cc->cwnd;
	cc->cwnd = cwnd;
	return acked;
}
EXPORT_SYMBOL_IF_KUNIT(tern_slow_start);

/**
 * tern_cong_avoid_ai() - grow by one segment per @w segments acknowledged
 * @cc: the state
 * @w: acknowledgments per increase (cwnd for Reno's one per RTT)
 * @acked: segments newly acknowledged
 */
void tern_cong_avoid_ai(struct tern_cc *cc, u32 w, u32 acked)
{
	w = max(w, 1U);
	if (cc->cwnd_cnt >= w) {
		cc->cwnd_cnt = 0;
		cc->cwnd++;
	}
	cc->cwnd_cnt += acked;
	if (cc->cwnd_cnt >= w) {
		cc->cwnd += cc->cwnd_cnt / w;
		cc->cwnd_cnt %= w;
	}
}
EXPORT_SYMBOL_IF_KUNIT(tern_cong_avoid_ai);

/**
 * tern_cc_on_ack() - segments were newly acknowledged
 * @cc: the state
 * @acked: how many
 * @in_flight: segments in flight before this acknowledgment
 * @now_us: the time, for time-based algorithms
 * @rtt_us: the smoothed round-trip time
 *
 * The window holds during fast recovery; after a timeout it slow-starts
 * again (RFC 5681 3.1) while the lost data is repaired. It grows only
 * while the sender uses it: a window the application or the receiver
 * never fills has not been tested by the network (RFC 7661).
 */
void tern_cc_on_ack(struct tern_cc *cc, u32 acked, u32 in_flight, u64 now_us,
		    u32 rtt_us)
{
	if (cc->state == TERN_CA_RECOVERY || !acked)
		return;
	if (cc->cwnd >= 2 * in_flight)
		return;
	cc->ops->cong_avoid(cc, acked, now_us, rtt_us);
}
EXPORT_SYMBOL_IF_KUNIT(tern_cc_on_ack);

/**
 * tern_cc_enter_recovery() - a loss detected by duplicate ACKs or SACK
 * @cc: the state
 * @snd_nxt: recovery lasts until everything up to here is acknowledged
 *
 * Multiplicative decrease, once per window of data (NewReno).
 */
void tern_cc_enter_recovery(struct tern_cc *cc, u32 snd_nxt)
{
	if (cc->state != TERN_CA_OPEN)
		return;
	cc->recover_fs = cc->cwnd;
	cc->prr_delivered = 0;
	cc->prr_out = 0;
	cc->ssthresh = cc->ops->ssthresh(cc);
	cc->cwnd = cc->ssthresh;
	cc->cwnd_cnt = 0;
	cc->high_seq = snd_nxt;
	cc->state = TERN_CA_RECOVERY;
}
EXPORT_SYMBOL_IF_KUNIT(tern_cc_enter_recovery);

/**
 * tern_prr_sndcnt() - what Proportional Rate Reduction lets go on an ACK
 * @prr_delivered: segments delivered since recovery started, this ACK's too
 * @prr_out: segments sent since recovery started
 * @delivered: segments this ACK reported delivered
 * @in_flight: segments in the network, losses marked
 * @ssthresh: the window recovery ends with
 * @recover_fs: the window when recovery started
 *
 * RFC 6937. While more than ssthresh is in flight, send in proportion to
 * what arrives, so the window comes down to ssthresh smoothly. Below it,
 * grow back towards ssthresh no faster than one segment more than the
 * ACKs report (the slow start reduction bound). Setting the window to
 * ssthresh at once instead lets a SACK that marks many segments lost,
 * reordering as often as loss, send them all in one burst.
 *
 * Return: segments that may be sent now, beyond @in_flight.
 */
u32 tern_prr_sndcnt(u32 prr_delivered, u32 prr_out, u32 delivered,
		    u32 in_flight, u32 ssthresh, u32 recover_fs)
{
	s64 sndcnt;

	if (in_flight > ssthresh) {
		sndcnt = DIV_ROUND_UP_ULL((u64)prr_delivered * ssthresh,
					  max(recover_fs, 1U));
		sndcnt -= prr_out;
	} else {
		sndcnt = max_t(s64, (s64)prr_delivered - prr_out, delivered) + 1;
		sndcnt = min_t(s64, sndcnt, ssthresh - in_flight);
	}
	/* The first retransmission goes at once (RFC 5681 3.2 step 2). */
	if (!prr_out)
		sndcnt = max_t(s64, sndcnt, 1);
	return max_t(s64, sndcnt, 0);
}
EXPORT_SYMBOL_IF_KUNIT(tern_prr_sndcnt);

/**
 * tern_cc_prr_ack() - during fast recovery, an ACK reported deliveries
 * @cc: the state
 * @delivered: segments newly acknowledged or SACKed
 * @in_flight: segments in the network now, losses marked
 *
 * The window becomes what is in flight and what tern_prr_sndcnt() lets go.
 */
void tern_cc_prr_ack(struct tern_cc *cc, u32 delivered, u32 in_flight)
{
	if (cc->state != TERN_CA_RECOVERY || !delivered)
		return;
	cc->prr_delivered += delivered;
	cc->cwnd = max(in_flight + tern_prr_sndcnt(cc->prr_delivered,
						   cc->prr_out, delivered,
						   in_flight, cc->ssthresh,
						   cc->recover_fs), 1U);
}
EXPORT_SYMBOL_IF_KUNIT(tern_cc_prr_ack);

/**
 * tern_cc_prr_sent() - @segs segments went out, new or retransmitted
 * @cc: the state
 * @segs: how many
 */
void tern_cc_prr_sent(struct tern_cc *cc, u32 segs)
{
	if (cc->state == TERN_CA_RECOVERY)
		cc->prr_out += segs;
}
EXPORT_SYMBOL_IF_KUNIT(tern_cc_prr_sent);

/**
 * tern_cc_exit_recovery() - everything outstanding at the loss arrived
 * @cc: the state
 */
void tern_cc_exit_recovery(struct tern_cc *cc)
{
	if (cc->state == TERN_CA_RECOVERY)
		cc->cwnd = max(cc->ssthresh, 2U);
	cc->state = TERN_CA_OPEN;
	cc->cwnd_cnt = 0;
}
EXPORT_SYMBOL_IF_KUNIT(tern_cc_exit_recovery);

/**
 * tern_cc_cut_repaired() - a loss found only once it was repaired
 * @cc: the state
 *
 * A tail loss probe repaired it (RFC 8985 7.4): the window is cut once,
 * as recovery would have cut it, but there is nothing left to recover.
 */
void tern_cc_cut_repaired(struct tern_cc *cc)
{
	if (cc->state != TERN_CA_OPEN)
		return;
	cc->ssthresh = cc->ops->ssthresh(cc);
	cc->cwnd = max(cc->ssthresh, 2U);
	cc->cwnd_cnt = 0;
}
EXPORT_SYMBOL_IF_KUNIT(tern_cc_cut_repaired);

/**
 * tern_cc_undo() - the "loss" was reordering: take the cut back
 * @cc: the state
 * @prior_cwnd: the window before the cut
 * @prior_ssthresh: the threshold before the cut
 */
void tern_cc_undo(struct tern_cc *cc, u32 prior_cwnd, u32 prior_ssthresh)
{
	cc->cwnd = max(cc->cwnd, prior_cwnd);
	cc->ssthresh = max(cc->ssthresh, prior_ssthresh);
	cc->cwnd_cnt = 0;
	cc->state = TERN_CA_OPEN;
}
EXPORT_SYMBOL_IF_KUNIT(tern_cc_undo);

/**
 * tern_cc_on_timeout() - the retransmission timer fired
 * @cc: the state
 * @snd_nxt: loss state lasts until everything up to here is acknowledged
 *
 * Restart from one segment (RFC 5681); repeated timeouts of the same data
 * do not cut ssthresh again.
 */
void tern_cc_on_timeout(struct tern_cc *cc, u32 snd_nxt)
{
	if (cc->state != TERN_CA_LOSS) {
		cc->ssthresh = cc->ops->ssthresh(cc);
		/* A whole window was lost: the algorithm starts over from
		 * here (RFC 9438 4.8: no climb back to the old maximum).
		 */
		cc->ops->init(cc);
	}
	cc->cwnd = 1;
	cc->cwnd_cnt = 0;
	cc->high_seq = snd_nxt;
	cc->state = TERN_CA_LOSS;
}
EXPORT_SYMBOL_IF_KUNIT(tern_cc_on_timeout);
