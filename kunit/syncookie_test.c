// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: SYN cookies (RFC 4987 3.6). A cookie made for a SYN checks out
 * for the ACK that answers it, for two minutes, giving back the MSS (the
 * largest table size not above the peer's) and the SACK bit; any other
 * 4-tuple, ISN, cookie or time fails.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/module.h>

#include "syncookie.h"

static const struct tern_cookie_tuple T1 = {
	.saddr.s6_addr32 = { 0, 0, cpu_to_be32(0xffff), cpu_to_be32(0x0a000001) },
	.daddr.s6_addr32 = { 0, 0, cpu_to_be32(0xffff), cpu_to_be32(0x0a000002) },
	.sport = cpu_to_be16(40000), .dport = cpu_to_be16(5000),
	.seq = 0xfffffff0,
};

#define NOW	1000000

static void cookie_round_trip(struct kunit *test)
{
	static const struct {
		u16 peer_mss, kept;
		bool sack;
	} cases[] = {
		{ 1460, 1460, true }, { 1460, 1460, false }, { 1459, 1440, true },
		{ 65495, 8960, true }, { 65496, 65496, false }, { 9000, 8960, true },
		{ 600, 536, false }, { 536, 536, true }, { 88, 536, true },
		{ 1300, 1300, false }, { 1399, 1300, true },
	};
	bool sack;
	u16 mss;
	u32 c;
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		mss = cases[i].peer_mss;
		c = tern_cookie_make_at(&T1, &mss, cases[i].sack, NOW);
		KUNIT_EXPECT_EQ_MSG(test, mss, cases[i].kept, "case %d", i);
		mss = 0;
		KUNIT_ASSERT_TRUE_MSG(test, tern_cookie_check_at(&T1, c, &mss, &sack, NOW),
				      "case %d", i);
		KUNIT_EXPECT_EQ_MSG(test, mss, cases[i].kept, "case %d", i);
		KUNIT_EXPECT_EQ_MSG(test, sack, cases[i].sack, "case %d", i);
	}
}

/* Good for the minute it was made and the next; not before, not after. */
static void cookie_ages(struct kunit *test)
{
	u16 mss = 1460;
	u32 c = tern_cookie_make_at(&T1, &mss, true, NOW);
	bool sack;

	KUNIT_EXPECT_TRUE(test, tern_cookie_check_at(&T1, c, &mss, &sack, NOW + 1));
	KUNIT_EXPECT_FALSE(test, tern_cookie_check_at(&T1, c, &mss, &sack, NOW + 2));
	KUNIT_EXPECT_FALSE(test, tern_cookie_check_at(&T1, c, &mss, &sack, NOW + 100));
	KUNIT_EXPECT_FALSE(test, tern_cookie_check_at(&T1, c, &mss, &sack, NOW - 1));
}

/* Another 4-tuple, another ISN, a cookie off by one bit: they fail (a
 * random cookie passes with a chance of 2 x 16 in 2^24), but for a flip
 * of one of the four low bits, which may turn the data into another
 * valid value, as with TCP's cookies: seeing a valid cookie is needed.
 */
static void cookie_forged(struct kunit *test)
{
	struct tern_cookie_tuple t;
	u16 mss = 1460;
	u32 c = tern_cookie_make_at(&T1, &mss, true, NOW);
	bool sack;
	int bit, fails = 0;

	t = T1;
	t.sport = cpu_to_be16(40001);
	KUNIT_EXPECT_FALSE(test, tern_cookie_check_at(&t, c, &mss, &sack, NOW));
	t = T1;
	t.saddr.s6_addr32[3] = cpu_to_be32(0x0a000003);
	KUNIT_EXPECT_FALSE(test, tern_cookie_check_at(&t, c, &mss, &sack, NOW));
	/* An IPv6 address that ends as the IPv4 one does. */
	t = T1;
	t.saddr.s6_addr32[0] = cpu_to_be32(0xfd000000);
	KUNIT_EXPECT_FALSE(test, tern_cookie_check_at(&t, c, &mss, &sack, NOW));
	/* Another ISN of the peer's (one a few apart would only shift the
	 * data field, as in TCP's cookies: the peer chooses it anyway).
	 */
	t = T1;
	t.seq += 0x10000;
	KUNIT_EXPECT_FALSE(test, tern_cookie_check_at(&t, c, &mss, &sack, NOW));
	for (bit = 0; bit < 32; bit++)
		fails += !tern_cookie_check_at(&T1, c ^ BIT(bit), &mss, &sack, NOW);
	KUNIT_EXPECT_GE(test, fails, 28);
}

static struct kunit_case syncookie_cases[] = {
	KUNIT_CASE(cookie_round_trip),
	KUNIT_CASE(cookie_ages),
	KUNIT_CASE(cookie_forged),
	{}
};

static struct kunit_suite syncookie_suite = {
	.name = "tern_syncookie",
	.test_cases = syncookie_cases,
};

kunit_test_suite(syncookie_suite);
