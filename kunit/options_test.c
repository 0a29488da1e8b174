// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: header options, parsed and written. Each header is allocated at
 * exactly its doff length, so KASAN catches a parser reading past it.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "compat.h"

#include "options.h"

/* Build a header with @len bytes of options (a multiple of 4) and parse it. */
static int parse(struct kunit *test, const u8 *opts, unsigned int len,
		 struct tern_options *opt)
{
	struct ternhdr *th;

	KUNIT_ASSERT_EQ(test, len % 4, 0);
	KUNIT_ASSERT_LE(test, len, TERN_MAX_OPT_LEN);
	th = kunit_kzalloc(test, TERN_HDR_LEN + len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, th);
	th->doff = (TERN_HDR_LEN + len) / 4;
	memcpy(th + 1, opts, len);
	/* Garbage in, so the parser must clear what it does not set. */
	memset(opt, 0xa5, sizeof(*opt));
	return tern_parse_options(th, opt);
}

#define PARSE(test, opt, ...)							\
	({									\
		static const u8 __o[] = { __VA_ARGS__ };			\
		parse(test, __o, sizeof(__o), opt);				\
	})

static void expect_nothing(struct kunit *test, const struct tern_options *opt)
{
	KUNIT_EXPECT_EQ(test, opt->mss, 0);
	KUNIT_EXPECT_FALSE(test, opt->sack_perm);
	KUNIT_EXPECT_EQ(test, opt->nr_sacks, 0);
}

static void opt_none(struct kunit *test)
{
	struct tern_options opt;

	KUNIT_EXPECT_EQ(test, parse(test, NULL, 0, &opt), 0);
	expect_nothing(test, &opt);
}

static void opt_mss(struct kunit *test)
{
	struct tern_options opt;

	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 2, 4, 0x05, 0xb4), 0);
	KUNIT_EXPECT_EQ(test, opt.mss, 1460);
	KUNIT_EXPECT_FALSE(test, opt.sack_perm);
	KUNIT_EXPECT_EQ(test, opt.nr_sacks, 0);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 2, 4, 0xff, 0xff), 0);
	KUNIT_EXPECT_EQ(test, opt.mss, 65535);
	/* Misaligned, after a NOP, padded with EOL. */
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 1, 2, 4, 0x12, 0x34, 0, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, opt.mss, 0x1234);
}

static void opt_sack_perm(struct kunit *test)
{
	struct tern_options opt;

	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 1, 1, 4, 2), 0);
	KUNIT_EXPECT_TRUE(test, opt.sack_perm);
	KUNIT_EXPECT_EQ(test, opt.mss, 0);
	KUNIT_EXPECT_EQ(test, opt.nr_sacks, 0);
	/* SYN layout: MSS, NOP, NOP, SACK-permitted. */
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 2, 4, 0x02, 0x18, 1, 1, 4, 2), 0);
	KUNIT_EXPECT_EQ(test, opt.mss, 536);
	KUNIT_EXPECT_TRUE(test, opt.sack_perm);
}

/* SACK with 1 to 4 blocks, values with the high bit set (big endian). */
static void opt_sack_blocks(struct kunit *test)
{
	u8 buf[TERN_MAX_OPT_LEN];
	struct tern_options opt;
	unsigned int n, i;

	for (n = 1; n <= TERN_MAX_SACK_BLOCKS; n++) {
		memset(buf, 0, sizeof(buf));
		buf[0] = TERN_OPT_NOP;
		buf[1] = TERN_OPT_NOP;
		buf[2] = TERN_OPT_SACK;
		buf[3] = 2 + 8 * n;
		for (i = 0; i < n; i++) {
			put_unaligned_be32(0xfffffff0U + 0x100 * i, buf + 4 + 8 * i);
			put_unaligned_be32(0x00000010U + 0x100 * i, buf + 8 + 8 * i);
		}
		KUNIT_ASSERT_EQ(test, parse(test, buf, 4 + 8 * n, &opt), 0);
		KUNIT_EXPECT_EQ(test, opt.nr_sacks, n);
		KUNIT_EXPECT_EQ(test, opt.mss, 0);
		KUNIT_EXPECT_FALSE(test, opt.sack_perm);
		for (i = 0; i < n; i++) {
			KUNIT_EXPECT_EQ(test, opt.sacks[i].start, 0xfffffff0U + 0x100 * i);
			KUNIT_EXPECT_EQ(test, opt.sacks[i].end, 0x00000010U + 0x100 * i);
		}
	}
	/* Byte order: 0x01020304 is 01 02 03 04 on the wire. */
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 1, 1, 5, 10, 1, 2, 3, 4, 5, 6, 7, 8), 0);
	KUNIT_EXPECT_EQ(test, opt.nr_sacks, 1);
	KUNIT_EXPECT_EQ(test, opt.sacks[0].start, 0x01020304U);
	KUNIT_EXPECT_EQ(test, opt.sacks[0].end, 0x05060708U);
}

