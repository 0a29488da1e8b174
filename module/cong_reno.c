// SPDX-License-Identifier: GPL-2.0
/*
 * Reno congestion avoidance (RFC 5681): slow start, then one segment per
 * round trip; halve on loss.
 */
#include <linux/kernel.h>

#include "congestion.h"

static void reno_init(struct tern_cc *cc)
{
}

static void reno_cong_avoid(struct tern_cc *cc, u32 acked, u64 now_us, u32 rtt_us)
{
	if (cc->cwnd < cc->ssthresh) {
		acked = tern_slow_start(cc, acked);
		if (!acked)
			return;
	}
	tern_cong_avoid_ai(cc, cc->cwnd, acked);
}

static u32 reno_ssthresh(struct tern_cc *cc)
{
	return max(cc->cwnd / 2, 2U);
}

const struct tern_cong_ops tern_reno = {
	.name		= "reno",
	.init		= reno_init,
	.cong_avoid	= reno_cong_avoid,
	.ssthresh	= reno_ssthresh,
};
