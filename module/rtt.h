/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Round-trip time estimation and the retransmission timeout (RFC 6298).
 */
#ifndef _TERN_RTT_H
#define _TERN_RTT_H

#include <linux/types.h>

/**
 * struct tern_rtt - a connection's round-trip time estimate
 * @srtt_us: smoothed round-trip time, 0 until the first sample
 * @rttvar_us: round-trip time variation
 * @min_us: smallest sample seen
 * @latest_us: the last sample
 * @rto_us: retransmission timeout, before backoff and clamping
 */
struct tern_rtt {
	u32 srtt_us;
	u32 rttvar_us;
	u32 min_us;
	u32 latest_us;
	u32 rto_us;
};

void tern_rtt_init(struct tern_rtt *rtt, u32 initial_rto_us);
void tern_rtt_sample(struct tern_rtt *rtt, u32 sample_us, u32 granularity_us);
u32 tern_rto_backed_off(const struct tern_rtt *rtt, unsigned int backoff,
			u32 min_us, u32 max_us);

#endif /* _TERN_RTT_H */