/* NOP and EOL padding; nothing after EOL is read. */
static void opt_padding(struct kunit *test)
{
	struct tern_options opt;

	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 1, 1, 1, 1), 0);
	expect_nothing(test, &opt);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 0, 0, 0, 0), 0);
	expect_nothing(test, &opt);
	/* After EOL: what would be a malformed option is never looked at. */
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 2, 4, 0x05, 0xb4, 0, 5, 3, 0), 0);
	KUNIT_EXPECT_EQ(test, opt.mss, 1460);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 0, 2, 4, 1), 0);
	expect_nothing(test, &opt);
	/* Options after a run of NOPs. */
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 1, 1, 1, 1, 1, 1, 4, 2), 0);
	KUNIT_EXPECT_TRUE(test, opt.sack_perm);
}

/* Unknown kinds are skipped by their length, and parsing goes on. */
static void opt_unknown_skipped(struct kunit *test)
{
	struct tern_options opt;

	/* A timestamp (reserved, 10 bytes), then MSS. */
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 1, 1, 8, 10, 1, 2, 3, 4, 5, 6, 7, 8,
				    2, 4, 0x02, 0x00), 0);
	KUNIT_EXPECT_EQ(test, opt.mss, 512);
	/* Unknown kinds of length 2 and 6, then SACK-permitted. */
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 99, 2, 200, 6, 2, 4, 0, 0, 4, 2, 1, 1), 0);
	KUNIT_EXPECT_TRUE(test, opt.sack_perm);
	/* The MSS-looking bytes inside kind 200's data were skipped. */
	KUNIT_EXPECT_EQ(test, opt.mss, 0);
	/* Kind 255, running exactly to the end of the header. */
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 2, 4, 0x01, 0x00, 255, 4, 0xff, 0xff), 0);
	KUNIT_EXPECT_EQ(test, opt.mss, 256);
}

/* Lengths that make the segment malformed. */
static void opt_bad_lengths(struct kunit *test)
{
	struct tern_options opt;

	/* Length 0 and 1, for known and unknown kinds. */
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 2, 0, 1, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 99, 0, 1, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 99, 1, 1, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 5, 1, 1, 1), -EINVAL);
	/* Beyond the header. */
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 1, 1, 2, 4), -EINVAL);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 99, 5, 0, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 99, 255, 0, 0), -EINVAL);
	/* SACK claiming two blocks, with room for one. */
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 1, 1, 5, 18, 0, 0, 0, 1, 0, 0, 0, 2), -EINVAL);
	/* A kind in the last byte, its length missing. */
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 1, 1, 1, 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 1, 1, 1, 99), -EINVAL);
}

static void opt_bad_mss(struct kunit *test)
{
	struct tern_options opt;

	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 2, 2, 1, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 2, 3, 5, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 2, 5, 5, 0xb4, 0, 1, 1, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 2, 6, 0, 0, 5, 0xb4, 1, 1), -EINVAL);
}

/* The timestamp option is not used yet, but RFC 7323 fixes its length. */
static void opt_bad_timestamp(struct kunit *test)
{
	struct tern_options opt;

	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2), 0);
	expect_nothing(test, &opt);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 8, 2, 1, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 8, 6, 0, 0, 0, 1, 1, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 8, 12, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0), -EINVAL);
}

static void opt_bad_sack_perm(struct kunit *test)
{
	struct tern_options opt;

	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 4, 3, 0, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 4, 4, 0, 0), -EINVAL);
}

