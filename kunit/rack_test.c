// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: RACK loss detection arithmetic (RFC 8985).
 *
 * A scenario sends segments of 100 sequence numbers, one every 10 us from
 * T0, over a path with a 1000 us round trip; the test decides which ones
 * the peer acknowledges, and when.
 */
#include <kunit/test.h>

#include "rack.h"

#define T0	1000000ULL
#define RTT	1000U
#define SEG	100U

static u64 sent(u32 i)
{
	return T0 + 10 * i;
}

static u32 end_of(u32 i)
{
	return (i + 1) * SEG;
}

/* Segment @i delivered one round trip after it was sent. */
static void deliver(struct tern_rack *rack, u32 i, bool retransmitted)
{
	tern_rack_delivered(rack, sent(i), end_of(i), retransmitted,
			    sent(i) + RTT, RTT);
}

static void rack_initial(struct kunit *test)
{
	struct tern_rack rack;

	memset(&rack, 0x5a, sizeof(rack));
	tern_rack_init(&rack);
	KUNIT_EXPECT_EQ(test, rack.xmit_us, 0);
	KUNIT_EXPECT_EQ(test, rack.reo_wnd_mult, 1);
	KUNIT_EXPECT_FALSE(test, rack.dsack_round_valid);
	/* Nothing delivered: nothing was sent before it. */
	KUNIT_EXPECT_FALSE(test, tern_rack_sent_before(&rack, sent(0), end_of(0)));
}

/* RACK follows the most recently *sent* segment delivered, not the most
 * recently delivered one; the round trip is the latest delivery's.
 */
static void rack_follows_latest_sent(struct kunit *test)
{
	struct tern_rack rack;

	tern_rack_init(&rack);
	deliver(&rack, 5, false);
	KUNIT_EXPECT_EQ(test, rack.xmit_us, sent(5));
	KUNIT_EXPECT_EQ(test, rack.end_seq, end_of(5));
	KUNIT_EXPECT_EQ(test, rack.rtt_us, RTT);
	/* An older segment delivered late leaves the time, but its round
	 * trip says how long a held-back segment takes.
	 */
	tern_rack_delivered(&rack, sent(2), end_of(2), false, sent(5) + 3 * RTT, RTT);
	KUNIT_EXPECT_EQ(test, rack.xmit_us, sent(5));
	KUNIT_EXPECT_EQ(test, rack.rtt_us, sent(5) + 3 * RTT - sent(2));
	/* A later one moves it; its own round trip is taken. */
	tern_rack_delivered(&rack, sent(7), end_of(7), false, sent(7) + 2 * RTT, RTT);
	KUNIT_EXPECT_EQ(test, rack.xmit_us, sent(7));
	KUNIT_EXPECT_EQ(test, rack.rtt_us, 2 * RTT);
	/* Sent in the same microsecond: the sequence number breaks the tie. */
	tern_rack_delivered(&rack, sent(7), end_of(8), false, sent(7) + RTT, RTT);
	KUNIT_EXPECT_EQ(test, rack.end_seq, end_of(8));
	KUNIT_EXPECT_TRUE(test, tern_rack_sent_before(&rack, sent(7), end_of(7)));
	KUNIT_EXPECT_FALSE(test, tern_rack_sent_before(&rack, sent(7), end_of(8)));
	KUNIT_EXPECT_TRUE(test, tern_rack_sent_before(&rack, sent(6), end_of(6)));
	KUNIT_EXPECT_FALSE(test, tern_rack_sent_before(&rack, sent(9), end_of(9)));
}

/* RFC 8985 6.2 step 2: an ACK faster than any round trip, for a segment
 * sent twice, must be for the original: it is ignored. One a little
 * faster than the fastest so far is jitter: it counts.
 */
static void rack_ambiguous_retransmission(struct kunit *test)
{
	struct tern_rack rack;
	u64 resent = sent(20);

	tern_rack_init(&rack);
	deliver(&rack, 5, false);
	tern_rack_delivered(&rack, resent, end_of(3), true, resent + RTT * 3 / 4, RTT);
	KUNIT_EXPECT_EQ(test, rack.xmit_us, sent(5));
	/* Just under the smallest round trip: jitter, not the original. */
	tern_rack_delivered(&rack, resent, end_of(3), true, resent + RTT - RTT / 16, RTT);
	KUNIT_EXPECT_EQ(test, rack.xmit_us, resent);
	tern_rack_init(&rack);
	deliver(&rack, 5, false);
	/* Back after a full round trip: the retransmission arrived. */
	tern_rack_delivered(&rack, resent, end_of(3), true, resent + RTT, RTT);
	KUNIT_EXPECT_EQ(test, rack.xmit_us, resent);
	KUNIT_EXPECT_EQ(test, rack.end_seq, end_of(3));
}

/* A hole is lost once a round trip plus the reordering window passed
 * since it was sent, and not a microsecond earlier.
 */
static void rack_time_left(struct kunit *test)
{
	struct tern_rack rack;
	u32 reo_wnd = RTT / 4;

	tern_rack_init(&rack);
	deliver(&rack, 5, false);
	KUNIT_EXPECT_TRUE(test, tern_rack_sent_before(&rack, sent(2), end_of(2)));
	/* Segment 5 was acknowledged at sent(5) + RTT, 30 us after 2 was
	 * due: without a reordering window 2 is already 30 us overdue.
	 */
	KUNIT_EXPECT_EQ(test, tern_rack_time_left(&rack, sent(2), 0, sent(5) + RTT), -30);
	KUNIT_EXPECT_EQ(test, tern_rack_time_left(&rack, sent(2), reo_wnd, sent(5) + RTT),
			reo_wnd - 30);
	KUNIT_EXPECT_EQ(test, tern_rack_time_left(&rack, sent(2), reo_wnd,
						  sent(2) + RTT + reo_wnd), 0);
	KUNIT_EXPECT_EQ(test, tern_rack_time_left(&rack, sent(2), reo_wnd,
						  sent(2) + RTT + reo_wnd - 1), 1);
}

