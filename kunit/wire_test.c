// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: which header flag combinations are accepted.
 */
#include <kunit/test.h>

#include "wire.h"

static void flags_accepted(struct kunit *test)
{
	static const u8 good[] = {
		TERN_FLAG_SYN,
		TERN_FLAG_SYN | TERN_FLAG_ACK,
		TERN_FLAG_ACK,
		TERN_FLAG_ACK | TERN_FLAG_PSH,
		TERN_FLAG_ACK | TERN_FLAG_FIN,
		TERN_FLAG_ACK | TERN_FLAG_FIN | TERN_FLAG_PSH,
		TERN_FLAG_RST,
		TERN_FLAG_RST | TERN_FLAG_ACK,
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		KUNIT_EXPECT_TRUE_MSG(test, tern_flags_valid(good[i]),
				      "flags 0x%02x", good[i]);
}

static void flags_refused(struct kunit *test)
{
	static const u8 bad[] = {
		0,
		TERN_FLAG_FIN,
		TERN_FLAG_PSH,
		TERN_FLAG_SYN | TERN_FLAG_FIN,
		TERN_FLAG_SYN | TERN_FLAG_RST,
		TERN_FLAG_SYN | TERN_FLAG_FIN | TERN_FLAG_ACK,
		TERN_FLAG_FIN | TERN_FLAG_RST | TERN_FLAG_ACK,
		TERN_FLAG_SYN | TERN_FLAG_PSH,
		TERN_FLAG_RST | TERN_FLAG_PSH,
		0x20 | TERN_FLAG_ACK,
		0x40 | TERN_FLAG_ACK,
		0x80 | TERN_FLAG_ACK,
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_FALSE_MSG(test, tern_flags_valid(bad[i]),
				       "flags 0x%02x", bad[i]);
}

/* Every one of the 256 values: unknown bits are never accepted. */
static void flags_unknown_bits_never(struct kunit *test)
{
	int f;

	for (f = 0; f < 256; f++)
		if (f & ~TERN_FLAGS_KNOWN)
			KUNIT_EXPECT_FALSE(test, tern_flags_valid(f));
}

static void header_layout(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, sizeof(struct ternhdr), 20);
	KUNIT_EXPECT_EQ(test, offsetof(struct ternhdr, seq), 4);
	KUNIT_EXPECT_EQ(test, offsetof(struct ternhdr, ack_seq), 8);
	KUNIT_EXPECT_EQ(test, offsetof(struct ternhdr, doff), 12);
	KUNIT_EXPECT_EQ(test, offsetof(struct ternhdr, flags), 13);
	KUNIT_EXPECT_EQ(test, offsetof(struct ternhdr, check), 14);
	KUNIT_EXPECT_EQ(test, offsetof(struct ternhdr, window), 16);
}

static struct kunit_case wire_cases[] = {
	KUNIT_CASE(flags_accepted),
	KUNIT_CASE(flags_refused),
	KUNIT_CASE(flags_unknown_bits_never),
	KUNIT_CASE(header_layout),
	{}
};

static struct kunit_suite wire_suite = {
	.name = "tern_wire",
	.test_cases = wire_cases,
};

kunit_test_suite(wire_suite);
