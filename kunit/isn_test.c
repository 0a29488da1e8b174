// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: initial sequence numbers, RFC 6528: ISN = M + F(4-tuple, secret)
 * with M a clock that ticks every 64 ns (RFC 6528 section 3 keeps RFC
 * 793's 4 us timer as an option; Tern follows Linux's 64 ns).
 */
#include <kunit/test.h>
#include <linux/bitops.h>
#include <linux/in6.h>
#include <linux/inet.h>

#include "isn.h"

/* IPv4 addresses as the module keys them: v4-mapped. */
#define V4(a)	{ .s6_addr32 = { 0, 0, cpu_to_be32(0xffff), cpu_to_be32(a) } }
static const struct in6_addr A1 = V4(0x0a000001);	/* 10.0.0.1 */
static const struct in6_addr A2 = V4(0x0a000002);
static const struct in6_addr A3 = V4(0x0a000003);
/* fd00::1 and the unspecified address */
static const struct in6_addr A6 = {
	.s6_addr32 = { cpu_to_be32(0xfd000000), 0, 0, cpu_to_be32(1) },
};

static const struct in6_addr ANY;
#define P1	cpu_to_be16(40000)
#define P2	cpu_to_be16(5000)
#define P3	cpu_to_be16(5001)

/* A time well away from zero, a multiple of 64 ns. */
#define T0	(1700000000ULL * NSEC_PER_SEC)

static void isn_deterministic(struct kunit *test)
{
	u32 isn = tern_isn_at(&A1, &A2, P1, P2, T0);
	int i;

	for (i = 0; i < 10; i++)
		KUNIT_EXPECT_EQ(test, tern_isn_at(&A1, &A2, P1, P2, T0), isn);
	/* Within the same 64 ns tick. */
	KUNIT_EXPECT_EQ(test, tern_isn_at(&A1, &A2, P1, P2, T0 + 63), isn);
}

/* Each field of the 4-tuple moves the ISN, in either family, and so
 * does the direction.
 */
static void isn_differs_across_tuples(struct kunit *test)
{
	static const struct {
		const struct in6_addr *saddr, *daddr;
		__be16 sport, dport;
	} tuples[] = {
		{ &A1, &A2, P1, P2 },
		{ &A3, &A2, P1, P2 },
		{ &A1, &A3, P1, P2 },
		{ &A1, &A2, P3, P2 },
		{ &A1, &A2, P1, P3 },
		{ &A2, &A1, P1, P2 },	/* addresses swapped */
		{ &A1, &A2, P2, P1 },	/* ports swapped */
		{ &A2, &A1, P2, P1 },	/* the other end's view */
		{ &A6, &A2, P1, P2 },	/* an IPv6 address */
		{ &A2, &A6, P1, P2 },
		{ &ANY, &ANY, 0, 0 },
	};
	u32 isn[ARRAY_SIZE(tuples)];
	int i, j;

	for (i = 0; i < ARRAY_SIZE(tuples); i++)
		isn[i] = tern_isn_at(tuples[i].saddr, tuples[i].daddr,
				     tuples[i].sport, tuples[i].dport, T0);
	/* A keyed 32-bit hash: any collision here is a 1 in 2^32 event. */
	for (i = 0; i < ARRAY_SIZE(tuples); i++)
		for (j = i + 1; j < ARRAY_SIZE(tuples); j++)
			KUNIT_EXPECT_NE_MSG(test, isn[i], isn[j], "tuples %d and %d", i, j);
}

/* The ISNs of many ports do not sit in a narrow band: F is a hash. */
static void isn_spread(struct kunit *test)
{
	u32 min = U32_MAX, max = 0, isn, ones = 0;
	int port;

	for (port = 1024; port < 1024 + 256; port++) {
		isn = tern_isn_at(&A1, &A2, cpu_to_be16(port), P2, T0);
		min = min(min, isn);
		max = max(max, isn);
		ones += hweight32(isn);
	}
	KUNIT_EXPECT_GT(test, max - min, 1U << 30);
	/* About 16 bits in 32 set on average: 256 * 16 = 4096. */
	KUNIT_EXPECT_GT(test, ones, 3500U);
	KUNIT_EXPECT_LT(test, ones, 4700U);
}

/* M advances by exactly one per 64 ns, modulo 2^32. */
static void isn_clock(struct kunit *test)
{
	u32 base = tern_isn_at(&A1, &A2, P1, P2, T0);

	KUNIT_EXPECT_EQ(test, tern_isn_at(&A1, &A2, P1, P2, T0 + 64), base + 1);
	KUNIT_EXPECT_EQ(test, tern_isn_at(&A1, &A2, P1, P2, T0 + 127), base + 1);
	KUNIT_EXPECT_EQ(test, tern_isn_at(&A1, &A2, P1, P2, T0 + 128), base + 2);
	/* One microsecond: 15.6 ticks. */
	KUNIT_EXPECT_EQ(test, tern_isn_at(&A1, &A2, P1, P2, T0 + NSEC_PER_USEC), base + 15);
	/* One second: 15625000 ticks. */
	KUNIT_EXPECT_EQ(test, tern_isn_at(&A1, &A2, P1, P2, T0 + NSEC_PER_SEC),
			base + 15625000);
	/* The clock wraps after 2^32 ticks (about 275 s). */
	KUNIT_EXPECT_EQ(test, tern_isn_at(&A1, &A2, P1, P2, T0 + (64ULL << 32)), base);
	KUNIT_EXPECT_EQ(test, tern_isn_at(&A1, &A2, P1, P2, T0 + (64ULL << 32) + 64),
			base + 1);
	/* Earlier time, smaller number. */
	KUNIT_EXPECT_EQ(test, tern_isn_at(&A1, &A2, P1, P2, T0 - 64), base - 1);
}

/* F does not depend on time: two tuples keep the same distance. */
static void isn_offset_constant(struct kunit *test)
{
	u32 d0 = tern_isn_at(&A1, &A2, P1, P2, T0) - tern_isn_at(&A3, &A2, P1, P2, T0);
	u64 t;

	for (t = T0; t < T0 + 10 * NSEC_PER_SEC; t += 777777777)
		KUNIT_EXPECT_EQ(test, tern_isn_at(&A1, &A2, P1, P2, t) -
				tern_isn_at(&A3, &A2, P1, P2, t), d0);
}

static struct kunit_case isn_cases[] = {
	KUNIT_CASE(isn_deterministic),
	KUNIT_CASE(isn_differs_across_tuples),
	KUNIT_CASE(isn_spread),
	KUNIT_CASE(isn_clock),
	KUNIT_CASE(isn_offset_constant),
	{}
};

static struct kunit_suite isn_suite = {
	.name = "tern_isn",
	.test_cases = isn_cases,
};

kunit_test_suite(isn_suite);