static void opt_bad_sack(struct kunit *test)
{
	u8 buf[TERN_MAX_OPT_LEN];
	struct tern_options opt;
	unsigned int len;

	/* No blocks at all. */
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 1, 1, 5, 2), -EINVAL);
	/* Every length 2 + k that is not 2 + 8n, up to what fits. */
	for (len = 3; len <= TERN_MAX_OPT_LEN - 2; len++) {
		if ((len - 2) % 8 == 0)
			continue;
		memset(buf, 0, sizeof(buf));
		buf[0] = TERN_OPT_NOP;
		buf[1] = TERN_OPT_NOP;
		buf[2] = TERN_OPT_SACK;
		buf[3] = len;
		KUNIT_EXPECT_EQ_MSG(test, parse(test, buf, round_up(2 + len, 4), &opt),
				    -EINVAL, "SACK length %u", len);
	}
	/* Five blocks (42 bytes) fit in the header but are too many. */
	memset(buf, 0, sizeof(buf));
	buf[0] = TERN_OPT_NOP;
	buf[1] = TERN_OPT_NOP;
	buf[2] = TERN_OPT_SACK;
	buf[3] = 2 + 8 * 5;
	KUNIT_EXPECT_EQ(test, parse(test, buf, 44, &opt), -EINVAL);
}

/* A malformed option after good ones still spoils the segment. */
static void opt_bad_after_good(struct kunit *test)
{
	struct tern_options opt;

	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 2, 4, 0x05, 0xb4, 1, 1, 4, 3), -EINVAL);
	KUNIT_EXPECT_EQ(test, PARSE(test, &opt, 2, 4, 0x05, 0xb4, 1, 1, 1, 5), -EINVAL);
}

static struct ternhdr *header_with(struct kunit *test, unsigned int optlen, u8 **p)
{
	struct ternhdr *th;

	KUNIT_ASSERT_EQ(test, optlen % 4, 0);
	th = kunit_kzalloc(test, TERN_HDR_LEN + optlen, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, th);
	th->doff = (TERN_HDR_LEN + optlen) / 4;
	*p = (u8 *)(th + 1);
	return th;
}

static void syn_options_round_trip(struct kunit *test)
{
	static const u16 mss_values[] = { 88, 536, 1460, 8960, 65535 };
	struct tern_options opt;
	struct ternhdr *th;
	unsigned int i, len;
	u8 buf[8], *p;

	for (i = 0; i < ARRAY_SIZE(mss_values); i++) {
		memset(buf, 0xee, sizeof(buf));
		len = tern_write_syn_options(buf, mss_values[i], false);
		KUNIT_EXPECT_EQ(test, len, 4);
		KUNIT_EXPECT_EQ(test, buf[0], TERN_OPT_MSS);
		KUNIT_EXPECT_EQ(test, buf[1], 4);
		KUNIT_EXPECT_EQ(test, get_unaligned_be16(buf + 2), mss_values[i]);
		KUNIT_EXPECT_EQ(test, buf[4], 0xee);	/* nothing more */
		KUNIT_EXPECT_EQ(test, parse(test, buf, len, &opt), 0);
		KUNIT_EXPECT_EQ(test, opt.mss, mss_values[i]);
		KUNIT_EXPECT_FALSE(test, opt.sack_perm);

		len = tern_write_syn_options(buf, mss_values[i], true);
		KUNIT_EXPECT_EQ(test, len, 8);
		KUNIT_EXPECT_EQ(test, parse(test, buf, len, &opt), 0);
		KUNIT_EXPECT_EQ(test, opt.mss, mss_values[i]);
		KUNIT_EXPECT_TRUE(test, opt.sack_perm);
		KUNIT_EXPECT_EQ(test, opt.nr_sacks, 0);
	}
	/* Written in place into a header of exactly that length. */
	th = header_with(test, 8, &p);
	KUNIT_EXPECT_EQ(test, tern_write_syn_options(p, 1400, true), 8);
	KUNIT_EXPECT_EQ(test, tern_parse_options(th, &opt), 0);
	KUNIT_EXPECT_EQ(test, opt.mss, 1400);
	KUNIT_EXPECT_TRUE(test, opt.sack_perm);
}

static const struct tern_sack_block some_blocks[] = {
	{ 0xfffffff0U, 0x10 }, { 1000, 2000 }, { 0x80000000U, 0x80000001U },
	{ 5, 6 }, { 7, 8 }, { 9, 10 },
};

