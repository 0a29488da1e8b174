// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: when arriving data or reading owes the peer an ACK, and when our
 * data counts as an interactive reply.
 */
#include <kunit/test.h>

#include "delack.h"

#define MSS	1448U

static void delack_arrival_acks_two_segments_if_window_reopens(struct kunit *test)
{
	u32 win = 64 * MSS;

	/* The reader keeps up: the window is back whole. */
	KUNIT_EXPECT_TRUE(test, tern_ack_due_on_arrival(2 * MSS, MSS, win, win,
							false));
	KUNIT_EXPECT_FALSE(test, tern_ack_due_on_arrival(2 * MSS - 1, MSS,
							 win, win, false));
	/* The data sits unread: the reader's recvmsg() acknowledges. */
	KUNIT_EXPECT_FALSE(test, tern_ack_due_on_arrival(2 * MSS, MSS,
							 win - 1, win, false));
	KUNIT_EXPECT_FALSE(test, tern_ack_due_on_arrival(40 * MSS, MSS, 0, win,
							 false));
	/* Unless the reader waits for SO_RCVLOWAT bytes not there yet. */
	KUNIT_EXPECT_TRUE(test, tern_ack_due_on_arrival(2 * MSS, MSS, 0, win,
							true));
	KUNIT_EXPECT_FALSE(test, tern_ack_due_on_arrival(MSS, MSS, 0, win, true));
}

static void delack_read_acks_a_full_segment(struct kunit *test)
{
	/* More than a segment unacknowledged: always, even interactive. */
	KUNIT_EXPECT_TRUE(test, tern_ack_due_after_read(MSS + 1, MSS, false,
							TERN_PUSHED_NONE, true));
	KUNIT_EXPECT_FALSE(test, tern_ack_due_after_read(MSS, MSS, true,
							 TERN_PUSHED_NONE, false));
}

static void delack_read_acks_drained_small_segments(struct kunit *test)
{
	/* A one-way sender of small writes is not held up. */
	KUNIT_EXPECT_TRUE(test, tern_ack_due_after_read(1, MSS, true,
							TERN_PUSHED_ONE, false));
	/* Unless our reply will carry the ACK... */
	KUNIT_EXPECT_FALSE(test, tern_ack_due_after_read(1, MSS, true,
							 TERN_PUSHED_ONE, true));
	/* ...and the peer did not send a second one meanwhile. */
	KUNIT_EXPECT_TRUE(test, tern_ack_due_after_read(2, MSS, true,
							TERN_PUSHED_TWO, true));
	/* Data still queued: the reader comes back for it. */
	KUNIT_EXPECT_FALSE(test, tern_ack_due_after_read(2, MSS, false,
							 TERN_PUSHED_TWO, false));
}

static void delack_reply_within_delack_time(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, tern_reply_is_pingpong(0, 10));
	KUNIT_EXPECT_TRUE(test, tern_reply_is_pingpong(9, 10));
	KUNIT_EXPECT_FALSE(test, tern_reply_is_pingpong(10, 10));
	/* Long idle: jiffies wrap does not make it recent. */
	KUNIT_EXPECT_FALSE(test, tern_reply_is_pingpong(U32_MAX, 10));
}

static struct kunit_case delack_cases[] = {
	KUNIT_CASE(delack_arrival_acks_two_segments_if_window_reopens),
	KUNIT_CASE(delack_read_acks_a_full_segment),
	KUNIT_CASE(delack_read_acks_drained_small_segments),
	KUNIT_CASE(delack_reply_within_delack_time),
	{}
};

static struct kunit_suite delack_suite = {
	.name = "tern_delack",
	.test_cases = delack_cases,
};

kunit_test_suite(delack_suite);
