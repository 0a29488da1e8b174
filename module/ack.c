// SPDX-License-Identifier: GPL-2.0
/*
 * The acknowledgment side of a received segment.
 *
 * A cumulative ACK frees the acknowledged segments from the retransmit
 * queue, samples the RTT (Karn's rule: never from retransmitted data),
 * and grows the congestion window. SACK blocks mark segments the peer
 * holds beyond a hole (RFC 2018). A segment sent before one the peer has
 * and outstanding for longer than a round trip plus a reordering window
 * (RACK, RFC 8985), or the head after three duplicate ACKs when the peer
 * does not SACK (RFC 5681), is presumed lost and retransmitted within the
 * congestion window, which fast recovery (RFC 6582) has cut once.
 */
#include <kunit/visibility.h>

#include "ack.h"
#include "autotune.h"
#include "netns.h"
#include "offload.h"
#include "output.h"
#include "queue.h"
#include "seq.h"
#include "sock.h"
#include "timer.h"
#include "tlp.h"

/**
 * tern_in_flight() - segments in the network, as far as we can tell
 * @sk: the socket
 *
 * Return: RFC 6675's pipe: sent, less SACKed and lost, plus retransmitted.
 */
u32 tern_in_flight(const struct sock *sk)
{
	const struct tern_sock *tp = tern_sk(sk);
	u32 left = tp->sacked_out + tp->dup_sacked + tp->lost_out;

	return left < tp->packets_out + tp->retrans_out ?
	       tp->packets_out + tp->retrans_out - left : 0;
}

/**
 * tern_scoreboard_adjust() - a queued skb's segment count changed
 * @tp: the socket
 * @sacked: the skb's TERN_SKB_* marks
 * @delta: segments it stands for now, less before
 *
 * The counters of sent, SACKed, lost and retransmitted segments follow.
 */
void tern_scoreboard_adjust(struct tern_sock *tp, u8 sacked, int delta)
{
	tp->packets_out += delta;
	if (sacked & TERN_SKB_SACKED)
		tp->sacked_out += delta;
	if (sacked & TERN_SKB_LOST)
		tp->lost_out += delta;
	if (sacked & TERN_SKB_RETRANS)
		tp->retrans_out += delta;
}

static void tern_mark_lost(struct tern_sock *tp, struct sk_buff *skb)
{
	struct tern_skb_cb *cb = TERN_SKB_CB(skb);

	if (cb->sacked & (TERN_SKB_SACKED | TERN_SKB_LOST))
		return;
	if (cb->sacked & TERN_SKB_RETRANS) {
		/* Lost again: it no longer counts as in flight. */
		cb->sacked &= ~TERN_SKB_RETRANS;
		tp->retrans_out -= cb->pcount;
	}
	cb->sacked |= TERN_SKB_LOST;
	tp->lost_out += cb->pcount;
}

/* Without SACK, a loss is known of one segment at a time: the oldest. */
static void tern_mark_head_lost(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct sk_buff *head = skb_peek(&tp->rtx_queue);

	if (!head)
		return;
	/* Where it cannot be cut, all of it is retransmitted. */
	tern_fit_mss(sk, &tp->rtx_queue, head);
	tern_mark_lost(tp, head);
}

/* A segment newly acknowledged or SACKed: RACK learns when it was sent. */
static void tern_rack_note(struct tern_sock *tp, const struct tern_skb_cb *cb,
			   u64 now_us)
{
	tern_rack_delivered(&tp->rack, cb->sent_us, cb->end_seq,
			    cb->sacked & TERN_SKB_EVER_RETRANS, now_us,
			    tp->rtt.min_us);
}

/* A new loss episode: remember what to restore if it proves spurious. */
static void tern_arm_undo(struct tern_sock *tp)
{
	tp->undo_marker = tp->snd_una;
	tp->undo_retrans = 0;
	tp->prior_cwnd = tp->cc.cwnd;
	tp->prior_ssthresh = tp->cc.ssthresh;
}

/**
 * tern_enter_loss() - the retransmission timer fired
 * @sk: the socket, locked
 *
 * Everything not SACKed is presumed lost and will go again as the
 * restarted congestion window allows.
 */
