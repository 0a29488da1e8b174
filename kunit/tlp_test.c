// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the tail loss probe's timeout and its verdicts (RFC 8985 7).
 */
#include <kunit/test.h>

#include "tlp.h"

#define TICK	4000U	/* HZ=250 */

static void tlp_timeout_two_round_trips(struct kunit *test)
{
	/* Several segments out: 2 SRTT and two ticks. */
	KUNIT_EXPECT_EQ(test, tern_tlp_timeout_us(10000, 4, 200000, TICK), 28000);
	/* A lone segment may wait for the peer's delayed ACK. */
	KUNIT_EXPECT_EQ(test, tern_tlp_timeout_us(10000, 1, 1000000, TICK),
			20000 + TERN_TLP_DELACK_US);
}

static void tlp_timeout_bounds(struct kunit *test)
{
	/* Never after the retransmission timeout it stands in for. */
	KUNIT_EXPECT_EQ(test, tern_tlp_timeout_us(150000, 4, 200000, TICK), 200000);
	KUNIT_EXPECT_EQ(test, tern_tlp_timeout_us(10000, 1, 200000, TICK), 200000);
	/* No round trip measured yet: one second. */
	KUNIT_EXPECT_EQ(test, tern_tlp_timeout_us(0, 4, 3000000, TICK),
			TERN_TLP_NO_RTT_US);
	/* A fast path: no sooner than the floor. */
	KUNIT_EXPECT_EQ(test, tern_tlp_timeout_us(100, 4, 200000, TICK),
			TERN_TLP_MIN_US);
	/* A huge SRTT does not wrap. */
	KUNIT_EXPECT_EQ(test, tern_tlp_timeout_us(U32_MAX, 4, U32_MAX, TICK), U32_MAX);
}

static void tlp_judge_waits_below_the_probe(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, tern_tlp_judge(5000, true, 4000, false, false),
			TERN_TLP_WAIT);
	/* Even a pure duplicate: the tail is still missing. */
	KUNIT_EXPECT_EQ(test, tern_tlp_judge(5000, true, 4000, false, true),
			TERN_TLP_WAIT);
}

static void tlp_judge_new_data_probe(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, tern_tlp_judge(5000, false, 5000, false, false),
			TERN_TLP_NO_LOSS);
}

static void tlp_judge_dsack_means_no_loss(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, tern_tlp_judge(5000, true, 5000, true, false),
			TERN_TLP_NO_LOSS);
	KUNIT_EXPECT_EQ(test, tern_tlp_judge(5000, true, 7000, true, false),
			TERN_TLP_NO_LOSS);
}

static void tlp_judge_loss(struct kunit *test)
{
	/* At the probe's end the D-SACK may still come: wait. */
	KUNIT_EXPECT_EQ(test, tern_tlp_judge(5000, true, 5000, false, false),
			TERN_TLP_WAIT);
	/* Beyond it, with none: the original was lost. */
	KUNIT_EXPECT_EQ(test, tern_tlp_judge(5000, true, 5001, false, false),
			TERN_TLP_LOSS);
	/* Both copies arrived, and the peer only repeated its ACK. */
	KUNIT_EXPECT_EQ(test, tern_tlp_judge(5000, true, 5000, false, true),
			TERN_TLP_NO_LOSS);
}

static void tlp_judge_wraps(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, tern_tlp_judge(0x00000100, true, 0xffffff00, false, false),
			TERN_TLP_WAIT);
	KUNIT_EXPECT_EQ(test, tern_tlp_judge(0xffffff00, true, 0x00000100, false, false),
			TERN_TLP_LOSS);
}

static struct kunit_case tlp_cases[] = {
	KUNIT_CASE(tlp_timeout_two_round_trips),
	KUNIT_CASE(tlp_timeout_bounds),
	KUNIT_CASE(tlp_judge_waits_below_the_probe),
	KUNIT_CASE(tlp_judge_new_data_probe),
	KUNIT_CASE(tlp_judge_dsack_means_no_loss),
	KUNIT_CASE(tlp_judge_loss),
	KUNIT_CASE(tlp_judge_wraps),
	{}
};

static struct kunit_suite tlp_suite = {
	.name = "tern_tlp",
	.test_cases = tlp_cases,
};

kunit_test_suite(tlp_suite);
