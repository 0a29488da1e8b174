// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: receive window and buffer arithmetic (module/window.h). The
 * window is half the free buffer, never moves its right edge back, moves
 * it forward by a segment at least; a read announces a window that at
 * least doubled; autotuning grows the buffers by TCP's rules.
 */
#include <kunit/test.h>

#include "window.h"

#define MIB	(1024 * 1024)

static void window_half_the_free_buffer(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, tern_window_from_space(MIB, 0), MIB / 2);
	KUNIT_EXPECT_EQ(test, tern_window_from_space(MIB, 400000), (MIB - 400000) / 2);
	/* Full, or over the buffer (it may take up to 1.5 times it). */
	KUNIT_EXPECT_EQ(test, tern_window_from_space(MIB, MIB), 0);
	KUNIT_EXPECT_EQ(test, tern_window_from_space(MIB, MIB + MIB / 2), 0);
}

static void window_never_shrinks(struct kunit *test)
{
	/* The buffer filled up: the edge already promised stays. */
	KUNIT_EXPECT_EQ(test, tern_window_select(100000, 50000, 1448, MIB), 100000);
	KUNIT_EXPECT_EQ(test, tern_window_select(100000, 0, 1448, MIB), 100000);
	KUNIT_EXPECT_EQ(test, tern_window_select(0, 0, 1448, MIB), 0);
}

static void window_moves_by_a_segment(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, tern_window_select(100000, 101447, 1448, MIB), 100000);
	KUNIT_EXPECT_EQ(test, tern_window_select(100000, 101448, 1448, MIB), 101448);
	/* A buffer under four segments: a quarter of it is the step. */
	KUNIT_EXPECT_EQ(test, tern_window_select(1000, 2023, 1448, 4096), 1000);
	KUNIT_EXPECT_EQ(test, tern_window_select(1000, 2024, 1448, 4096), 2024);
	/* Closed, then room for a segment: it reopens. */
	KUNIT_EXPECT_EQ(test, tern_window_select(0, 1448, 1448, MIB), 1448);
}

static void window_update_after_read(struct kunit *test)
{
	static const struct {
		u32 cur, space, mss;
		bool due;
	} cases[] = {
		{ 10000, 20000, 1000, true },
		{ 10000, 19999, 1000, false },
		/* Doubled, but by less than a segment. */
		{ 500, 1000, 1000, false },
		/* A closed window reopens for any room at all. */
		{ 0, 1, 1000, true },
		{ 0, 0, 1000, false },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, tern_window_update_due(cases[i].cur,
								 cases[i].space,
								 cases[i].mss),
				    cases[i].due, "case %d", i);
}

static void rcvbuf_goal_follows_the_reader(struct kunit *test)
{
	/* Steady: twice what it read plus 16 segments, doubled. */
	KUNIT_EXPECT_EQ(test, tern_rcvbuf_goal(100000, 100000, 1000),
			2 * (2 * 100000 + 16 * 1000));
	/* Doubling: the growth is added ahead, twice. */
	KUNIT_EXPECT_EQ(test, tern_rcvbuf_goal(200000, 100000, 1000),
			2 * (416000 + 2 * 416000));
	/* No earlier round trip to compare with: no growth term. */
	KUNIT_EXPECT_EQ(test, tern_rcvbuf_goal(200000, 0, 1000), 2 * 416000);
	/* A gigabyte per round trip does not overflow. */
	KUNIT_EXPECT_EQ(test, tern_rcvbuf_goal(1U << 30, 1U << 29, 1000),
			2 * ((2ULL << 30) + 16000) * 3);
}

static void sndbuf_goal_follows_cwnd(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, tern_sndbuf_goal(100, 3, 2000), 2 * 100 * 2000);
	/* At least the initial window, and the reordering seen. */
	KUNIT_EXPECT_EQ(test, tern_sndbuf_goal(2, 3, 2000), 2 * TERN_INIT_CWND * 2000);
	KUNIT_EXPECT_EQ(test, tern_sndbuf_goal(20, 40, 2000), 2 * 41 * 2000);
}

static struct kunit_case window_cases[] = {
	KUNIT_CASE(window_half_the_free_buffer),
	KUNIT_CASE(window_never_shrinks),
	KUNIT_CASE(window_moves_by_a_segment),
	KUNIT_CASE(window_update_after_read),
	KUNIT_CASE(rcvbuf_goal_follows_the_reader),
	KUNIT_CASE(sndbuf_goal_follows_cwnd),
	{}
};

static struct kunit_suite window_suite = {
	.name = "tern_window",
	.test_cases = window_cases,
};

kunit_test_suite(window_suite);