void tern_enter_loss(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct sk_buff *skb;

	if (tp->cc.state != TERN_CA_LOSS)
		tern_arm_undo(tp);
	tern_tlp_forget(sk);
	tern_cc_on_timeout(&tp->cc, tp->snd_nxt);
	skb_queue_walk(&tp->rtx_queue, skb)
		tern_mark_lost(tp, skb);
	tp->dupacks = 0;
	tp->dup_sacked = 0;
}

/* Retransmit segments marked lost, as far as the congestion window goes
 * (the first of a new recovery always fits: tern_prr_sndcnt()).
 */
static void tern_retransmit_lost(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct sk_buff *skb;

	if (!tp->lost_out)
		return;
	skb_queue_walk(&tp->rtx_queue, skb) {
		if (!tp->lost_out || tern_in_flight(sk) >= tp->cc.cwnd)
			break;
		if (!(TERN_SKB_CB(skb)->sacked & TERN_SKB_LOST))
			continue;
		if (tern_retransmit_skb(sk, skb, false))
			break;
		if (tp->cc.state == TERN_CA_RECOVERY)
			tern_stat_inc(sock_net(sk), TERN_STAT_FAST_RETRANS);
	}
}

/* RFC 8985: every segment sent before the latest delivered one, and
 * outstanding longer than that one's round trip plus the reordering
 * window, is lost; this covers lost retransmissions too. A segment not
 * yet that old gets the reordering timer. Segments are queued in sequence
 * order: past the first original sent after RACK's segment, everything
 * was sent later still.
 */
static void tern_rack_detect_losses(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	u64 now = tern_clock_us();
	struct sk_buff *skb;
	u32 reo_wnd;
	s64 wait = 0;

	if (!tp->rack.xmit_us)
		return;
	reo_wnd = tern_rack_reo_wnd(&tp->rack, tp->rtt.min_us, tp->rtt.srtt_us,
				    tp->reordering > TERN_DUPTHRESH,
				    tp->cc.state != TERN_CA_OPEN ||
				    tp->sacked_out >= tp->reordering);
	skb_queue_walk(&tp->rtx_queue, skb) {
		struct tern_skb_cb *cb = TERN_SKB_CB(skb);
		s64 left;

		if (!tern_rack_sent_before(&tp->rack, cb->sent_us, cb->end_seq)) {
			if (!(cb->sacked & TERN_SKB_EVER_RETRANS))
				break;
			continue;
		}
		if (cb->sacked & (TERN_SKB_SACKED | TERN_SKB_LOST))
			continue;
		left = tern_rack_time_left(&tp->rack, cb->sent_us, reo_wnd, now);
		if (left <= 0)
			tern_mark_lost(tp, skb);
		else if (!wait || left < wait)
			wait = left;
	}
	if (wait)
		tern_arm_reo_timer(sk, wait);
}

/* A segment that was never retransmitted was acknowledged only after data
 * @distance bytes beyond its start was: the path reorders that much.
 */
static void tern_note_reordering(struct tern_sock *tp, u32 distance)
{
	u32 segs = DIV_ROUND_UP(distance, max(tp->mss_cache, 1U));

	if (segs > tp->reordering)
		tp->reordering = min_t(u32, segs, TERN_MAX_REORDERING);
}

/* The cumulative ACK covers an original (never retransmitted, never
 * SACKed) that lay below data earlier ACKs SACKed (this one's blocks may
 * report data that came after it): the peer got it after that data, the
 * path reordered it (TCP's tcp_clean_rtx_queue() reasons the same). Walks
 * only what the ACK covers, and only when something was SACKed. Returns
 * true if so.
 */
static bool tern_acked_late(struct tern_sock *tp, u32 ack, u32 prior_sack_high)
{
	struct sk_buff *skb;

	if (!tp->sack_ok || !tern_seq_after(prior_sack_high, tp->snd_una))
		return false;
	skb_queue_walk(&tp->rtx_queue, skb) {
		const struct tern_skb_cb *cb = TERN_SKB_CB(skb);

		if (!tern_seq_after(ack, cb->seq) ||
		    !tern_seq_before(cb->seq, prior_sack_high))
			break;
		if (!(cb->sacked & (TERN_SKB_EVER_RETRANS | TERN_SKB_SACKED))) {
			tern_note_reordering(tp, prior_sack_high - cb->seq);
			return true;
		}
	}
	return false;
}

