/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tail loss probe (RFC 8985 section 7): a lost last segment is repaired
 * within a few round trips, not after the retransmission timeout.
 */
#ifndef _TERN_TLP_H
#define _TERN_TLP_H

#include <linux/types.h>

struct sock;
struct tern_sack_block;

/* RFC 8985 7.2: the worst-case delayed ACK a lone segment may wait for. */
#define TERN_TLP_DELACK_US	200000U
/* ... and the probe timeout before any round trip was measured. */
#define TERN_TLP_NO_RTT_US	1000000U
/* The least probe timeout: on a sub-millisecond path, scheduling jitter
 * alone would otherwise send needless probes (the first Linux TLP's floor).
 */
#define TERN_TLP_MIN_US		10000U

/* What an acknowledgment says about an outstanding probe. */
enum tern_tlp_verdict {
	TERN_TLP_WAIT,		/* nothing yet */
	TERN_TLP_NO_LOSS,	/* the probe was not needed, or sent new data */
	TERN_TLP_LOSS,		/* the probe repaired a loss */
};

u32 tern_tlp_timeout_us(u32 srtt_us, u32 packets_out, u32 rto_us,
			u32 tick_us);
enum tern_tlp_verdict tern_tlp_judge(u32 high_seq, bool retransmitted,
				     u32 ack, bool probe_dsacked,
				     bool pure_dupack);
unsigned long tern_tlp_timeout(const struct sock *sk);
void tern_tlp_send(struct sock *sk);
void tern_tlp_ack(struct sock *sk, u32 ack, const struct tern_sack_block *dsack,
		  bool pure_dupack);
void tern_tlp_forget(struct sock *sk);

#endif /* _TERN_TLP_H */
