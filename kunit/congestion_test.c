// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: congestion control, Reno (RFC 5681, RFC 6582) and CUBIC (RFC
 * 9438), driven through the interface the ACK path uses. Windows are in
 * segments; a "round" acknowledges one window of segments, one ACK per
 * segment, spread over one round-trip time of a clock the test drives.
 */
#include <kunit/test.h>
#include <linux/math64.h>

#include "congestion.h"

/* A clock far from zero (CUBIC takes 0 to mean "no epoch"). */
#define T0		1000000000ULL
#define RTT_100MS	100000U
#define RTT_1MS		1000U

/* RFC 9438: beta 0.7; alpha = 3 (1 - beta) / (1 + beta) = 0.5294 */
#define CUBIC_ALPHA_PPM	529412U

static void cc_start(struct kunit *test, struct tern_cc *cc, const char *name)
{
	const struct tern_cong_ops *ops = tern_cong_find(name);

	KUNIT_ASSERT_NOT_NULL(test, ops);
	tern_cc_init(cc, ops);
}

/* An ACK for a sender that keeps its whole window in flight. */
static void cc_ack(struct tern_cc *cc, u32 acked, u64 now_us, u32 rtt_us)
{
	tern_cc_on_ack(cc, acked, cc->cwnd, now_us, rtt_us);
}

/* One round: cwnd segments acknowledged one by one over @rtt_us. */
static u32 round_trip(struct tern_cc *cc, u64 *now_us, u32 rtt_us)
{
	u32 i, n = cc->cwnd;

	for (i = 0; i < n; i++)
		cc_ack(cc, 1, *now_us + div_u64((u64)rtt_us * i, n), rtt_us);
	*now_us += rtt_us;
	return n;
}

/* A loss detected by duplicate ACKs at window @w, fully repaired. */
static void loss_at(struct tern_cc *cc, u32 w)
{
	cc->cwnd = w;
	tern_cc_enter_recovery(cc, 1000);
	tern_cc_exit_recovery(cc);
}

static void cong_find(struct kunit *test)
{
	const struct tern_cong_ops *reno = tern_cong_find("reno");
	const struct tern_cong_ops *cubic = tern_cong_find("cubic");

	KUNIT_ASSERT_NOT_NULL(test, reno);
	KUNIT_ASSERT_NOT_NULL(test, cubic);
	KUNIT_EXPECT_STREQ(test, reno->name, "reno");
	KUNIT_EXPECT_STREQ(test, cubic->name, "cubic");
	KUNIT_EXPECT_PTR_NE(test, reno, cubic);
	KUNIT_EXPECT_NULL(test, tern_cong_find(""));
	KUNIT_EXPECT_NULL(test, tern_cong_find("vegas"));
	KUNIT_EXPECT_NULL(test, tern_cong_find("Reno"));
	KUNIT_EXPECT_NULL(test, tern_cong_find("cubic "));
	KUNIT_EXPECT_NULL(test, tern_cong_find("cub"));
}

/* RFC 6928 initial window, no threshold yet. */
static void cong_init(struct kunit *test)
{
	static const char *const names[] = { "reno", "cubic" };
	struct tern_cc cc;
	int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		memset(&cc, 0x5a, sizeof(cc));
		cc_start(test, &cc, names[i]);
		KUNIT_EXPECT_EQ(test, cc.cwnd, 10);
		KUNIT_EXPECT_EQ(test, cc.ssthresh, TERN_INFINITE_SSTHRESH);
		KUNIT_EXPECT_EQ(test, cc.cwnd_cnt, 0);
		KUNIT_EXPECT_EQ(test, cc.state, TERN_CA_OPEN);
		KUNIT_EXPECT_PTR_EQ(test, cc.ops, tern_cong_find(names[i]));
	}
}

/* RFC 5681 3.1: slow start, one segment per segment acknowledged: the
 * window doubles every round trip, with one ACK per segment or per two.
 */