static bool tern_sack_block_valid(const struct tern_sock *tp,
				  const struct tern_sack_block *b)
{
	return tern_seq_before(b->start, b->end) &&
	       tern_seq_after(b->start, tp->snd_una) &&
	       !tern_seq_after(b->end, tp->snd_nxt);
}

/* A block covers part of a multi-segment skb: cut the skb at the block's
 * edge, rounded to whole segments of the skb, so that the part the peer
 * holds can be marked on its own.
 */
static void tern_sack_split(struct sock *sk, struct sk_buff *skb,
			    const struct tern_sack_block *b)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	u32 mss = tern_skb_mss(skb), at;

	if (cb->pcount < 2 || !mss || (cb->sacked & TERN_SKB_SACKED))
		return;
	if (tern_seq_before(cb->seq, b->start))
		at = roundup(b->start - cb->seq, mss);
	else if (tern_seq_after(cb->end_seq, b->end))
		at = rounddown(b->end - cb->seq, mss);
	else
		return;
	if (at && at < skb->len)
		tern_fragment(sk, &tern_sk(sk)->rtx_queue, skb, at, GFP_ATOMIC);
}

/* The valid blocks of @opt, sorted by their start: one walk of the
 * retransmit queue then serves them all. Returns how many.
 */
static int tern_sack_sorted(struct tern_sock *tp, const struct tern_options *opt,
			    struct tern_sack_block *blocks)
{
	int i, j, n = 0;

	for (i = 0; i < opt->nr_sacks; i++) {
		if (!tern_sack_block_valid(tp, &opt->sacks[i]))
			continue;
		tp->sack_high = tern_seq_max(tp->sack_high, opt->sacks[i].end);
		for (j = n++; j > 0 &&
		     tern_seq_before(opt->sacks[i].start, blocks[j - 1].start); j--)
			blocks[j] = blocks[j - 1];
		blocks[j] = opt->sacks[i];
	}
	return n;
}

/* Mark @skb, which lies inside a block, as held by the peer. */
static bool tern_sack_one(struct tern_sock *tp, struct sk_buff *skb, u64 now)
{
	struct tern_skb_cb *cb = TERN_SKB_CB(skb);

	if (cb->sacked & TERN_SKB_SACKED)
		return false;
	if (cb->sacked & TERN_SKB_LOST)
		tp->lost_out -= cb->pcount;
	if (cb->sacked & TERN_SKB_RETRANS)
		tp->retrans_out -= cb->pcount;
	tern_rack_note(tp, cb, now);
	cb->sacked = TERN_SKB_SACKED | (cb->sacked & TERN_SKB_EVER_RETRANS);
	tp->sacked_out += cb->pcount;
	return true;
}

/**
 * tern_sack_mark() - mark the segments the peer reports holding
 * @sk: the socket, locked
 * @opt: the SACK blocks of a received segment
 * @now: the time, microseconds
 *
 * A multi-segment skb a block covers in part is cut at the block's
 * edges first, rounded to whole segments. An original newly SACKed below
 * what earlier ACKs SACKed arrived after that data: the path reorders
 * (as TCP's tcp_sacktag_one() reasons; a block crowded out of earlier
 * ACKs, or their loss, can make it look so, and only costs some wait).
 *
 * Return: true if any segment was newly SACKed.
 */
bool tern_sack_mark(struct sock *sk, const struct tern_options *opt, u64 now)
{
	struct tern_sack_block blocks[TERN_MAX_SACK_BLOCKS];
	struct tern_sock *tp = tern_sk(sk);
	u32 prior_high = tp->sack_high, reordered = prior_high;
	bool newly = false;
	struct sk_buff *skb;
	int n, i = 0;

	n = tern_sack_sorted(tp, opt, blocks);
	if (!n)
		return false;
	/* One walk for all blocks, not one per block: a peer's SACKs cost
	 * a pass over the queue per ACK at most.
	 */
	skb_queue_walk(&tp->rtx_queue, skb) {
		struct tern_skb_cb *cb = TERN_SKB_CB(skb);
		const struct tern_sack_block *b;

		while (i < n && !tern_seq_after(blocks[i].end, cb->seq))
			i++;
		if (i == n)
			break;
		b = &blocks[i];
		if (!tern_seq_after(cb->end_seq, b->start))
			continue;
		tern_sack_split(sk, skb, b);
		if (tern_seq_before(cb->seq, b->start) ||
		    tern_seq_after(cb->end_seq, b->end) ||
		    !tern_sack_one(tp, skb, now))
			continue;
		newly = true;
		/* An original below what earlier ACKs SACKed came late. */
		if (!(cb->sacked & TERN_SKB_EVER_RETRANS) &&
		    tern_seq_before(cb->seq, reordered))
			reordered = cb->seq;
	}
	if (reordered != prior_high)
		tern_note_reordering(tp, prior_high - reordered);
	return newly;
}
EXPORT_SYMBOL_IF_KUNIT(tern_sack_mark);