static void sack_option_round_trip(struct kunit *test)
{
	struct tern_options opt;
	unsigned int nr, len, i;
	u8 buf[TERN_MAX_OPT_LEN + 4];

	for (nr = 1; nr <= TERN_MAX_SACK_BLOCKS; nr++) {
		memset(buf, 0xee, sizeof(buf));
		len = tern_write_sack_option(buf, some_blocks, nr, TERN_MAX_OPT_LEN);
		KUNIT_EXPECT_EQ(test, len, 4 + 8 * nr);
		KUNIT_EXPECT_EQ(test, buf[0], TERN_OPT_NOP);
		KUNIT_EXPECT_EQ(test, buf[1], TERN_OPT_NOP);
		KUNIT_EXPECT_EQ(test, buf[2], TERN_OPT_SACK);
		KUNIT_EXPECT_EQ(test, buf[3], 2 + 8 * nr);
		KUNIT_EXPECT_EQ(test, buf[len], 0xee);
		KUNIT_ASSERT_EQ(test, parse(test, buf, len, &opt), 0);
		KUNIT_ASSERT_EQ(test, opt.nr_sacks, nr);
		for (i = 0; i < nr; i++) {
			KUNIT_EXPECT_EQ(test, opt.sacks[i].start, some_blocks[i].start);
			KUNIT_EXPECT_EQ(test, opt.sacks[i].end, some_blocks[i].end);
		}
	}
}

/* As many blocks as the room holds, never more than four, never past it. */
static void sack_option_room(struct kunit *test)
{
	static const struct {
		unsigned int nr, room, blocks;
	} cases[] = {
		{ 0, 40, 0 }, { 1, 0, 0 }, { 1, 4, 0 }, { 1, 11, 0 },
		{ 1, 12, 1 }, { 3, 12, 1 }, { 3, 19, 1 }, { 3, 20, 2 },
		{ 3, 27, 2 }, { 3, 28, 3 }, { 4, 35, 3 }, { 4, 36, 4 },
		{ 4, 40, 4 }, { 5, 44, 4 }, { 6, 60, 4 }, { 2, 60, 2 },
	};
	u8 buf[64];
	unsigned int i, len, j, want;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(buf, 0xee, sizeof(buf));
		want = 0;
		if (cases[i].blocks)
			want = 4 + 8 * cases[i].blocks;
		len = tern_write_sack_option(buf, some_blocks, cases[i].nr, cases[i].room);
		KUNIT_EXPECT_EQ_MSG(test, len, want, "%u blocks in %u bytes",
				    cases[i].nr, cases[i].room);
		KUNIT_EXPECT_LE(test, len, cases[i].room);
		for (j = len; j < sizeof(buf); j++)
			KUNIT_EXPECT_EQ_MSG(test, buf[j], 0xee, "byte %u written, room %u",
					    j, cases[i].room);
		if (len)
			KUNIT_EXPECT_EQ(test, buf[3], 2 + 8 * cases[i].blocks);
	}
}

/* SYN options and SACK blocks in one header: what a SYN+ACK could carry. */
static void options_together(struct kunit *test)
{
	struct tern_options opt;
	struct ternhdr *th;
	unsigned int len;
	u8 *p;

	th = header_with(test, 8 + 28, &p);
	len = tern_write_syn_options(p, 1200, true);
	len += tern_write_sack_option(p + len, some_blocks, 3, 28);
	KUNIT_EXPECT_EQ(test, len, 36);
	KUNIT_ASSERT_EQ(test, tern_parse_options(th, &opt), 0);
	KUNIT_EXPECT_EQ(test, opt.mss, 1200);
	KUNIT_EXPECT_TRUE(test, opt.sack_perm);
	KUNIT_EXPECT_EQ(test, opt.nr_sacks, 3);
	KUNIT_EXPECT_EQ(test, opt.sacks[2].start, some_blocks[2].start);
	KUNIT_EXPECT_EQ(test, opt.sacks[2].end, some_blocks[2].end);
}

static struct kunit_case options_cases[] = {
	KUNIT_CASE(opt_none),
	KUNIT_CASE(opt_mss),
	KUNIT_CASE(opt_sack_perm),
	KUNIT_CASE(opt_sack_blocks),
	KUNIT_CASE(opt_padding),
	KUNIT_CASE(opt_unknown_skipped),
	KUNIT_CASE(opt_bad_lengths),
	KUNIT_CASE(opt_bad_mss),
	KUNIT_CASE(opt_bad_timestamp),
	KUNIT_CASE(opt_bad_sack_perm),
	KUNIT_CASE(opt_bad_sack),
	KUNIT_CASE(opt_bad_after_good),
	KUNIT_CASE(syn_options_round_trip),
	KUNIT_CASE(sack_option_round_trip),
	KUNIT_CASE(sack_option_room),
	KUNIT_CASE(options_together),
	{}
};

static struct kunit_suite options_suite = {
	.name = "tern_options",
	.test_cases = options_cases,
};

kunit_test_suite(options_suite);
