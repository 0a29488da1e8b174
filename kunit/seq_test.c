// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: sequence number arithmetic, especially across the 2^32 wrap.
 */
#include <kunit/test.h>

#include "seq.h"

static void seq_before_after_plain(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, tern_seq_before(1, 2));
	KUNIT_EXPECT_FALSE(test, tern_seq_before(2, 1));
	KUNIT_EXPECT_FALSE(test, tern_seq_before(5, 5));
	KUNIT_EXPECT_TRUE(test, tern_seq_after(2, 1));
	KUNIT_EXPECT_FALSE(test, tern_seq_after(5, 5));
	KUNIT_EXPECT_TRUE(test, tern_seq_before_eq(5, 5));
	KUNIT_EXPECT_TRUE(test, tern_seq_after_eq(5, 5));
	KUNIT_EXPECT_FALSE(test, tern_seq_after_eq(4, 5));
}

static void seq_before_after_wrap(struct kunit *test)
{
	/* 0xfffffff0 + 0x20 wraps to 0x10: still "after". */
	KUNIT_EXPECT_TRUE(test, tern_seq_before(0xfffffff0U, 0x10));
	KUNIT_EXPECT_TRUE(test, tern_seq_after(0x10, 0xfffffff0U));
	KUNIT_EXPECT_TRUE(test, tern_seq_before(0xffffffffU, 0));
	KUNIT_EXPECT_TRUE(test, tern_seq_after(0, 0xffffffffU));
}

static void seq_half_space(struct kunit *test)
{
	/* Just under half the space ahead is "after"; just over is "before". */
	KUNIT_EXPECT_TRUE(test, tern_seq_after(0x7fffffffU, 0));
	KUNIT_EXPECT_TRUE(test, tern_seq_before(0x80000001U, 0));
	KUNIT_EXPECT_TRUE(test, tern_seq_after(0x7fffffffU + 100, 100));
}

static void seq_between(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, tern_seq_between(5, 1, 10));
	KUNIT_EXPECT_TRUE(test, tern_seq_between(1, 1, 10));
	KUNIT_EXPECT_TRUE(test, tern_seq_between(10, 1, 10));
	KUNIT_EXPECT_FALSE(test, tern_seq_between(0, 1, 10));
	KUNIT_EXPECT_FALSE(test, tern_seq_between(11, 1, 10));
	/* A window straddling the wrap. */
	KUNIT_EXPECT_TRUE(test, tern_seq_between(0xfffffffeU, 0xfffffff0U, 0x10));
	KUNIT_EXPECT_TRUE(test, tern_seq_between(0, 0xfffffff0U, 0x10));
	KUNIT_EXPECT_TRUE(test, tern_seq_between(0x10, 0xfffffff0U, 0x10));
	KUNIT_EXPECT_FALSE(test, tern_seq_between(0x11, 0xfffffff0U, 0x10));
	KUNIT_EXPECT_FALSE(test, tern_seq_between(0xffffffefU, 0xfffffff0U, 0x10));
}

static void seq_min_max(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, tern_seq_max(0xfffffff0U, 0x10), 0x10U);
	KUNIT_EXPECT_EQ(test, tern_seq_min(0xfffffff0U, 0x10), 0xfffffff0U);
	KUNIT_EXPECT_EQ(test, tern_seq_max(3, 7), 7U);
	KUNIT_EXPECT_EQ(test, tern_seq_min(3, 7), 3U);
}

/* Walking a counter through the wrap, each step stays after the last. */
static void seq_walk_through_wrap(struct kunit *test)
{
	u32 seq = 0xffff0000U, prev;
	int i;

	for (i = 0; i < 1000; i++) {
		prev = seq;
		seq += 997;
		KUNIT_ASSERT_TRUE(test, tern_seq_after(seq, prev));
		KUNIT_ASSERT_TRUE(test, tern_seq_between(prev + 1, prev, seq));
	}
}

static struct kunit_case seq_cases[] = {
	KUNIT_CASE(seq_before_after_plain),
	KUNIT_CASE(seq_before_after_wrap),
	KUNIT_CASE(seq_half_space),
	KUNIT_CASE(seq_between),
	KUNIT_CASE(seq_min_max),
	KUNIT_CASE(seq_walk_through_wrap),
	{}
};

static struct kunit_suite seq_suite = {
	.name = "tern_seq",
	.test_cases = seq_cases,
};

kunit_test_suite(seq_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit suites for Tern");
