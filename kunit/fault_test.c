// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the fault injection rule parser, as /proc/net/tern_fault reads
 * what tests write: "drop flags=<FLAGS|any> [data|nodata] [sport=N]
 * [dport=N] [skip=N] [count=N]".
 */
#include <kunit/test.h>
#include <linux/string.h>

#include "fault.h"
#include "wire.h"

struct good_rule {
	const char *text;
	struct tern_fault_rule want;
};

#define F_SYN	TERN_FLAG_SYN
#define F_ACK	TERN_FLAG_ACK
#define F_FIN	TERN_FLAG_FIN
#define F_RST	TERN_FLAG_RST
#define ANY	true

/* Every field spelled out; the defaults are payload -1 and count 1. */
#define RULE(f, any, pl, sp, dp, sk, cnt)				\
	{ .flags = (f), .any_flags = (any), .payload = (pl), .sport = (sp),	\
	  .dport = (dp), .skip = (sk), .count = (cnt) }

static const struct good_rule good_rules[] = {
	{ "drop flags=SYN", RULE(F_SYN, false, -1, 0, 0, 0, 1) },
	{ "drop flags=SYN|ACK", RULE(F_SYN | F_ACK, false, -1, 0, 0, 0, 1) },
	{ "drop flags=ACK|SYN", RULE(F_SYN | F_ACK, false, -1, 0, 0, 0, 1) },
	{ "drop flags=FIN|ACK count=1", RULE(F_FIN | F_ACK, false, -1, 0, 0, 0, 1) },
	{ "drop flags=RST", RULE(F_RST, false, -1, 0, 0, 0, 1) },
	{ "drop flags=RST|ACK count=3", RULE(F_RST | F_ACK, false, -1, 0, 0, 0, 3) },
	/* PSH is ignored: a data segment matches whether pushed or not. */
	{ "drop flags=ACK|PSH", RULE(F_ACK, false, -1, 0, 0, 0, 1) },
	{ "drop flags=PSH|ACK|FIN", RULE(F_ACK | F_FIN, false, -1, 0, 0, 0, 1) },
	{ "drop flags=any", RULE(0, ANY, -1, 0, 0, 0, 1) },
	{ "drop flags=any data", RULE(0, ANY, 1, 0, 0, 0, 1) },
	{ "drop flags=ACK nodata sport=5000 skip=2", RULE(F_ACK, false, 0, 5000, 0, 2, 1) },
	{ "drop flags=ACK data dport=80 count=10", RULE(F_ACK, false, 1, 0, 80, 0, 10) },
	/* Any order, after "drop". */
	{ "drop count=2 skip=1 flags=FIN|ACK", RULE(F_FIN | F_ACK, false, -1, 0, 0, 1, 2) },
	{ "drop sport=65535 dport=1 flags=SYN", RULE(F_SYN, false, -1, 65535, 1, 0, 1) },
	{ "drop flags=SYN skip=4294967295 count=4294967295",
	  RULE(F_SYN, false, -1, 0, 0, U32_MAX, U32_MAX) },
	/* What echo writes: a newline; extra blanks and tabs. */
	{ "drop flags=SYN|ACK\n", RULE(F_SYN | F_ACK, false, -1, 0, 0, 0, 1) },
	{ "  drop   flags=FIN|ACK \t count=2 \t", RULE(F_FIN | F_ACK, false, -1, 0, 0, 0, 2) },
	{ "drop\tflags=ACK\tnodata", RULE(F_ACK, false, 0, 0, 0, 0, 1) },
};

static void fault_accepts(struct kunit *test)
{
	struct tern_fault_rule rule;
	int i;

	for (i = 0; i < ARRAY_SIZE(good_rules); i++) {
		const struct tern_fault_rule *want = &good_rules[i].want;
		const char *text = good_rules[i].text;

		memset(&rule, 0x5a, sizeof(rule));
		KUNIT_EXPECT_EQ_MSG(test, tern_fault_parse_rule(text, &rule), 0,
				    "\"%s\"", text);
		KUNIT_EXPECT_EQ_MSG(test, rule.flags, want->flags, "\"%s\"", text);
		KUNIT_EXPECT_EQ_MSG(test, rule.any_flags, want->any_flags, "\"%s\"", text);
		KUNIT_EXPECT_EQ_MSG(test, rule.payload, want->payload, "\"%s\"", text);
		KUNIT_EXPECT_EQ_MSG(test, rule.sport, want->sport, "\"%s\"", text);
		KUNIT_EXPECT_EQ_MSG(test, rule.dport, want->dport, "\"%s\"", text);
		KUNIT_EXPECT_EQ_MSG(test, rule.skip, want->skip, "\"%s\"", text);
		KUNIT_EXPECT_EQ_MSG(test, rule.count, want->count, "\"%s\"", text);
		KUNIT_EXPECT_EQ_MSG(test, rule.dropped, 0, "\"%s\"", text);
	}
}

