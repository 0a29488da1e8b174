// SPDX-License-Identifier: GPL-2.0
/*
 * Round-trip time estimation and the retransmission timeout, as RFC 6298
 * gives them. Pure arithmetic on struct tern_rtt; samples come from the
 * acknowledgment path, which applies Karn's rule (no samples from
 * retransmitted segments).
 */
#include <kunit/visibility.h>
#include <linux/kernel.h>
#include <linux/minmax.h>

#include "rtt.h"

/**
 * tern_rtt_init() - start a connection with no samples
 * @rtt: the estimator
 * @initial_rto_us: the timeout to use until the first sample (RFC 6298
 *	says one second)
 */
void tern_rtt_init(struct tern_rtt *rtt, u32 initial_rto_us)
{
	*rtt = (struct tern_rtt) { .rto_us = initial_rto_us };
}
EXPORT_SYMBOL_IF_KUNIT(tern_rtt_init);

/**
 * tern_rtt_sample() - fold one round-trip time measurement in
 * @rtt: the estimator
 * @sample_us: the measurement, microseconds
 * @granularity_us: the clock granularity G of RFC 6298
 *
 * The first sample sets SRTT = R and RTTVAR = R/2; later ones use
 * RTTVAR = 3/4 RTTVAR + 1/4 |SRTT - R| and SRTT = 7/8 SRTT + 1/8 R, in
 * that order. RTO = SRTT + max(G, 4 RTTVAR).
 */
void tern_rtt_sample(struct tern_rtt *rtt, u32 sample_us, u32 granularity_us)
{
	u32 delta;

	sample_us = max(sample_us, 1U);
	rtt->latest_us = sample_us;
	if (!rtt->srtt_us) {
		rtt->srtt_us = sample_us;
		rtt->rttvar_us = sample_us / 2;
		rtt->min_us = sample_us;
	} else {
		delta = rtt->srtt_us > sample_us ? rtt->srtt_us - sample_us :
						   sample_us - rtt->srtt_us;
		rtt->rttvar_us = rtt->rttvar_us - rtt->rttvar_us / 4 + delta / 4;
		rtt->srtt_us = rtt->srtt_us - rtt->srtt_us / 8 + sample_us / 8;
		rtt->min_us = min(rtt->min_us, sample_us);
	}
	rtt->rto_us = rtt->srtt_us + max(granularity_us, 4 * rtt->rttvar_us);
}
EXPORT_SYMBOL_IF_KUNIT(tern_rtt_sample);

/**
 * tern_rto_backed_off() - the timeout to arm now
 * @rtt: the estimator
 * @backoff: how many times the timer has expired in a row
 * @min_us: lower bound (RFC 6298 says one second; Linux uses 200 ms)
 * @max_us: upper bound
 *
 * Return: RTO doubled @backoff times, clamped to [@min_us, @max_us].
 */
u32 tern_rto_backed_off(const struct tern_rtt *rtt, unsigned int backoff,
			u32 min_us, u32 max_us)
{
	u64 rto = clamp(rtt->rto_us, min_us, max_us);

	rto <<= min(backoff, 31U);
	return min_t(u64, rto, max_us);
}
EXPORT_SYMBOL_IF_KUNIT(tern_rto_backed_off);