static void slow_start_doubles(struct kunit *test)
{
	static const char *const names[] = { "reno", "cubic" };
	struct tern_cc cc;
	u64 now = T0;
	u32 want, i, n;
	int a;

	for (a = 0; a < ARRAY_SIZE(names); a++) {
		cc_start(test, &cc, names[a]);
		for (want = 20; want <= 1280; want *= 2) {
			round_trip(&cc, &now, RTT_100MS);
			KUNIT_EXPECT_EQ_MSG(test, cc.cwnd, want, "%s", names[a]);
		}
		/* Delayed ACKs, each for two segments (RFC 3465). */
		cc_start(test, &cc, names[a]);
		for (want = 20; want <= 160; want *= 2) {
			n = cc.cwnd / 2;
			for (i = 0; i < n; i++)
				cc_ack(&cc, 2, now, RTT_100MS);
			now += RTT_100MS;
			KUNIT_EXPECT_EQ_MSG(test, cc.cwnd, want, "%s", names[a]);
		}
	}
}

/* A window the sender does not fill is not grown (RFC 7661), in either
 * algorithm and either phase: more than half of it must be in flight.
 */
static void idle_window_not_grown(struct kunit *test)
{
	static const char * const names[] = { "reno", "cubic" };
	u64 now = T0;
	struct tern_cc cc;
	int i, j;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		cc_start(test, &cc, names[i]);
		for (j = 0; j < 100; j++)
			tern_cc_on_ack(&cc, 1, 5, now + j, RTT_100MS);
		KUNIT_EXPECT_EQ(test, cc.cwnd, TERN_INIT_CWND);
		tern_cc_on_ack(&cc, 1, 6, now, RTT_100MS);
		KUNIT_EXPECT_EQ(test, cc.cwnd, TERN_INIT_CWND + 1);
		cc.ssthresh = TERN_INIT_CWND + 1;
		for (j = 0; j < 100; j++, now += RTT_100MS)
			tern_cc_on_ack(&cc, 1, 5, now, RTT_100MS);
		KUNIT_EXPECT_EQ(test, cc.cwnd, TERN_INIT_CWND + 1);
	}
}

/* Slow start stops at ssthresh; what is left grows the window slowly. */
static void slow_start_to_ssthresh(struct kunit *test)
{
	struct tern_cc cc;
	int i;

	cc_start(test, &cc, "reno");
	cc.ssthresh = 15;
	cc_ack(&cc, 10, T0, RTT_100MS);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 15);
	for (i = 0; i < 9; i++)
		cc_ack(&cc, 1, T0, RTT_100MS);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 15);
	for (i = 0; i < 6; i++)
		cc_ack(&cc, 1, T0, RTT_100MS);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 16);
	/* A stretch ACK crossing ssthresh does not overshoot. */
	cc_start(test, &cc, "reno");
	cc.ssthresh = 12;
	cc_ack(&cc, 8, T0, RTT_100MS);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 12);
}

/* RFC 5681 3.1: congestion avoidance, one segment per round trip. */
static void reno_congestion_avoidance(struct kunit *test)
{
	struct tern_cc cc;
	u64 now = T0;
	int i, r;

	cc_start(test, &cc, "reno");
	cc.cwnd = 20;
	cc.ssthresh = 20;
	for (i = 0; i < 19; i++)
		cc_ack(&cc, 1, now, RTT_100MS);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 20);
	cc_ack(&cc, 1, now, RTT_100MS);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 21);
	for (r = 1; r <= 30; r++) {
		round_trip(&cc, &now, RTT_100MS);
		KUNIT_EXPECT_EQ(test, cc.cwnd, 21 + r);
	}
	/* With an ACK per two segments: still one per round trip. */
	cc_start(test, &cc, "reno");
	cc.cwnd = 40;
	cc.ssthresh = 40;
	for (r = 1; r <= 10; r++) {
		u32 n = cc.cwnd / 2;

		for (i = 0; i < n; i++)
			cc_ack(&cc, 2, now, RTT_100MS);
		KUNIT_EXPECT_EQ(test, cc.cwnd, 40 + r);
		/* Odd windows leave one segment for the next round. */
		if (cc.cwnd & 1)
			cc_ack(&cc, 1, now, RTT_100MS);
	}
}

