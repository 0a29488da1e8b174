/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RACK (RFC 8985): time-based loss detection.
 */
#ifndef _TERN_RACK_H
#define _TERN_RACK_H

#include <linux/types.h>

/**
 * struct tern_rack - what RACK remembers of the segments delivered
 * @xmit_us: when the most recently sent of the delivered segments was
 *	sent; 0 before anything was delivered
 * @end_seq: its end, to order segments sent in the same microsecond
 * @rtt_us: the round-trip time of the latest delivery, whenever sent
 * @dsack_round: snd_nxt when the reordering window last grew
 * @dsack_round_valid: @dsack_round is in use
 * @reo_wnd_mult: the reordering window, in quarters of the minimum RTT
 * @reo_wnd_persist: recoveries without D-SACK before it shrinks back
 */
struct tern_rack {
	u64 xmit_us;
	u32 end_seq;
	u32 rtt_us;
	u32 dsack_round;
	bool dsack_round_valid;
	u8 reo_wnd_mult;
	u8 reo_wnd_persist;
};

/**
 * enum tern_late_fill - what recovery does when a hole fills with originals
 * @TERN_LATE_REPAIR: nothing to change: repair as usual
 * @TERN_LATE_HOLD: retransmit nothing more on this ACK
 * @TERN_LATE_UNDO: the episode's cut was needless: take it back
 */
enum tern_late_fill {
	TERN_LATE_REPAIR,
	TERN_LATE_HOLD,
	TERN_LATE_UNDO,
};

void tern_rack_init(struct tern_rack *rack);
void tern_rack_delivered(struct tern_rack *rack, u64 sent_us, u32 end_seq,
			 bool retransmitted, u64 now_us, u32 min_rtt_us);
bool tern_rack_sent_before(const struct tern_rack *rack, u64 sent_us,
			   u32 end_seq);
u32 tern_rack_reo_wnd(const struct tern_rack *rack, u32 min_rtt_us,
		      u32 srtt_us, bool reordering_seen, bool dupthresh_met);
s64 tern_rack_time_left(const struct tern_rack *rack, u64 sent_us,
			u32 reo_wnd_us, u64 now_us);
void tern_rack_dsack(struct tern_rack *rack, u32 snd_una, u32 snd_nxt,
		     bool dsack);
void tern_rack_recovery_done(struct tern_rack *rack);
enum tern_late_fill tern_rack_late_fill(bool in_recovery, bool undo_armed,
					u32 retrans_out);

#endif /* _TERN_RACK_H */