/* RFC 8985 6.2 step 4. */
static void rack_reo_wnd(struct kunit *test)
{
	struct tern_rack rack;

	tern_rack_init(&rack);
	/* No reordering seen and the duplicate threshold met: no wait. */
	KUNIT_EXPECT_EQ(test, tern_rack_reo_wnd(&rack, 1000, 2000, false, true), 0);
	/* Otherwise a quarter of the minimum RTT... */
	KUNIT_EXPECT_EQ(test, tern_rack_reo_wnd(&rack, 1000, 2000, false, false), 250);
	KUNIT_EXPECT_EQ(test, tern_rack_reo_wnd(&rack, 1000, 2000, true, true), 250);
	/* ...per D-SACK round, up to one SRTT. */
	rack.reo_wnd_mult = 3;
	KUNIT_EXPECT_EQ(test, tern_rack_reo_wnd(&rack, 1000, 2000, true, false), 750);
	rack.reo_wnd_mult = 100;
	KUNIT_EXPECT_EQ(test, tern_rack_reo_wnd(&rack, 1000, 2000, true, false), 2000);
}

/* D-SACKs widen the window once per round trip; sixteen recoveries
 * without one bring it back.
 */
static void rack_dsack_rounds(struct kunit *test)
{
	struct tern_rack rack;
	int i;

	tern_rack_init(&rack);
	tern_rack_dsack(&rack, 1000, 5000, false);
	KUNIT_EXPECT_EQ(test, rack.reo_wnd_mult, 1);
	tern_rack_dsack(&rack, 1000, 5000, true);
	KUNIT_EXPECT_EQ(test, rack.reo_wnd_mult, 2);
	/* The same round trip: no more growth. */
	tern_rack_dsack(&rack, 4000, 8000, true);
	KUNIT_EXPECT_EQ(test, rack.reo_wnd_mult, 2);
	/* Once snd_una passed the round's end, the next D-SACK counts. */
	tern_rack_dsack(&rack, 5000, 9000, true);
	KUNIT_EXPECT_EQ(test, rack.reo_wnd_mult, 3);
	for (i = 0; i < 15; i++)
		tern_rack_recovery_done(&rack);
	KUNIT_EXPECT_EQ(test, rack.reo_wnd_mult, 3);
	tern_rack_recovery_done(&rack);
	KUNIT_EXPECT_EQ(test, rack.reo_wnd_mult, 1);
	tern_rack_recovery_done(&rack);
	KUNIT_EXPECT_EQ(test, rack.reo_wnd_mult, 1);
}

/* Rounds are sequence numbers: they work across the 2^32 wrap. */
static void rack_dsack_round_wraps(struct kunit *test)
{
	struct tern_rack rack;

	tern_rack_init(&rack);
	tern_rack_dsack(&rack, 0xfffff000, 0x00000800, true);
	/* Numerically past the round's end, but before it in sequence space. */
	tern_rack_dsack(&rack, 0xfffff800, 0x00000800, true);
	KUNIT_EXPECT_EQ(test, rack.reo_wnd_mult, 2);
	tern_rack_dsack(&rack, 0x00000400, 0x00001000, true);
	KUNIT_EXPECT_EQ(test, rack.reo_wnd_mult, 2);
	tern_rack_dsack(&rack, 0x00000800, 0x00001000, true);
	KUNIT_EXPECT_EQ(test, rack.reo_wnd_mult, 3);
}

/* A hole filled with originals: hold the repair while retransmissions
 * are out (their D-SACKs will undo), undo at once when none are; outside
 * recovery, or with the cut already final, nothing changes.
 */
static void rack_late_fill(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, tern_rack_late_fill(true, true, 3), TERN_LATE_HOLD);
	KUNIT_EXPECT_EQ(test, tern_rack_late_fill(true, true, 0), TERN_LATE_UNDO);
	KUNIT_EXPECT_EQ(test, tern_rack_late_fill(true, false, 3), TERN_LATE_REPAIR);
	KUNIT_EXPECT_EQ(test, tern_rack_late_fill(true, false, 0), TERN_LATE_REPAIR);
	KUNIT_EXPECT_EQ(test, tern_rack_late_fill(false, true, 3), TERN_LATE_REPAIR);
	KUNIT_EXPECT_EQ(test, tern_rack_late_fill(false, true, 0), TERN_LATE_REPAIR);
}

static struct kunit_case rack_cases[] = {
	KUNIT_CASE(rack_initial),
	KUNIT_CASE(rack_follows_latest_sent),
	KUNIT_CASE(rack_ambiguous_retransmission),
	KUNIT_CASE(rack_time_left),
	KUNIT_CASE(rack_reo_wnd),
	KUNIT_CASE(rack_dsack_rounds),
	KUNIT_CASE(rack_dsack_round_wraps),
	KUNIT_CASE(rack_late_fill),
	{}
};

static struct kunit_suite rack_suite = {
	.name = "tern_rack",
	.test_cases = rack_cases,
};

kunit_test_suite(rack_suite);