/* RFC 2883: a first block below the cumulative ACK, or inside the second
 * block, reports a segment that arrived twice. If we retransmitted it in
 * the current episode, that retransmission was not needed.
 */
static bool tern_check_dsack(struct sock *sk, const struct tern_options *opt,
			     u32 ack, bool *undo)
{
	const struct tern_sack_block *b = &opt->sacks[0];
	struct tern_sock *tp = tern_sk(sk);

	if (!tern_seq_before(b->start, ack) &&
	    !(opt->nr_sacks > 1 && !tern_seq_before(b->start, opt->sacks[1].start) &&
	      !tern_seq_after(b->end, opt->sacks[1].end)))
		return false;
	tern_stat_inc(sock_net(sk), TERN_STAT_DSACKS_RECEIVED);
	/* The last needless retransmission of the episode: undo it. */
	if (tp->undo_marker && tp->undo_retrans &&
	    !tern_seq_before(b->start, tp->undo_marker) && !--tp->undo_retrans)
		*undo = true;
	return true;
}

/* Every retransmission of the episode was needless: the network reordered
 * or duplicated segments, or lost ACKs, it did not lose data. Restore the
 * window and forget the loss marks. (How much reordering to tolerate is
 * measured, not guessed from this.)
 */
static void tern_undo(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct sk_buff *skb;

	tern_cc_undo(&tp->cc, tp->prior_cwnd, tp->prior_ssthresh);
	skb_queue_walk(&tp->rtx_queue, skb)
		TERN_SKB_CB(skb)->sacked &= ~TERN_SKB_LOST;
	tp->lost_out = 0;
	tp->undo_marker = 0;
	tern_stat_inc(sock_net(sk), TERN_STAT_UNDOS);
}

/* The cumulative ACK ends inside @skb: free the acknowledged part, and
 * settle the scoreboard. Returns the segments that went, 0 if none could.
 */
static u32 tern_ack_part(struct sock *sk, struct sk_buff *skb, u32 ack)
{
	struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	int gone;

	if (!tern_seq_after(ack, cb->seq) || cb->pcount < 2)
		return 0;
	gone = tern_trim_head(sk, skb, ack - cb->seq);
	return gone > 0 ? gone : 0;
}

/* Free what the cumulative ACK covers. When it shows originals came
 * @late, a retransmission it covers says nothing of when it arrived: it
 * may be its original's ACK, so RACK does not learn from it. Returns
 * TERN_ACK_* flags.
 */
static int tern_clean_rtx_queue(struct sock *sk, u32 ack, u64 now, bool late,
				u32 *acked)
{
	struct tern_sock *tp = tern_sk(sk);
	u64 first_sent = 0;
	bool retrans_acked = false;
	struct sk_buff *skb;
	int flags = 0;

	while ((skb = skb_peek(&tp->rtx_queue))) {
		struct tern_skb_cb *cb = TERN_SKB_CB(skb);
		bool whole = !tern_seq_after(cb->end_seq, ack);
		u32 segs = whole ? cb->pcount : tern_ack_part(sk, skb, ack);

		if (!segs)
			break;
		if (!(cb->sacked & TERN_SKB_SACKED) &&
		    !(late && (cb->sacked & TERN_SKB_EVER_RETRANS)))
			tern_rack_note(tp, cb, now);
		if (cb->sacked & TERN_SKB_EVER_RETRANS)
			retrans_acked = true;
		else if (!first_sent)
			first_sent = cb->sent_us;
		/* The congestion window counts data, not the SYN. */
		if (!(cb->flags & TERN_FLAG_SYN))
			*acked += segs;
		if (!whole)
			break;
		tern_scoreboard_adjust(tp, cb->sacked, -(int)segs);
		if (cb->flags & TERN_FLAG_FIN)
			flags |= TERN_ACK_FIN_ACKED;
		__skb_unlink(skb, &tp->rtx_queue);
		tern_wmem_free_skb(sk, skb);
	}
	/* Karn's rule: an ACK for retransmitted data says nothing of RTT. */
	if (first_sent && !retrans_acked) {
		tern_rtt_sample(&tp->rtt, now - first_sent,
				jiffies_to_usecs(1));
	}
	return flags;
}