static const char *const bad_rules[] = {
	"",
	"   ",
	"\n",
	"drop",
	"drop ",
	"drop data",
	"drop count=1",
	"drop sport=1 dport=2 skip=3 count=4",
	"flags=SYN",
	"clear",
	"pass flags=SYN",
	"Drop flags=SYN",
	"dropflags=SYN",
	"drop flags",
	"drop flags=",
	"drop flags=|",
	"drop flags=SYN|",
	"drop flags=|SYN",
	"drop flags=SYN||ACK",
	"drop flags=syn",
	"drop flags=URG",
	"drop flags=ECE|ACK",
	"drop flags=any|SYN",
	"drop flags=ANY",
	"drop flags=SYN,ACK",
	"drop flags=SYN count",
	"drop flags=SYN count=",
	"drop flags=SYN count=abc",
	"drop flags=SYN count=-1",
	"drop flags=SYN count=1x",
	"drop flags=SYN count=0x10",
	"drop flags=SYN count=4294967296",
	"drop flags=SYN count= 1",
	"drop flags=SYN skip=-2",
	"drop flags=SYN sport=65536",
	"drop flags=SYN dport=70000",
	"drop flags=SYN sport=-1",
	"drop flags=SYN foo",
	"drop flags=SYN foo=1",
	"drop flags=SYN Data",
	"drop flags=SYN nodata=1",
	"drop flags=SYN =1",
};

static void fault_rejects(struct kunit *test)
{
	struct tern_fault_rule rule;
	int i;

	for (i = 0; i < ARRAY_SIZE(bad_rules); i++)
		KUNIT_EXPECT_EQ_MSG(test, tern_fault_parse_rule(bad_rules[i], &rule),
				    -EINVAL, "\"%s\"", bad_rules[i]);
}

/* The text is the caller's: parsing works on a copy. */
static void fault_text_untouched(struct kunit *test)
{
	char text[] = " drop flags=FIN|ACK count=2\n";
	char copy[sizeof(text)];
	struct tern_fault_rule rule;

	memcpy(copy, text, sizeof(text));
	KUNIT_EXPECT_EQ(test, tern_fault_parse_rule(text, &rule), 0);
	KUNIT_EXPECT_MEMEQ(test, text, copy, sizeof(text));
	KUNIT_EXPECT_EQ(test, tern_fault_parse_rule("drop flags=X", &rule), -EINVAL);
	KUNIT_EXPECT_EQ(test, tern_fault_parse_rule(text, &rule), 0);
	KUNIT_EXPECT_EQ(test, rule.count, 2);
}

/* Every single flag name, alone and with ACK. */
static void fault_flag_names(struct kunit *test)
{
	static const struct {
		const char *name;
		u8 bit;
	} names[] = {
		{ "FIN", TERN_FLAG_FIN }, { "SYN", TERN_FLAG_SYN },
		{ "RST", TERN_FLAG_RST }, { "ACK", TERN_FLAG_ACK },
	};
	struct tern_fault_rule rule;
	char text[64];
	int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(text, sizeof(text), "drop flags=%s", names[i].name);
		KUNIT_ASSERT_EQ(test, tern_fault_parse_rule(text, &rule), 0);
		KUNIT_EXPECT_EQ(test, rule.flags, names[i].bit);
		KUNIT_EXPECT_FALSE(test, rule.any_flags);
		snprintf(text, sizeof(text), "drop flags=ACK|%s", names[i].name);
		KUNIT_ASSERT_EQ(test, tern_fault_parse_rule(text, &rule), 0);
		KUNIT_EXPECT_EQ(test, rule.flags, names[i].bit | TERN_FLAG_ACK);
	}
}

static struct kunit_case fault_cases[] = {
	KUNIT_CASE(fault_accepts),
	KUNIT_CASE(fault_rejects),
	KUNIT_CASE(fault_text_untouched),
	KUNIT_CASE(fault_flag_names),
	{}
};

static struct kunit_suite fault_suite = {
	.name = "tern_fault",
	.test_cases = fault_cases,
};

kunit_test_suite(fault_suite);
