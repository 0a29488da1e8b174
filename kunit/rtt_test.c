// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the RFC 6298 round-trip time estimator.
 *
 *   first sample R:  SRTT = R, RTTVAR = R/2
 *   later samples:   RTTVAR = 3/4 RTTVAR + 1/4 |SRTT - R|
 *                    SRTT   = 7/8 SRTT + 1/8 R   (RTTVAR first)
 *   RTO = SRTT + max(G, 4 RTTVAR), clamped; doubled on each expiry (5.5)
 *
 * The samples are chosen so the RFC's arithmetic is exact in integers;
 * where it is not, the estimate may be off by rounding only.
 */
#include <kunit/test.h>

#include "rtt.h"

#define G	4000	/* clock granularity, us: one jiffy at HZ=250 */
#define RTO_MIN	200000
#define RTO_MAX	120000000

static void rtt_initial(struct kunit *test)
{
	struct tern_rtt rtt;

	memset(&rtt, 0x5a, sizeof(rtt));
	tern_rtt_init(&rtt, 1000000);
	KUNIT_EXPECT_EQ(test, rtt.srtt_us, 0);
	KUNIT_EXPECT_EQ(test, rtt.rttvar_us, 0);
	KUNIT_EXPECT_EQ(test, rtt.min_us, 0);
	KUNIT_EXPECT_EQ(test, rtt.latest_us, 0);
	KUNIT_EXPECT_EQ(test, rtt.rto_us, 1000000);
	/* RFC 6298 2.1: one second until the first sample, then backoff. */
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, 0, RTO_MIN, RTO_MAX), 1000000);
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, 1, RTO_MIN, RTO_MAX), 2000000);
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, 3, RTO_MIN, RTO_MAX), 8000000);
}

/* RFC 6298 2.2. */
static void rtt_first_sample(struct kunit *test)
{
	struct tern_rtt rtt;

	tern_rtt_init(&rtt, 1000000);
	tern_rtt_sample(&rtt, 100000, G);
	KUNIT_EXPECT_EQ(test, rtt.srtt_us, 100000);
	KUNIT_EXPECT_EQ(test, rtt.rttvar_us, 50000);
	KUNIT_EXPECT_EQ(test, rtt.rto_us, 100000 + 4 * 50000);
	KUNIT_EXPECT_EQ(test, rtt.min_us, 100000);
	KUNIT_EXPECT_EQ(test, rtt.latest_us, 100000);
}

/* RFC 6298 2.3, step by step. */
static void rtt_later_samples(struct kunit *test)
{
	struct tern_rtt rtt;

	tern_rtt_init(&rtt, 1000000);
	tern_rtt_sample(&rtt, 80000, G);
	/* SRTT 80000, RTTVAR 40000, RTO 240000 */
	KUNIT_EXPECT_EQ(test, rtt.rto_us, 240000);

	tern_rtt_sample(&rtt, 48000, G);
	/* RTTVAR = 30000 + 32000/4 = 38000; SRTT = 70000 + 6000 = 76000 */
	KUNIT_EXPECT_EQ(test, rtt.rttvar_us, 38000);
	KUNIT_EXPECT_EQ(test, rtt.srtt_us, 76000);
	KUNIT_EXPECT_EQ(test, rtt.rto_us, 76000 + 4 * 38000);
	KUNIT_EXPECT_EQ(test, rtt.min_us, 48000);
	KUNIT_EXPECT_EQ(test, rtt.latest_us, 48000);

	tern_rtt_sample(&rtt, 236000, G);
	/* The variation uses the old SRTT: |76000 - 236000| = 160000.
	 * RTTVAR = 28500 + 40000 = 68500; SRTT = 66500 + 29500 = 96000
	 */
	KUNIT_EXPECT_EQ(test, rtt.rttvar_us, 68500);
	KUNIT_EXPECT_EQ(test, rtt.srtt_us, 96000);
	KUNIT_EXPECT_EQ(test, rtt.rto_us, 96000 + 4 * 68500);
	KUNIT_EXPECT_EQ(test, rtt.min_us, 48000);
	KUNIT_EXPECT_EQ(test, rtt.latest_us, 236000);

	tern_rtt_sample(&rtt, 96000, G);
	/* No deviation: RTTVAR = 3/4 68500 = 51375; SRTT stays. */
	KUNIT_EXPECT_EQ(test, rtt.rttvar_us, 51375);
	KUNIT_EXPECT_EQ(test, rtt.srtt_us, 96000);
	KUNIT_EXPECT_EQ(test, rtt.rto_us, 96000 + 4 * 51375);
}

/* Samples where the RFC's arithmetic has fractions: off by rounding only. */
static void rtt_rounding(struct kunit *test)
{
	/* srtt and rttvar of the exact RFC computation, times 1024 */
	u64 srtt = 0, rttvar = 0;
	static const u32 samples[] = {
		1001, 999, 1003, 20011, 7, 15013, 1, 333333, 4097, 4099,
	};
	struct tern_rtt rtt;
	int i;

	tern_rtt_init(&rtt, 1000000);
	for (i = 0; i < ARRAY_SIZE(samples); i++) {
		u64 r = (u64)samples[i] * 1024;

		if (!i) {
			srtt = r;
			rttvar = r / 2;
		} else {
			rttvar = (3 * rttvar + (srtt > r ? srtt - r : r - srtt)) / 4;
			srtt = (7 * srtt + r) / 8;
		}
		tern_rtt_sample(&rtt, samples[i], 1);
		/* Each step may lose under 1 us of each; it decays. */
		KUNIT_EXPECT_LE_MSG(test, abs((s64)rtt.srtt_us * 1024 - (s64)srtt), 8 * 1024,
				    "sample %d: srtt %u, exact %llu/1024", i, rtt.srtt_us, srtt);
		KUNIT_EXPECT_LE_MSG(test, abs((s64)rtt.rttvar_us * 1024 - (s64)rttvar),
				    8 * 1024, "sample %d: rttvar %u, exact %llu/1024", i,
				    rtt.rttvar_us, rttvar);
		KUNIT_EXPECT_EQ(test, rtt.rto_us, rtt.srtt_us + max(1U, 4 * rtt.rttvar_us));
	}
}