/* RFC 793's window update rule, guarded against old segments. */
static void tern_ack_update_window(struct sock *sk, u32 ack, u32 seq, u32 window)
{
	struct tern_sock *tp = tern_sk(sk);

	window = min_t(u32, window, TERN_MAX_WINDOW);
	if (tern_seq_after(ack, tp->snd_una) || tern_seq_after(seq, tp->snd_wl1) ||
	    (seq == tp->snd_wl1 && window > tp->snd_wnd)) {
		/* A window that reopens ends the probing and its backoff. */
		if (!tp->snd_wnd && window)
			tp->backoff = 0;
		tp->snd_wl1 = seq;
		tp->snd_wl2 = ack;
		tp->snd_wnd = window;
		tp->max_window = max(tp->max_window, window);
	}
}

/* A duplicate ACK: nothing new acknowledged, no data, same window. */
static void tern_dupack(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct sk_buff *head = skb_peek(&tp->rtx_queue);

	if (!head)
		return;
	tp->dupacks++;
	if (tp->sack_ok)
		return;
	/* Each duplicate ACK means a segment left the network (RFC 5681). */
	if (tp->dup_sacked + 1 < tp->packets_out)
		tp->dup_sacked++;
	if (tp->dupacks >= tp->reordering)
		tern_mark_head_lost(sk);
}

/* Start fast recovery when something is lost, and repair it as fast as
 * the @delivered segments an ACK reported let the window go; on @hold,
 * neither look for losses nor resend (tern_rack_late_fill()).
 */
static void tern_recover(struct sock *sk, u32 delivered, bool hold)
{
	struct tern_sock *tp = tern_sk(sk);

	if (tp->sack_ok && !hold)
		tern_rack_detect_losses(sk);
	if (tp->lost_out && tp->cc.state == TERN_CA_OPEN) {
		tern_arm_undo(tp);
		tern_tlp_forget(sk);
		tern_cc_enter_recovery(&tp->cc, tp->snd_nxt);
		/* The reordering timer reports none, and the first must go. */
		delivered = max(delivered, 1U);
	}
	tern_cc_prr_ack(&tp->cc, delivered, tern_in_flight(sk));
	if (!hold)
		tern_retransmit_lost(sk);
}

/* The hole filled with originals (tern_acked_late()): may recovery go
 * on resending? tern_rack_late_fill() decides.
 */
static bool tern_late_fill_holds(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);

	switch (tern_rack_late_fill(tp->cc.state == TERN_CA_RECOVERY,
				    tp->undo_marker, tp->retrans_out)) {
	case TERN_LATE_HOLD:
		tern_stat_inc(sock_net(sk), TERN_STAT_LATE_FILLS);
		return true;
	case TERN_LATE_UNDO:
		tern_stat_inc(sock_net(sk), TERN_STAT_LATE_FILLS);
		tern_undo(sk);
		return false;
	default:
		return false;
	}
}

/* Segments an ACK reported delivered: newly acknowledged or SACKed, or
 * without SACK, one per duplicate ACK (RFC 6937's DeliveredData).
 */
static u32 tern_delivered(const struct tern_sock *tp, u32 prior_packets,
			  u32 prior_sacked)
{
	s64 delivered = (s64)prior_packets - tp->packets_out +
			tp->sacked_out + tp->dup_sacked - prior_sacked;

	return delivered > 0 ? delivered : 0;
}

/**
 * tern_rack_timeout() - the reordering timer fired
 * @sk: the socket, locked
 *
 * A segment that was waiting out the reordering window may now be lost.
 */
void tern_rack_timeout(struct sock *sk)
{
	tern_recover(sk, 0, false);
	tern_rearm_rto(sk);
}

