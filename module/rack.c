// SPDX-License-Identifier: GPL-2.0
/*
 * RACK (RFC 8985): a segment is lost when a segment sent after it has
 * been delivered and more than that segment's round trip, plus a
 * reordering window, has passed since it was sent. Unlike counting
 * duplicate ACKs this works however few segments are in flight, and a
 * lost retransmission is found like any other loss: its send time moved.
 *
 * Pure arithmetic on struct tern_rack; the ACK path walks the queue.
 */
#include <kunit/visibility.h>
#include <linux/kernel.h>
#include <linux/minmax.h>

#include "rack.h"
#include "seq.h"

/* Recoveries a grown reordering window lasts without new D-SACKs. */
#define TERN_RACK_REO_PERSIST	16
/* A retransmission's ACK within 1/8 of min_rtt below it is still its own. */
#define TERN_RACK_JITTER_SHIFT	3

/**
 * tern_rack_init() - nothing delivered yet, the smallest window
 * @rack: the state
 */
void tern_rack_init(struct tern_rack *rack)
{
	*rack = (struct tern_rack) { .reo_wnd_mult = 1 };
}
EXPORT_SYMBOL_IF_KUNIT(tern_rack_init);

/**
 * tern_rack_sent_before() - was a segment sent before RACK's segment?
 * @rack: the state
 * @sent_us: the segment's (last) send time
 * @end_seq: its end, the tie-break
 *
 * Return: true if it was sent before the latest delivered segment.
 */
bool tern_rack_sent_before(const struct tern_rack *rack, u64 sent_us,
			   u32 end_seq)
{
	return sent_us < rack->xmit_us ||
	       (sent_us == rack->xmit_us && tern_seq_before(end_seq, rack->end_seq));
}
EXPORT_SYMBOL_IF_KUNIT(tern_rack_sent_before);

/**
 * tern_rack_delivered() - a segment was newly acknowledged or SACKed
 * @rack: the state
 * @sent_us: when it was last sent
 * @end_seq: its end
 * @retransmitted: it was sent more than once
 * @now_us: the time now
 * @min_rtt_us: the smallest RTT seen, 0 if none
 *
 * RFC 8985 6.2 step 2: an ACK of a retransmitted segment that came back
 * faster than any round trip can only be for the original, whose send
 * time is gone: it says nothing. "Faster" allows for jitter: the minimum
 * is itself one lucky sample, and a tail loss probe's SACK, as bare a
 * round trip as the one that set it, must not be thrown away by a few
 * microseconds (the repair would wait for the RTO).
 */
void tern_rack_delivered(struct tern_rack *rack, u64 sent_us, u32 end_seq,
			 bool retransmitted, u64 now_us, u32 min_rtt_us)
{
	u64 rtt = now_us > sent_us ? now_us - sent_us : 0;

	if (retransmitted &&
	    rtt < min_rtt_us - (min_rtt_us >> TERN_RACK_JITTER_SHIFT))
		return;
	/* The round trip is the latest delivery's, whenever it was sent:
	 * when the path holds some segments back, theirs is the one that
	 * says how long the others may still take (TCP's tcp_rack_advance()).
	 */
	rack->rtt_us = min_t(u64, rtt, U32_MAX);
	/* Only a segment sent later than the one remembered moves RACK. */
	if (sent_us < rack->xmit_us ||
	    (sent_us == rack->xmit_us && !tern_seq_after(end_seq, rack->end_seq)))
		return;
	rack->xmit_us = sent_us;
	rack->end_seq = end_seq;
}
EXPORT_SYMBOL_IF_KUNIT(tern_rack_delivered);

/**
 * tern_rack_reo_wnd() - how long to allow for reordering
 * @rack: the state
 * @min_rtt_us: the smallest RTT seen
 * @srtt_us: the smoothed RTT
 * @reordering_seen: the path has been seen to reorder
 * @dupthresh_met: in recovery, or as many segments SACKed above a hole
 *	as duplicate ACKs would need
 *
 * Return: RFC 8985 6.2 step 4: none on a path not known to reorder once
 * the classic duplicate threshold is met; otherwise a quarter of the
 * minimum RTT per D-SACK round seen, at most one SRTT.
 */