/* RFC 5681 (4) and RFC 6582: halve once per window, no growth while
 * repairing, continue from ssthresh afterwards.
 */
static void reno_recovery(struct kunit *test)
{
	struct tern_cc cc;
	u64 now = T0;
	int i;

	cc_start(test, &cc, "reno");
	cc.cwnd = 40;
	tern_cc_enter_recovery(&cc, 5000);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 20);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 20);
	KUNIT_EXPECT_EQ(test, cc.state, TERN_CA_RECOVERY);
	KUNIT_EXPECT_EQ(test, cc.high_seq, 5000);
	for (i = 0; i < 100; i++)
		cc_ack(&cc, 1, now, RTT_100MS);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 20);
	/* A second loss in the same window: no second cut. */
	tern_cc_enter_recovery(&cc, 6000);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 20);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 20);
	KUNIT_EXPECT_EQ(test, cc.high_seq, 5000);
	tern_cc_exit_recovery(&cc);
	KUNIT_EXPECT_EQ(test, cc.state, TERN_CA_OPEN);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 20);
	/* Congestion avoidance from there. */
	round_trip(&cc, &now, RTT_100MS);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 21);

	/* Odd windows round down; never below two segments. */
	cc_start(test, &cc, "reno");
	loss_at(&cc, 41);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 20);
	loss_at(&cc, 3);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 2);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 2);
	loss_at(&cc, 2);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 2);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 2);
}

/* A loss a tail loss probe repaired: one cut, still open; none while a
 * recovery or a timeout already handles the loss.
 */
static void cut_repaired(struct kunit *test)
{
	struct tern_cc cc;

	cc_start(test, &cc, "reno");
	cc.cwnd = 40;
	tern_cc_cut_repaired(&cc);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 20);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 20);
	KUNIT_EXPECT_EQ(test, cc.state, TERN_CA_OPEN);
	cc.cwnd = 3;
	tern_cc_cut_repaired(&cc);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 2);

	cc.cwnd = 40;
	tern_cc_enter_recovery(&cc, 5000);
	tern_cc_cut_repaired(&cc);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 20);
	KUNIT_EXPECT_EQ(test, cc.state, TERN_CA_RECOVERY);
	tern_cc_on_timeout(&cc, 6000);
	tern_cc_cut_repaired(&cc);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 1);
	KUNIT_EXPECT_EQ(test, cc.state, TERN_CA_LOSS);
}

/*
 * RFC 6937: one loss in a window of 20, ssthresh 10, an ACK per segment
 * delivered. Above ssthresh, one segment goes for every two delivered,
 * never two at once, and the window is down to ssthresh after RecoverFS
 * deliveries.
 */
static void prr_proportional(struct kunit *test)
{
	u32 delivered, out = 0, sndcnt;

	for (delivered = 1; delivered <= 20; delivered++) {
		sndcnt = tern_prr_sndcnt(delivered, out, 1, 19, 10, 20);
		KUNIT_EXPECT_LE(test, sndcnt, 1);
		out += sndcnt;
	}
	KUNIT_EXPECT_EQ(test, out, 10);
	/* The first ACK of a recovery lets the first retransmission go. */
	KUNIT_EXPECT_EQ(test, tern_prr_sndcnt(1, 0, 1, 19, 10, 20), 1);
	KUNIT_EXPECT_EQ(test, tern_prr_sndcnt(1, 0, 1, 10, 10, 20), 1);
	KUNIT_EXPECT_EQ(test, tern_prr_sndcnt(2, 1, 1, 10, 10, 20), 0);
}