/* New data acknowledged while repairing: done, or the next hole. */
static void tern_recovery_progress(struct sock *sk, u32 ack)
{
	struct tern_sock *tp = tern_sk(sk);

	if (tp->cc.state == TERN_CA_OPEN)
		return;
	if (!tern_seq_before(ack, tp->cc.high_seq)) {
		tern_cc_exit_recovery(&tp->cc);
		tern_rack_recovery_done(&tp->rack);
		return;
	}
	/* NewReno partial ACK: the next segment was lost too. */
	if (!tp->sack_ok && tp->cc.state == TERN_CA_RECOVERY)
		tern_mark_head_lost(sk);
}

static bool tern_is_dupack(const struct sock *sk, const struct sk_buff *skb,
			   u32 prior_wnd)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	const struct tern_sock *tp = tern_sk(sk);

	return tp->packets_out && cb->seq == cb->end_seq &&
	       tp->snd_wnd == prior_wnd;
}

/**
 * tern_ack() - process a segment's acknowledgment number and SACK blocks
 * @sk: the socket, locked, in a synchronized state
 * @skb: the segment; its control block holds seq, ack_seq and window
 * @opt: its options
 *
 * Return: TERN_ACK_* flags.
 */
int tern_ack(struct sock *sk, const struct sk_buff *skb,
	     const struct tern_options *opt)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	struct tern_sock *tp = tern_sk(sk);
	u32 ack = cb->ack_seq, prior_una = tp->snd_una;
	u32 prior_wnd = tp->snd_wnd, acked = 0, prior_in_flight;
	u32 prior_packets = tp->packets_out;
	u32 prior_sacked = tp->sacked_out + tp->dup_sacked;
	u32 prior_sack_high = tp->sack_high;
	bool sacked_new = false, dsack = false, undo = false, late;
	u64 now;
	int flags;

	/* RFC 5961 5.2: far too old to be real; as TCP, the window counts
	 * only as far as the peer ever acknowledged (an ACK of what we never
	 * sent went to the state table before this).
	 */
	if (tern_seq_before(ack, prior_una - min_t(u64, tp->max_window,
						   tp->bytes_acked))) {
		tern_send_challenge_ack(sk);
		return TERN_ACK_DROP;
	}
	tp->probes_out = 0;
	if (tern_seq_before(ack, prior_una))
		return 0;
	prior_in_flight = tern_in_flight(sk);
	/* One time for the whole ACK: RACK, RTT and the window agree on it. */
	now = tern_clock_us();

	tern_ack_update_window(sk, ack, cb->seq, cb->window);
	if (tp->sack_ok && opt->nr_sacks) {
		dsack = tern_check_dsack(sk, opt, ack, &undo);
		sacked_new = tern_sack_mark(sk, opt, now);
	}
	if (tp->sack_ok)
		tern_rack_dsack(&tp->rack, prior_una, tp->snd_nxt, dsack);
	if (undo)
		tern_undo(sk);
	tern_tlp_ack(sk, ack, dsack ? &opt->sacks[0] : NULL,
		     ack == prior_una && !sacked_new &&
		     tern_is_dupack(sk, skb, prior_wnd));

	if (ack == prior_una) {
		if ((tern_is_dupack(sk, skb, prior_wnd) && !dsack) || sacked_new)
			tern_dupack(sk);
		tern_recover(sk, tern_delivered(tp, prior_packets, prior_sacked),
			     false);
		return 0;
	}

	late = tern_acked_late(tp, ack, prior_sack_high);
	flags = tern_clean_rtx_queue(sk, ack, now, late, &acked);
	tp->snd_una = ack;
	/* Never let it fall behind: 2^31 bytes later it would look ahead. */
	tp->sack_high = tern_seq_max(tp->sack_high, ack);
	tp->bytes_acked += ack - prior_una;
	tp->dupacks = 0;
	tp->dup_sacked = 0;
	tp->retransmits = 0;
	tp->backoff = 0;

	tern_recovery_progress(sk, ack);
	tern_cc_on_ack(&tp->cc, acked, prior_in_flight, now,
		       tp->rtt.srtt_us);
	tern_recover(sk, tern_delivered(tp, prior_packets, prior_sacked),
		     late && tern_late_fill_holds(sk));
	tern_rearm_rto(sk);

	sk_mem_reclaim(sk);
	tern_sndbuf_expand(sk);
	if (sk->sk_socket && test_bit(SOCK_NOSPACE, &sk->sk_socket->flags))
		sk->sk_write_space(sk);
	return flags;
}