u32 tern_rack_reo_wnd(const struct tern_rack *rack, u32 min_rtt_us,
		      u32 srtt_us, bool reordering_seen, bool dupthresh_met)
{
	if (!reordering_seen && dupthresh_met)
		return 0;
	return min(rack->reo_wnd_mult * (min_rtt_us / 4), srtt_us);
}
EXPORT_SYMBOL_IF_KUNIT(tern_rack_reo_wnd);

/**
 * tern_rack_time_left() - how long before a segment counts as lost
 * @rack: the state
 * @sent_us: when the segment was last sent (before RACK's segment)
 * @reo_wnd_us: the reordering window
 * @now_us: the time now
 *
 * Return: microseconds still to wait; 0 or less means lost now.
 */
s64 tern_rack_time_left(const struct tern_rack *rack, u64 sent_us,
			u32 reo_wnd_us, u64 now_us)
{
	return (s64)(sent_us + rack->rtt_us + reo_wnd_us) - (s64)now_us;
}
EXPORT_SYMBOL_IF_KUNIT(tern_rack_time_left);

/**
 * tern_rack_dsack() - an ACK arrived; did it carry a D-SACK?
 * @rack: the state
 * @snd_una: the oldest unacknowledged sequence number
 * @snd_nxt: the next sequence number to send
 * @dsack: the ACK reported a duplicate
 *
 * A D-SACK means a retransmission was needless: the reordering window
 * grows by a quarter of the minimum RTT, once per round trip.
 */
void tern_rack_dsack(struct tern_rack *rack, u32 snd_una, u32 snd_nxt,
		     bool dsack)
{
	if (rack->dsack_round_valid &&
	    !tern_seq_before(snd_una, rack->dsack_round))
		rack->dsack_round_valid = false;
	if (!dsack || rack->dsack_round_valid)
		return;
	rack->dsack_round = snd_nxt;
	rack->dsack_round_valid = true;
	rack->reo_wnd_mult = min_t(u32, rack->reo_wnd_mult + 1, U8_MAX);
	rack->reo_wnd_persist = TERN_RACK_REO_PERSIST;
}
EXPORT_SYMBOL_IF_KUNIT(tern_rack_dsack);

/**
 * tern_rack_recovery_done() - a recovery ended
 * @rack: the state
 *
 * Enough recoveries without a D-SACK bring the window back to its least.
 */
void tern_rack_recovery_done(struct tern_rack *rack)
{
	if (rack->reo_wnd_persist && !--rack->reo_wnd_persist)
		rack->reo_wnd_mult = 1;
}
EXPORT_SYMBOL_IF_KUNIT(tern_rack_recovery_done);

/**
 * tern_rack_late_fill() - a cumulative ACK covered a hole's original
 * @in_recovery: fast recovery is under way
 * @undo_armed: its window cut can still be undone
 * @retrans_out: retransmissions still in flight
 *
 * The oldest segment outstanding, never retransmitted, was acknowledged
 * after data beyond it had been SACKed: the "loss" that started recovery
 * may have been the path holding a burst back. Its retransmissions in
 * flight will each come back as a D-SACK if so, and the last of them
 * undoes the cut; until then, resend nothing more on such an ACK. With
 * none in flight there is nothing left to wait for: undo now. (TCP's
 * tcp_try_undo_partial() decides the same, from timestamps.)
 *
 * Return: what recovery does with this ACK.
 */
enum tern_late_fill tern_rack_late_fill(bool in_recovery, bool undo_armed,
					u32 retrans_out)
{
	if (!in_recovery || !undo_armed)
		return TERN_LATE_REPAIR;
	return retrans_out ? TERN_LATE_HOLD : TERN_LATE_UNDO;
}
EXPORT_SYMBOL_IF_KUNIT(tern_rack_late_fill);