/*
 * Below ssthresh: one more than the ACK reports delivered, up to
 * ssthresh. A SACK that marks 646 segments lost in a window of 1095
 * (reordering on a veth, not loss) lets 45 go, not 766 at once.
 */
static void prr_slow_start_bound(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, tern_prr_sndcnt(5, 5, 3, 2, 10, 20), 4);
	KUNIT_EXPECT_EQ(test, tern_prr_sndcnt(5, 5, 3, 9, 10, 20), 1);
	/* Sent less than delivered so far: catch up. */
	KUNIT_EXPECT_EQ(test, tern_prr_sndcnt(8, 2, 1, 2, 10, 20), 7);
	KUNIT_EXPECT_EQ(test, tern_prr_sndcnt(44, 0, 44, 0, 766, 1095), 45);
}

/* The window the ACK path sends by: in flight plus what PRR lets go. */
static void prr_sets_window(struct kunit *test)
{
	struct tern_cc cc;

	cc_start(test, &cc, "cubic");
	cc.cwnd = 1095;
	tern_cc_prr_sent(&cc, 5);
	KUNIT_EXPECT_EQ(test, cc.prr_out, 0);
	tern_cc_prr_ack(&cc, 44, 0);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 1095);
	tern_cc_enter_recovery(&cc, 5000);
	KUNIT_EXPECT_EQ(test, cc.recover_fs, 1095);
	tern_cc_prr_ack(&cc, 44, 0);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 45);
	tern_cc_prr_sent(&cc, 45);
	KUNIT_EXPECT_EQ(test, cc.prr_out, 45);
	/* An ACK with nothing delivered leaves the window. */
	tern_cc_prr_ack(&cc, 0, 45);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 45);
	tern_cc_exit_recovery(&cc);
	KUNIT_EXPECT_EQ(test, cc.cwnd, cc.ssthresh);
}

/* RFC 9438 4.6: multiply by beta = 0.7. */
static void cubic_recovery(struct kunit *test)
{
	struct tern_cc cc;
	int i;

	cc_start(test, &cc, "cubic");
	cc.cwnd = 100;
	tern_cc_enter_recovery(&cc, 5000);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 70);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 70);
	KUNIT_EXPECT_EQ(test, cc.state, TERN_CA_RECOVERY);
	for (i = 0; i < 200; i++)
		cc_ack(&cc, 1, T0 + 1000 * i, RTT_100MS);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 70);
	tern_cc_enter_recovery(&cc, 6000);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 70);
	tern_cc_exit_recovery(&cc);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 70);
	KUNIT_EXPECT_EQ(test, cc.state, TERN_CA_OPEN);

	cc_start(test, &cc, "cubic");
	loss_at(&cc, 1000);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 700);
	cc_start(test, &cc, "cubic");
	loss_at(&cc, 10);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 7);
	loss_at(&cc, 2);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 2);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 2);
}

/* RFC 5681 3.1: a timeout sets cwnd to one segment; a second timeout of
 * the same data holds ssthresh (RFC 5681 (4) note, RFC 9438 4.8 for CUBIC).
 */