/* RFC 6298 2.3: G is the floor of the variance term. */
static void rtt_granularity(struct kunit *test)
{
	struct tern_rtt rtt;
	int i;

	tern_rtt_init(&rtt, 1000000);
	tern_rtt_sample(&rtt, 10000, G);
	KUNIT_EXPECT_EQ(test, rtt.rto_us, 10000 + 20000);
	/* Identical samples: RTTVAR decays by 3/4 each time, to nothing. */
	for (i = 0; i < 60; i++)
		tern_rtt_sample(&rtt, 10000, G);
	KUNIT_EXPECT_EQ(test, rtt.srtt_us, 10000);
	KUNIT_EXPECT_LT(test, rtt.rttvar_us, G / 4);
	KUNIT_EXPECT_EQ(test, rtt.rto_us, 10000 + G);
	/* A larger G wins from the start. */
	tern_rtt_init(&rtt, 1000000);
	tern_rtt_sample(&rtt, 1000, 100000);
	KUNIT_EXPECT_EQ(test, rtt.rto_us, 1000 + 100000);
}

/* A zero sample (under the clock's resolution) still counts as a sample. */
static void rtt_zero_sample(struct kunit *test)
{
	struct tern_rtt rtt;

	tern_rtt_init(&rtt, 1000000);
	tern_rtt_sample(&rtt, 0, G);
	KUNIT_EXPECT_NE(test, rtt.srtt_us, 0);
	KUNIT_EXPECT_LE(test, rtt.srtt_us, 1);
	KUNIT_EXPECT_EQ(test, rtt.rto_us, rtt.srtt_us + G);
	/* The next one is a later sample, not a first. */
	tern_rtt_sample(&rtt, 8001, G);
	KUNIT_EXPECT_LE(test, rtt.srtt_us, 1 + 8001 / 8);
	KUNIT_EXPECT_EQ(test, rtt.latest_us, 8001);
	KUNIT_EXPECT_LE(test, rtt.min_us, 1);
}

/* RFC 6298 2.4/2.5: the RTO is clamped to [min, max] before backoff. */
static void rto_clamp(struct kunit *test)
{
	struct tern_rtt rtt;

	tern_rtt_init(&rtt, 1000000);
	tern_rtt_sample(&rtt, 20000, G);	/* RTO 60000 */
	KUNIT_EXPECT_EQ(test, rtt.rto_us, 60000);
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, 0, RTO_MIN, RTO_MAX), RTO_MIN);
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, 0, 1000000, RTO_MAX), 1000000);
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, 0, 1000, RTO_MAX), 60000);
	/* Backoff doubles the clamped value. */
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, 1, RTO_MIN, RTO_MAX), 2 * RTO_MIN);
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, 2, RTO_MIN, RTO_MAX), 4 * RTO_MIN);
	/* Above the maximum. */
	tern_rtt_init(&rtt, 1000000);
	tern_rtt_sample(&rtt, 60000000, G);	/* RTO 180 s */
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, 0, RTO_MIN, RTO_MAX), RTO_MAX);
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, 3, RTO_MIN, RTO_MAX), RTO_MAX);
}

/* RFC 6298 5.5: double on each expiry, up to the maximum, never wrapping. */
static void rto_backoff(struct kunit *test)
{
	struct tern_rtt rtt;
	unsigned int b;
	u32 prev = 0, rto;

	tern_rtt_init(&rtt, 1000000);
	tern_rtt_sample(&rtt, 100000, G);	/* RTO 300000 */
	for (b = 0; b <= 8; b++)
		KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, b, RTO_MIN, RTO_MAX), 300000U << b);
	/* 300 ms * 2^9 = 153.6 s: capped at 120 s. */
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, 9, RTO_MIN, RTO_MAX), RTO_MAX);
	for (b = 0; b < 80; b++) {
		rto = tern_rto_backed_off(&rtt, b, RTO_MIN, RTO_MAX);
		KUNIT_EXPECT_GE_MSG(test, rto, prev, "backoff %u", b);
		KUNIT_EXPECT_LE(test, rto, RTO_MAX);
		prev = rto;
	}
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, 31, RTO_MIN, RTO_MAX), RTO_MAX);
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, 32, RTO_MIN, RTO_MAX), RTO_MAX);
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, UINT_MAX, RTO_MIN, RTO_MAX), RTO_MAX);
	/* The largest maximum the sysctl allows (one hour). */
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, 40, RTO_MIN, 3600000000U),
			3600000000U);
	KUNIT_EXPECT_EQ(test, tern_rto_backed_off(&rtt, 13, RTO_MIN, 3600000000U),
			300000U << 13);
}

static struct kunit_case rtt_cases[] = {
	KUNIT_CASE(rtt_initial),
	KUNIT_CASE(rtt_first_sample),
	KUNIT_CASE(rtt_later_samples),
	KUNIT_CASE(rtt_rounding),
	KUNIT_CASE(rtt_granularity),
	KUNIT_CASE(rtt_zero_sample),
	KUNIT_CASE(rto_clamp),
	KUNIT_CASE(rto_backoff),
	{}
};

static struct kunit_suite rtt_suite = {
	.name = "tern_rtt",
	.test_cases = rtt_cases,
};

kunit_test_suite(rtt_suite);
