// SPDX-License-Identifier: GPL-2.0
/*
 * CUBIC congestion control (RFC 9438): after a loss the window follows
 * W(t) = C (t - K)^3 + W_max, concave up to the old maximum and convex
 * beyond it, never slower than Reno would be (the Reno-friendly region).
 * C = 0.4, beta = 0.7; times in milliseconds, windows in segments with
 * 10 bits of fraction where precision matters.
 */
#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/string.h>

#include "congestion.h"

#define CUBIC_BETA		717	/* 0.7 * 1024 */
#define CUBIC_ONE		1024
/* alpha of the Reno-friendly estimate: 3 (1 - beta) / (1 + beta) */
#define CUBIC_ALPHA		((3 * (CUBIC_ONE - CUBIC_BETA) * CUBIC_ONE) / \
				 (CUBIC_ONE + CUBIC_BETA))

/**
 * struct cubic - CUBIC's share of tern_cc.priv
 * @w_max: window before the last reduction
 * @w_last_max: @w_max before that (fast convergence)
 * @epoch_us: start of the current avoidance epoch, 0 if none
 * @k_ms: time to climb back to @origin
 * @origin: the plateau of the curve
 * @w_est: Reno-friendly window estimate, 20-bit fraction: at large
 *	windows one ACK adds far less than a 1024th of a segment
 */
struct cubic {
	u32 w_max;
	u32 w_last_max;
	u64 epoch_us;
	u32 k_ms;
	u32 origin;
	u64 w_est;
};

#define CUBIC_EST_SHIFT		20

static struct cubic *cubic_of(struct tern_cc *cc)
{
	BUILD_BUG_ON(sizeof(struct cubic) > sizeof(cc->priv));
	return (struct cubic *)cc->priv;
}

/* Integer cube root, bit by bit (Hacker's Delight). */
static u32 cubic_root(u64 x)
{
	u64 y = 0, b;
	int s;

	for (s = 63; s >= 0; s -= 3) {
		y += y;
		b = 3 * y * (y + 1) + 1;
		if ((x >> s) >= b) {
			x -= b << s;
			y++;
		}
	}
	return y;
}

static void cubic_init(struct tern_cc *cc)
{
	memset(cubic_of(cc), 0, sizeof(struct cubic));
}

static void cubic_start_epoch(struct tern_cc *cc, struct cubic *ca, u64 now_us)
{
	ca->epoch_us = now_us;
	ca->w_est = (u64)cc->cwnd << CUBIC_EST_SHIFT;
	if (cc->cwnd < ca->w_max) {
		/* K = cbrt((W_max - cwnd) / C), with C = 0.4: in ms^3 */
		ca->k_ms = cubic_root((u64)(ca->w_max - cc->cwnd) * 2500000000ULL);
		ca->origin = ca->w_max;
	} else {
		ca->k_ms = 0;
		ca->origin = cc->cwnd;
	}
}

/* How many acknowledged segments per one-segment increase. */
static u32 cubic_ack_count(struct tern_cc *cc, struct cubic *ca, u32 acked,
			   u64 now_us, u32 rtt_us)
{
	s64 t_ms, offs;
	u64 delta, cwnd_est;
	u32 target, cnt;

	/* Aim where the curve will be one round trip from now. */
	t_ms = div_u64(now_us - ca->epoch_us + rtt_us, 1000);
	/* Beyond a quarter of an hour the cube would overflow. */
	offs = clamp_t(s64, t_ms - ca->k_ms, -1000000, 1000000);
	delta = div64_u64((u64)abs(offs) * abs(offs) * abs(offs) * 4, 10000000000ULL);
	if (offs < 0)
		target = ca->origin > delta ? ca->origin - delta : 1;
	else
		target = ca->origin + min_t(u64, delta, U32_MAX / 2);

	if (target > cc->cwnd)
		cnt = cc->cwnd / (target - cc->cwnd);
	else
		cnt = 100 * cc->cwnd;	/* hold the window nearly flat */

	/* Reno-friendly region: never grow slower than Reno would. */
	cwnd_est = (u64)cc->cwnd << CUBIC_EST_SHIFT;
	ca->w_est += div_u64((u64)CUBIC_ALPHA * acked << (CUBIC_EST_SHIFT - 10),
			     cc->cwnd);
	if (ca->w_est > cwnd_est) {
		u32 reno_cnt = div64_u64(cwnd_est, ca->w_est - cwnd_est);

		cnt = min(cnt, max(reno_cnt, 1U));
	}
	return max(cnt, 2U);
}

static void cubic_cong_avoid(struct tern_cc *cc, u32 acked, u64 now_us, u32 rtt_us)
{
	struct cubic *ca = cubic_of(cc);

	if (cc->cwnd < cc->ssthresh) {
		acked = tern_slow_start(cc, acked);
		if (!acked)
			return;
	}
	if (!ca->epoch_us)
		cubic_start_epoch(cc, ca, now_us);
	tern_cong_avoid_ai(cc, cubic_ack_count(cc, ca, acked, now_us, rtt_us), acked);
}

static u32 cubic_ssthresh(struct tern_cc *cc)
{
	struct cubic *ca = cubic_of(cc);

	ca->epoch_us = 0;
	/* Fast convergence: yield to newer flows when the maximum shrinks. */
	if (cc->cwnd < ca->w_last_max)
		ca->w_max = cc->cwnd * (CUBIC_ONE + CUBIC_BETA) / (2 * CUBIC_ONE);
	else
		ca->w_max = cc->cwnd;
	ca->w_last_max = cc->cwnd;
	return max(cc->cwnd * CUBIC_BETA / CUBIC_ONE, 2U);
}

const struct tern_cong_ops tern_cubic = {
	.name		= "cubic",
	.init		= cubic_init,
	.cong_avoid	= cubic_cong_avoid,
	.ssthresh	= cubic_ssthresh,
};