static void timeout_restarts(struct kunit *test)
{
	static const struct {
		const char *name;
		u32 ssthresh;
	} algs[] = { { "reno", 20 }, { "cubic", 28 } };
	struct tern_cc cc;
	int a;

	for (a = 0; a < ARRAY_SIZE(algs); a++) {
		cc_start(test, &cc, algs[a].name);
		cc.cwnd = 40;
		tern_cc_on_timeout(&cc, 7000);
		KUNIT_EXPECT_EQ_MSG(test, cc.cwnd, 1, "%s", algs[a].name);
		KUNIT_EXPECT_EQ_MSG(test, cc.ssthresh, algs[a].ssthresh, "%s", algs[a].name);
		KUNIT_EXPECT_EQ(test, cc.state, TERN_CA_LOSS);
		KUNIT_EXPECT_EQ(test, cc.high_seq, 7000);
		tern_cc_on_timeout(&cc, 7000);
		tern_cc_on_timeout(&cc, 7000);
		KUNIT_EXPECT_EQ_MSG(test, cc.cwnd, 1, "%s", algs[a].name);
		KUNIT_EXPECT_EQ_MSG(test, cc.ssthresh, algs[a].ssthresh,
				    "%s: ssthresh cut again", algs[a].name);
		/* All repaired: back to open, from one segment. */
		tern_cc_exit_recovery(&cc);
		KUNIT_EXPECT_EQ(test, cc.state, TERN_CA_OPEN);
		KUNIT_EXPECT_EQ(test, cc.cwnd, 1);
	}
	/* A timeout during fast recovery ends it: cwnd one segment. */
	cc_start(test, &cc, "reno");
	cc.cwnd = 40;
	tern_cc_enter_recovery(&cc, 7000);
	tern_cc_on_timeout(&cc, 8000);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 1);
	KUNIT_EXPECT_EQ(test, cc.state, TERN_CA_LOSS);
	KUNIT_EXPECT_EQ(test, cc.high_seq, 8000);
}

/*
 * RFC 5681 3.1: "after retransmitting the dropped segment the TCP sender
 * uses the slow start algorithm to increase the window from 1 full-sized
 * segment to the new value of ssthresh". The ACKs of the retransmissions
 * arrive while the data outstanding at the timeout is still being
 * repaired (before snd_una passes high_seq), and must open the window.
 */
static void slow_start_after_timeout(struct kunit *test)
{
	static const char *const names[] = { "reno", "cubic" };
	struct tern_cc cc;
	u64 now = T0;
	u32 want;
	int a;

	for (a = 0; a < ARRAY_SIZE(names); a++) {
		cc_start(test, &cc, names[a]);
		cc.cwnd = 64;
		tern_cc_on_timeout(&cc, 7000);
		KUNIT_ASSERT_EQ(test, cc.cwnd, 1);
		for (want = 2; want <= 16; want *= 2) {
			round_trip(&cc, &now, RTT_100MS);
			KUNIT_EXPECT_EQ_MSG(test, cc.cwnd, want,
					    "%s: window after a timeout, in loss recovery",
					    names[a]);
		}
	}
}

/* W_cubic(t) of RFC 9438 (C = 0.4), in thousandths of a segment. */
static s64 w_cubic_milli(s64 t_ms, s64 k_ms, s64 w_max)
{
	s64 d = t_ms - k_ms;

	return w_max * 1000 + div_s64(4 * d * d * d, 10000000);
}

/*
 * RFC 9438 4.2: after a loss at W_max = 100 the window follows
 * W(t) = 0.4 (t - K)^3 + W_max, K = cbrt(W_max (1 - beta) / C) = 4.217 s:
 * concave up to W_max, flat around K, convex beyond. With a 100 ms round
 * trip the Reno-friendly estimate stays below the curve throughout.
 */
static void cubic_curve(struct kunit *test)
{
	const s64 k_ms = 4217;
	u32 at[81];
	struct tern_cc cc;
	u64 now = T0;
	int r;

	cc_start(test, &cc, "cubic");
	cc_ack(&cc, 90, now, RTT_100MS);
	KUNIT_ASSERT_EQ(test, cc.cwnd, 100);
	loss_at(&cc, 100);
	KUNIT_ASSERT_EQ(test, cc.cwnd, 70);
	now += 1000000;
	for (r = 0; r <= 80; r++) {
		s64 t_ms = r * 100;
		s64 lo = w_cubic_milli(t_ms, k_ms, 100) - 2000;
		s64 hi = w_cubic_milli(t_ms + 100, k_ms, 100) + 2000;

		at[r] = cc.cwnd;
		KUNIT_EXPECT_GE_MSG(test, (s64)cc.cwnd * 1000, lo,
				    "t=%lld ms: cwnd %u, W(t) %lld/1000", t_ms, cc.cwnd,
				    w_cubic_milli(t_ms, k_ms, 100));
		KUNIT_EXPECT_LE_MSG(test, (s64)cc.cwnd * 1000, hi,
				    "t=%lld ms: cwnd %u, W(t+RTT) %lld/1000", t_ms, cc.cwnd,
				    hi - 2000);
		if (t_ms <= k_ms)
			KUNIT_EXPECT_LE_MSG(test, cc.cwnd, 100, "t=%lld ms: past W_max", t_ms);
		round_trip(&cc, &now, RTT_100MS);
	}
	/* Concave: each second adds less than the one before ... */
	KUNIT_EXPECT_GT(test, at[10] - at[0], at[20] - at[10]);
	KUNIT_EXPECT_GT(test, at[20] - at[10], at[30] - at[20]);
	/* ... to within a segment of W_max at K ... */
	KUNIT_EXPECT_GE(test, at[42], 99);
	KUNIT_EXPECT_LE(test, at[42], 100);
	/* ... then convex: each second adds more, past W_max. */
	KUNIT_EXPECT_LT(test, at[60] - at[50], at[70] - at[60]);
	KUNIT_EXPECT_LT(test, at[70] - at[60], at[80] - at[70]);
	KUNIT_EXPECT_GT(test, at[80], 115);
}

/*
 * RFC 9438 4.7, fast convergence: a loss below the previous W_max lowers
 * the plateau to cwnd (1 + beta) / 2. Losses at 1000 and then 900: the
 * window climbs to 765, not to 900 (K = cbrt(135 / 0.4) = 6.96 s).
 */
static void cubic_fast_convergence(struct kunit *test)
{
	struct tern_cc cc;
	u64 now = T0;
	int r;

	cc_start(test, &cc, "cubic");
	loss_at(&cc, 1000);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 700);
	loss_at(&cc, 900);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 630);
	for (r = 0; r < 70; r++) {
		KUNIT_EXPECT_LE(test, cc.cwnd, 766);
		round_trip(&cc, &now, RTT_100MS);
	}
	KUNIT_EXPECT_GE(test, cc.cwnd, 763);
	KUNIT_EXPECT_LE(test, cc.cwnd, 766);
}

/*
 * RFC 9438 4.3, the Reno-friendly region: with a short round trip the
 * cubic curve is nearly flat, and the window must follow the estimate
 * W_est += alpha * acked / cwnd (alpha = 0.529) instead: at least as fast
 * as the AIMD flow CUBIC is meant to be fair to.
 */
static void cubic_reno_friendly_at(struct kunit *test, u32 w_max, int rounds)
{
	u64 w_est_ppm, now = T0;
	struct tern_cc cc;
	int r, lag, max_lag = 0;
	u32 i, n;

	cc_start(test, &cc, "cubic");
	loss_at(&cc, w_max);
	w_est_ppm = (u64)cc.cwnd * 1000000;
	for (r = 0; r < rounds; r++) {
		lag = (int)div_u64(w_est_ppm, 1000000) - (int)cc.cwnd;
		max_lag = max(lag, max_lag);
		n = cc.cwnd;
		for (i = 0; i < n; i++) {
			w_est_ppm += CUBIC_ALPHA_PPM / cc.cwnd;
			cc_ack(&cc, 1, now + div_u64((u64)RTT_1MS * i, n), RTT_1MS);
		}
		now += RTT_1MS;
	}
	KUNIT_EXPECT_LE_MSG(test, max_lag, 2,
			    "W_max %u: cwnd %u after %d round trips, W_est %llu",
			    w_max, cc.cwnd, rounds, div_u64(w_est_ppm, 1000000));
}

static void cubic_reno_friendly(struct kunit *test)
{
	cubic_reno_friendly_at(test, 100, 60);
	cubic_reno_friendly_at(test, 1000, 200);
}

/*
 * CUBIC is never slower than Reno: after the same loss at W = 1000 on a
 * 1 ms path, over the 500 round trips Reno needs to climb back to 1000,
 * CUBIC delivers at least as much as Reno.
 */
static void cubic_not_slower_than_reno(struct kunit *test)
{
	struct tern_cc cubic, reno;
	u64 t_cubic = T0, t_reno = T0, sent_cubic = 0, sent_reno = 0;
	int r;

	cc_start(test, &cubic, "cubic");
	cc_start(test, &reno, "reno");
	loss_at(&cubic, 1000);
	loss_at(&reno, 1000);
	KUNIT_ASSERT_EQ(test, reno.cwnd, 500);
	for (r = 0; r < 500; r++) {
		sent_cubic += round_trip(&cubic, &t_cubic, RTT_1MS);
		sent_reno += round_trip(&reno, &t_reno, RTT_1MS);
	}
	KUNIT_EXPECT_EQ(test, reno.cwnd, 1000);
	KUNIT_EXPECT_GE_MSG(test, sent_cubic, sent_reno,
			    "cubic ends at %u, reno at %u", cubic.cwnd, reno.cwnd);
}

/*
 * RFC 9438 4.8: in the first congestion avoidance after a timeout, K = 0
 * and W_max is the window at its start: the window grows from there
 * (convex, or Reno-friendly), it does not race back to the old maximum.
 */
static void cubic_after_timeout(struct kunit *test)
{
	struct tern_cc cc;
	u64 now = T0;
	u32 start;
	int r;

	cc_start(test, &cc, "cubic");
	cc.cwnd = 100;
	tern_cc_on_timeout(&cc, 7000);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 70);
	tern_cc_exit_recovery(&cc);
	for (r = 0; r < 20 && cc.cwnd < cc.ssthresh; r++)
		round_trip(&cc, &now, RTT_100MS);
	KUNIT_ASSERT_GE(test, cc.cwnd, cc.ssthresh);
	start = cc.cwnd;
	/* One second: W(1 s) = start + 0.4; W_est = start + 5.3. */
	for (r = 0; r < 10; r++)
		round_trip(&cc, &now, RTT_100MS);
	KUNIT_EXPECT_GE(test, cc.cwnd, start + 3);
	KUNIT_EXPECT_LE_MSG(test, cc.cwnd, start + 7,
			    "from %u, one second into avoidance", start);
}

static struct kunit_case congestion_cases[] = {
	KUNIT_CASE(cong_find),
	KUNIT_CASE(cong_init),
	KUNIT_CASE(slow_start_doubles),
	KUNIT_CASE(idle_window_not_grown),
	KUNIT_CASE(slow_start_to_ssthresh),
	KUNIT_CASE(reno_congestion_avoidance),
	KUNIT_CASE(reno_recovery),
	KUNIT_CASE(cut_repaired),
	KUNIT_CASE(prr_proportional),
	KUNIT_CASE(prr_slow_start_bound),
	KUNIT_CASE(prr_sets_window),
	KUNIT_CASE(cubic_recovery),
	KUNIT_CASE(timeout_restarts),
	KUNIT_CASE(slow_start_after_timeout),
	KUNIT_CASE(cubic_curve),
	KUNIT_CASE(cubic_fast_convergence),
	KUNIT_CASE(cubic_reno_friendly),
	KUNIT_CASE(cubic_not_slower_than_reno),
	KUNIT_CASE(cubic_after_timeout),
	{}
};

static struct kunit_suite congestion_suite = {
	.name = "tern_congestion",
	.test_cases = congestion_cases,
};

kunit_test_suite(congestion_suite);
