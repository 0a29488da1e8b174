// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: reassembly. The out-of-order tree must hold every byte that
 * arrived beyond rcv_nxt exactly once, hand it back in order, and the
 * SACK blocks must describe it as RFC 2018 asks: the block holding the
 * newest segment first, then the most recently reported others, at most
 * four, none at or below rcv_nxt.
 *
 * Every segment carries a payload whose bytes are a function of their
 * sequence number, so trimming is checked byte for byte. A segment may
 * overlap the one before it in the tree (its head is never cut), never the
 * one after. Every skb is
 * freed when a test ends, however it ends (kmemleak runs afterwards).
 */
#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/skbuff.h>

#include "reasm.h"
#include "seq.h"
#include "sock.h"

struct reasm_ctx {
	struct rb_root root;
	struct sk_buff_head freed;	/* handed back by the module */
	struct sk_buff_head held;	/* popped, or refused by insert */
};

struct seg_range {
	u32 seq;
	u32 end;
};

static void reasm_cleanup(void *data)
{
	struct reasm_ctx *ctx = data;
	struct rb_node *node;

	while ((node = rb_first(&ctx->root))) {
		struct sk_buff *skb = rb_to_skb(node);

		rb_erase(node, &ctx->root);
		kfree_skb(skb);
	}
	__skb_queue_purge(&ctx->freed);
	__skb_queue_purge(&ctx->held);
}

static struct reasm_ctx *reasm_ctx(struct kunit *test)
{
	struct reasm_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->root = RB_ROOT;
	__skb_queue_head_init(&ctx->freed);
	__skb_queue_head_init(&ctx->held);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, reasm_cleanup, ctx), 0);
	return ctx;
}

/* The payload byte at sequence number @seq. */
static u8 pattern(u32 seq)
{
	return (seq * 2654435761U) >> 24;
}

static struct sk_buff *make_seg(struct kunit *test, u32 seq, u32 len, bool fin)
{
	struct tern_skb_cb *cb;
	struct sk_buff *skb;
	u8 *data;
	u32 i;

	skb = alloc_skb(max(len, 1U), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	data = skb_put(skb, len);
	for (i = 0; i < len; i++)
		data[i] = pattern(seq + i);
	cb = TERN_SKB_CB(skb);
	memset(cb, 0, sizeof(*cb));
	cb->seq = seq;
	cb->end_seq = seq + len + fin;
	cb->flags = TERN_FLAG_ACK | (fin ? TERN_FLAG_FIN : 0);
	return skb;
}

/* Queue [seq, seq + len) (+ FIN); returns what tern_ofo_insert() said. */
static bool insert_fin(struct kunit *test, struct reasm_ctx *ctx, u32 seq,
		       u32 len, bool fin)
{
	struct sk_buff *skb = make_seg(test, seq, len, fin);
	bool queued = tern_ofo_insert(&ctx->root, skb, &ctx->freed);

	if (!queued)
		__skb_queue_tail(&ctx->held, skb);
	return queued;
}

static bool insert(struct kunit *test, struct reasm_ctx *ctx, u32 seq, u32 len)
{
	return insert_fin(test, ctx, seq, len, false);
}

/* The payload still matches its sequence numbers, and its length. */
static void expect_payload(struct kunit *test, struct sk_buff *skb)
{
	struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	u32 i, len = cb->end_seq - cb->seq - !!(cb->flags & TERN_FLAG_FIN);

	KUNIT_ASSERT_EQ(test, skb->len, len);
	for (i = 0; i < len; i++) {
		u8 byte;

		KUNIT_ASSERT_EQ(test, skb_copy_bits(skb, i, &byte, 1), 0);
		KUNIT_ASSERT_EQ_MSG(test, byte, pattern(cb->seq + i),
				    "byte %u of [%u, %u)", i, cb->seq, cb->end_seq);
	}
}

static struct sk_buff *pop(struct kunit *test, struct reasm_ctx *ctx, u32 rcv_nxt)
{
	struct sk_buff *skb = tern_ofo_pop(&ctx->root, rcv_nxt, &ctx->freed);

	if (skb) {
		__skb_queue_tail(&ctx->held, skb);
		expect_payload(test, skb);
	}
	return skb;
}

/* Pop and expect exactly [seq, end). */
static void expect_pop(struct kunit *test, struct reasm_ctx *ctx, u32 rcv_nxt,
		       u32 seq, u32 end)
{
	struct sk_buff *skb = pop(test, ctx, rcv_nxt);

	KUNIT_ASSERT_NOT_NULL_MSG(test, skb, "pop at %u", rcv_nxt);
	KUNIT_EXPECT_EQ(test, TERN_SKB_CB(skb)->seq, seq);
	KUNIT_EXPECT_EQ(test, TERN_SKB_CB(skb)->end_seq, end);
}

/* Pop everything in order from @rcv_nxt; returns where it ends. */
static u32 drain(struct kunit *test, struct reasm_ctx *ctx, u32 rcv_nxt)
{
	struct sk_buff *skb;

	while ((skb = pop(test, ctx, rcv_nxt))) {
		KUNIT_EXPECT_TRUE(test, tern_seq_after_eq(rcv_nxt, TERN_SKB_CB(skb)->seq));
		rcv_nxt = TERN_SKB_CB(skb)->end_seq;
	}
	return rcv_nxt;
}

/*
 * Every node is non-empty, starts and ends after the one before, every
 * payload is intact; and, when @want is given, the tree holds exactly
 * @want.
 */
static void expect_tree(struct kunit *test, struct reasm_ctx *ctx,
			const struct seg_range *want, int n)
{
	u32 prev_seq = 0, prev_end = 0;
	struct rb_node *node;
	int i = 0;

	for (node = rb_first(&ctx->root); node; node = rb_next(node), i++) {
		struct sk_buff *skb = rb_to_skb(node);
		struct tern_skb_cb *cb = TERN_SKB_CB(skb);

		KUNIT_EXPECT_TRUE_MSG(test, tern_seq_after(cb->end_seq, cb->seq),
				      "empty segment [%u, %u) queued", cb->seq,
				      cb->end_seq);
		if (i)
			KUNIT_EXPECT_TRUE_MSG(test, tern_seq_after(cb->seq, prev_seq) &&
					      tern_seq_after(cb->end_seq, prev_end),
					      "[%u, %u) out of order after [%u, %u)",
					      cb->seq, cb->end_seq, prev_seq, prev_end);
		prev_seq = cb->seq;
		prev_end = cb->end_seq;
		expect_payload(test, skb);
		if (i < n) {
			KUNIT_EXPECT_EQ_MSG(test, cb->seq, want[i].seq, "node %d", i);
			KUNIT_EXPECT_EQ_MSG(test, cb->end_seq, want[i].end, "node %d", i);
		}
	}
	if (n >= 0)
		KUNIT_EXPECT_EQ_MSG(test, i, n, "segments in the tree");
}

#define EXPECT_TREE(test, ctx, ...)						\
	do {									\
		static const struct seg_range __want[] = { __VA_ARGS__ };		\
		expect_tree(test, ctx, __want, ARRAY_SIZE(__want));		\
	} while (0)

static void expect_empty(struct kunit *test, struct reasm_ctx *ctx)
{
	expect_tree(test, ctx, NULL, 0);
}

/* The tree's contiguous runs are exactly @want, however they are split. */
static void expect_runs(struct kunit *test, struct reasm_ctx *ctx,
			const struct seg_range *want, unsigned int n)
{
	struct rb_node *node = rb_first(&ctx->root);
	unsigned int i = 0;

	while (node) {
		struct seg_range run = {
			.seq = TERN_SKB_CB(rb_to_skb(node))->seq,
			.end = TERN_SKB_CB(rb_to_skb(node))->end_seq,
		};

		for (node = rb_next(node);
		     node && !tern_seq_after(TERN_SKB_CB(rb_to_skb(node))->seq, run.end);
		     node = rb_next(node))
			run.end = TERN_SKB_CB(rb_to_skb(node))->end_seq;
		if (i < n) {
			KUNIT_EXPECT_EQ_MSG(test, run.seq, want[i].seq, "run %u", i);
			KUNIT_EXPECT_EQ_MSG(test, run.end, want[i].end, "run %u", i);
		}
		i++;
	}
	KUNIT_EXPECT_EQ_MSG(test, i, n, "runs in the tree");
	expect_tree(test, ctx, NULL, -1);
}

#define EXPECT_RUNS(test, ctx, ...)						\
	do {									\
		static const struct seg_range __want[] = { __VA_ARGS__ };		\
		expect_runs(test, ctx, __want, ARRAY_SIZE(__want));		\
	} while (0)

/* Arrival in reverse order; pops come out in order, then nothing. */
static void ofo_in_order_pop(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 30, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 20, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 10, 10));
	EXPECT_TREE(test, ctx, { 10, 20 }, { 20, 30 }, { 30, 40 });
	expect_pop(test, ctx, 10, 10, 20);
	expect_pop(test, ctx, 20, 20, 30);
	expect_pop(test, ctx, 30, 30, 40);
	KUNIT_EXPECT_NULL(test, pop(test, ctx, 40));
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 0);
	expect_empty(test, ctx);
}

/* A hole stops the pops until rcv_nxt reaches the next segment. */
static void ofo_hole(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 40, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 20, 10));
	KUNIT_EXPECT_NULL(test, pop(test, ctx, 10));
	KUNIT_EXPECT_NULL(test, pop(test, ctx, 19));
	expect_pop(test, ctx, 20, 20, 30);
	KUNIT_EXPECT_NULL(test, pop(test, ctx, 30));
	KUNIT_EXPECT_NULL(test, pop(test, ctx, 39));
	EXPECT_TREE(test, ctx, { 40, 50 });
	expect_pop(test, ctx, 40, 40, 50);
	expect_empty(test, ctx);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 0);
}

/* The same segment twice, or a part of one queued: nothing new. */
static void ofo_duplicates(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 20, 10));
	KUNIT_EXPECT_FALSE(test, insert(test, ctx, 20, 10));
	KUNIT_EXPECT_FALSE(test, insert(test, ctx, 22, 6));
	KUNIT_EXPECT_FALSE(test, insert(test, ctx, 20, 1));
	KUNIT_EXPECT_FALSE(test, insert(test, ctx, 29, 1));
	EXPECT_TREE(test, ctx, { 20, 30 });
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->held), 4);
}

/*
 * A segment inside the union of two adjacent queued ones brings nothing
 * new either: no byte of it is missing from the tree.
 */
static void ofo_duplicate_of_two(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 20, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 30, 10));
	KUNIT_EXPECT_FALSE(test, insert(test, ctx, 25, 10));
	EXPECT_TREE(test, ctx, { 20, 30 }, { 30, 40 });
	/* Whatever it says for one ending with the second, data stays whole. */
	insert(test, ctx, 25, 15);
	EXPECT_RUNS(test, ctx, { 20, 40 });
	KUNIT_EXPECT_EQ(test, drain(test, ctx, 20), 40);
	expect_empty(test, ctx);
}

/* Overlap on the left: the new segment loses its tail. */
static void ofo_overlap_left(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 20, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 15, 10));
	EXPECT_TREE(test, ctx, { 15, 20 }, { 20, 30 });
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 0);
	expect_pop(test, ctx, 15, 15, 20);
	expect_pop(test, ctx, 20, 20, 30);
}

/* Overlap on the right: the new segment keeps its head, for the reader
 * to skip.
 */
static void ofo_overlap_right(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 20, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 25, 10));
	EXPECT_TREE(test, ctx, { 20, 30 }, { 25, 35 });
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 0);
	/* Same start, longer: it replaces the segments it covers. */
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 20, 20));
	EXPECT_TREE(test, ctx, { 20, 40 });
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 2);
	KUNIT_EXPECT_EQ(test, drain(test, ctx, 20), 40);
	expect_empty(test, ctx);
}

/* Overlap on both sides: the tail goes, the head stays. */
static void ofo_overlap_both(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 10, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 30, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 15, 20));
	EXPECT_TREE(test, ctx, { 10, 20 }, { 15, 30 }, { 30, 40 });
	expect_pop(test, ctx, 10, 10, 20);
	expect_pop(test, ctx, 20, 15, 30);
	expect_pop(test, ctx, 30, 30, 40);
}

/* A segment covering several queued ones replaces them. */
static void ofo_cover_several(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 20, 5));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 30, 5));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 40, 5));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 60, 5));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 18, 32));
	EXPECT_TREE(test, ctx, { 18, 50 }, { 60, 65 });
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 3);
	/* Same end as the one it covers. */
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 55, 10));
	EXPECT_TREE(test, ctx, { 18, 50 }, { 55, 65 });
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 4);
	expect_pop(test, ctx, 18, 18, 50);
	KUNIT_EXPECT_NULL(test, pop(test, ctx, 50));
}

/* Covering several, then running into the middle of the next. */
static void ofo_cover_and_overlap(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 20, 5));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 30, 5));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 40, 5));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 22, 20));
	EXPECT_TREE(test, ctx, { 20, 25 }, { 22, 40 }, { 40, 45 });
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 1);
	expect_pop(test, ctx, 20, 20, 25);
	expect_pop(test, ctx, 25, 22, 40);
	expect_pop(test, ctx, 40, 40, 45);
}

/* Sequence numbers running through 2^32. */
static void ofo_wrap(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 0x4, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 0xfffffffaU, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 0xffffffe6U, 10));
	EXPECT_TREE(test, ctx, { 0xffffffe6U, 0xfffffff0U }, { 0xfffffffaU, 0x4 },
		    { 0x4, 0xe });
	/* Overlapping the segment that straddles the wrap, from the left. */
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 0xfffffff5U, 10));
	EXPECT_TREE(test, ctx, { 0xffffffe6U, 0xfffffff0U },
		    { 0xfffffff5U, 0xfffffffaU }, { 0xfffffffaU, 0x4 }, { 0x4, 0xe });
	/* Filling the hole before it, overlapping both neighbours. */
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 0xffffffeeU, 10));
	EXPECT_TREE(test, ctx, { 0xffffffe6U, 0xfffffff0U },
		    { 0xffffffeeU, 0xfffffff5U }, { 0xfffffff5U, 0xfffffffaU },
		    { 0xfffffffaU, 0x4 }, { 0x4, 0xe });
	KUNIT_EXPECT_FALSE(test, insert(test, ctx, 0xfffffffeU, 4));
	KUNIT_EXPECT_NULL(test, pop(test, ctx, 0xffffffe0U));
	expect_pop(test, ctx, 0xffffffe6U, 0xffffffe6U, 0xfffffff0U);
	expect_pop(test, ctx, 0xfffffff0U, 0xffffffeeU, 0xfffffff5U);
	expect_pop(test, ctx, 0xfffffff5U, 0xfffffff5U, 0xfffffffaU);
	/* rcv_nxt moved on (in-order data) into the straddling segment. */
	expect_pop(test, ctx, 0x1, 0xfffffffaU, 0x4);
	expect_pop(test, ctx, 0x4, 0x4, 0xe);
	KUNIT_EXPECT_NULL(test, pop(test, ctx, 0xe));
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 0);
}

/* rcv_nxt advanced past queued data: old segments are freed, partly old
 * ones come out whole, for the reader to skip their head.
 */
static void ofo_pop_trims(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 10, 5));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 15, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 30, 10));
	expect_pop(test, ctx, 20, 15, 25);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 1);
	/* Entirely below rcv_nxt, the next one too: both freed. */
	KUNIT_EXPECT_NULL(test, pop(test, ctx, 45));
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 2);
	expect_empty(test, ctx);
	/* Ending exactly at rcv_nxt: nothing left to deliver. */
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 50, 10));
	KUNIT_EXPECT_NULL(test, pop(test, ctx, 60));
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 3);
}

/* A FIN is part of the sequence space and is never cut off. */
static void ofo_fin(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);
	struct sk_buff *skb;

	KUNIT_EXPECT_TRUE(test, insert_fin(test, ctx, 30, 10, true));
	EXPECT_TREE(test, ctx, { 30, 41 });
	/* Its retransmission is a duplicate; so is the data without FIN. */
	KUNIT_EXPECT_FALSE(test, insert_fin(test, ctx, 30, 10, true));
	KUNIT_EXPECT_FALSE(test, insert(test, ctx, 30, 10));
	/* Data before it, overlapping: the new segment loses its tail. */
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 25, 10));
	EXPECT_TREE(test, ctx, { 25, 30 }, { 30, 41 });
	expect_pop(test, ctx, 25, 25, 30);
	skb = pop(test, ctx, 30);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, TERN_SKB_CB(skb)->seq, 30);
	KUNIT_EXPECT_EQ(test, TERN_SKB_CB(skb)->end_seq, 41);
	KUNIT_EXPECT_TRUE(test, TERN_SKB_CB(skb)->flags & TERN_FLAG_FIN);
	KUNIT_EXPECT_EQ(test, skb->len, 10);
	expect_empty(test, ctx);
}

static void ofo_fin_alone(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);
	struct sk_buff *skb;

	/* A bare FIN after queued data, and the same data with the FIN. */
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 20, 10));
	KUNIT_EXPECT_TRUE(test, insert_fin(test, ctx, 30, 0, true));
	EXPECT_TREE(test, ctx, { 20, 30 }, { 30, 31 });
	/* Both again in one segment: however it is counted, nothing is lost. */
	insert_fin(test, ctx, 20, 10, true);
	EXPECT_RUNS(test, ctx, { 20, 31 });
	/* A FIN that would have to lose its tail to fit is refused. */
	KUNIT_EXPECT_FALSE(test, insert_fin(test, ctx, 10, 15, true));
	EXPECT_RUNS(test, ctx, { 20, 31 });
	/* Popped halfway into the data, the FIN still comes along. */
	KUNIT_EXPECT_EQ(test, drain(test, ctx, 25), 31);
	skb = skb_peek_tail(&ctx->held);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, TERN_SKB_CB(skb)->end_seq, 31);
	KUNIT_EXPECT_TRUE(test, TERN_SKB_CB(skb)->flags & TERN_FLAG_FIN);
	expect_empty(test, ctx);
}

/* A refused segment leaves the tree as it was, even when it covered a
 * queued segment before reaching the one that made it fail.
 */
static void ofo_refused_leaves_tree(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 20, 5));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 30, 10));
	KUNIT_EXPECT_FALSE(test, insert_fin(test, ctx, 15, 20, true));
	EXPECT_TREE(test, ctx, { 20, 25 }, { 30, 40 });
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 0);
}

/* Data with a FIN arriving over the same data without one. */
static void ofo_fin_extends(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 20, 10));
	KUNIT_EXPECT_TRUE(test, insert_fin(test, ctx, 20, 10, true));
	EXPECT_TREE(test, ctx, { 20, 31 });
	/* Covering earlier data and ending in the FIN: replaces it. */
	KUNIT_EXPECT_TRUE(test, insert_fin(test, ctx, 10, 20, true));
	EXPECT_TREE(test, ctx, { 10, 31 });
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 2);
	expect_pop(test, ctx, 10, 10, 31);
}

static void ofo_purge(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 50, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 10, 10));
	KUNIT_EXPECT_TRUE(test, insert_fin(test, ctx, 90, 3, true));
	tern_ofo_purge(&ctx->root, &ctx->freed);
	expect_empty(test, ctx);
	KUNIT_EXPECT_TRUE(test, RB_EMPTY_ROOT(&ctx->root));
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 3);
	/* Purging an empty tree is fine. */
	tern_ofo_purge(&ctx->root, &ctx->freed);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&ctx->freed), 3);
}

static struct sk_buff *tree_find(struct reasm_ctx *ctx, u32 seq)
{
	struct rb_node *node;

	for (node = rb_first(&ctx->root); node; node = rb_next(node))
		if (TERN_SKB_CB(rb_to_skb(node))->seq == seq)
			return rb_to_skb(node);
	return NULL;
}

static void expect_block(struct kunit *test, struct reasm_ctx *ctx, u32 seq,
			 u32 start, u32 end)
{
	struct tern_sack_block block;
	struct sk_buff *skb = tree_find(ctx, seq);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	tern_ofo_block(&ctx->root, skb, &block);
	KUNIT_EXPECT_EQ_MSG(test, block.start, start, "run around %u", seq);
	KUNIT_EXPECT_EQ_MSG(test, block.end, end, "run around %u", seq);
}

/* The contiguous run around a segment, whichever segment of it. */
static void ofo_block_runs(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 10, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 20, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 30, 5));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 40, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 50, 5));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 70, 5));
	expect_block(test, ctx, 10, 10, 35);
	expect_block(test, ctx, 20, 10, 35);
	expect_block(test, ctx, 30, 10, 35);
	expect_block(test, ctx, 40, 40, 55);
	expect_block(test, ctx, 50, 40, 55);
	expect_block(test, ctx, 70, 70, 75);
}

static void ofo_block_wrap(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 0xfffffff0U, 8));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 0xfffffff8U, 16));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 0x8, 8));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 0x20, 8));
	expect_block(test, ctx, 0x8, 0xfffffff0U, 0x10);
	expect_block(test, ctx, 0xfffffff0U, 0xfffffff0U, 0x10);
	expect_block(test, ctx, 0x20, 0x20, 0x28);
}

static void expect_sacks(struct kunit *test, const struct tern_sack_block *got,
			 unsigned int nr, const struct seg_range *want, unsigned int n)
{
	unsigned int i;

	KUNIT_ASSERT_EQ(test, nr, n);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_EQ_MSG(test, got[i].start, want[i].seq, "block %u", i);
		KUNIT_EXPECT_EQ_MSG(test, got[i].end, want[i].end, "block %u", i);
	}
}

#define EXPECT_SACKS(test, sacks, nr, ...)					\
	do {									\
		static const struct seg_range __want[] = { __VA_ARGS__ };		\
		expect_sacks(test, sacks, nr, __want, ARRAY_SIZE(__want));	\
	} while (0)

static unsigned int sack_add(struct tern_sack_block *sacks, unsigned int nr,
			     u32 start, u32 end)
{
	struct tern_sack_block b = { .start = start, .end = end };

	return tern_sack_update(sacks, nr, &b);
}

/* RFC 2018 section 4: newest first, then by recency; at most four. */
static void sack_update_order(struct kunit *test)
{
	struct tern_sack_block sacks[TERN_MAX_SACK_BLOCKS] = {};
	unsigned int nr = 0;

	nr = sack_add(sacks, nr, 100, 110);
	EXPECT_SACKS(test, sacks, nr, { 100, 110 });
	nr = sack_add(sacks, nr, 200, 210);
	EXPECT_SACKS(test, sacks, nr, { 200, 210 }, { 100, 110 });
	nr = sack_add(sacks, nr, 150, 160);
	EXPECT_SACKS(test, sacks, nr, { 150, 160 }, { 200, 210 }, { 100, 110 });
	nr = sack_add(sacks, nr, 300, 310);
	EXPECT_SACKS(test, sacks, nr, { 300, 310 }, { 150, 160 }, { 200, 210 },
		     { 100, 110 });
	/* A fifth run: the oldest report drops out. */
	nr = sack_add(sacks, nr, 400, 410);
	EXPECT_SACKS(test, sacks, nr, { 400, 410 }, { 300, 310 }, { 150, 160 },
		     { 200, 210 });
	/* An old run growing moves to the front, not duplicated. */
	nr = sack_add(sacks, nr, 200, 220);
	EXPECT_SACKS(test, sacks, nr, { 200, 220 }, { 400, 410 }, { 300, 310 },
		     { 150, 160 });
}

/* A newest run that swallowed older blocks replaces them all. */
static void sack_update_merge(struct kunit *test)
{
	struct tern_sack_block sacks[TERN_MAX_SACK_BLOCKS] = {};
	unsigned int nr = 0;

	nr = sack_add(sacks, nr, 100, 110);
	nr = sack_add(sacks, nr, 120, 130);
	nr = sack_add(sacks, nr, 300, 310);
	/* [110, 120) filled: one run [100, 130). */
	nr = sack_add(sacks, nr, 100, 130);
	EXPECT_SACKS(test, sacks, nr, { 100, 130 }, { 300, 310 });
	/* A run that grew at its start. */
	nr = sack_add(sacks, nr, 290, 310);
	EXPECT_SACKS(test, sacks, nr, { 290, 310 }, { 100, 130 });
	/* Across the wrap. */
	nr = sack_add(sacks, nr, 0xfffffff0U, 0xfffffff8U);
	nr = sack_add(sacks, nr, 0xfffffff0U, 0x8);
	EXPECT_SACKS(test, sacks, nr, { 0xfffffff0U, 0x8 }, { 290, 310 },
		     { 100, 130 });
}

/* Blocks rcv_nxt has reached are forgotten; the order of the rest stays. */
static void sack_trim(struct kunit *test)
{
	struct tern_sack_block sacks[TERN_MAX_SACK_BLOCKS] = {
		{ 500, 510 }, { 100, 110 }, { 300, 310 }, { 200, 210 },
	};
	unsigned int nr = 4;

	nr = tern_sack_trim(sacks, nr, 100);
	EXPECT_SACKS(test, sacks, nr, { 500, 510 }, { 100, 110 }, { 300, 310 },
		     { 200, 210 });
	nr = tern_sack_trim(sacks, nr, 110);
	EXPECT_SACKS(test, sacks, nr, { 500, 510 }, { 300, 310 }, { 200, 210 });
	nr = tern_sack_trim(sacks, nr, 305);
	KUNIT_ASSERT_EQ(test, nr, 2);
	KUNIT_EXPECT_EQ(test, sacks[0].start, 500);
	KUNIT_EXPECT_EQ(test, sacks[1].end, 310);
	nr = tern_sack_trim(sacks, nr, 600);
	KUNIT_EXPECT_EQ(test, nr, 0);
	KUNIT_EXPECT_EQ(test, tern_sack_trim(sacks, 0, 0), 0);
}

static void sack_trim_wrap(struct kunit *test)
{
	struct tern_sack_block sacks[TERN_MAX_SACK_BLOCKS] = {
		{ 0x10, 0x20 }, { 0xfffffff0U, 0xfffffff8U }, { 0xfffffffcU, 0x4 },
	};
	unsigned int nr = 3;

	nr = tern_sack_trim(sacks, nr, 0xffffffe0U);
	KUNIT_EXPECT_EQ(test, nr, 3);
	nr = tern_sack_trim(sacks, nr, 0xfffffff8U);
	EXPECT_SACKS(test, sacks, nr, { 0x10, 0x20 }, { 0xfffffffcU, 0x4 });
	nr = tern_sack_trim(sacks, nr, 0x4);
	EXPECT_SACKS(test, sacks, nr, { 0x10, 0x20 });
}

/*
 * A receiver's view: segments arrive out of order; after each, the tree's
 * run around it becomes the first SACK block; in-order data then drains
 * the tree and the blocks go.
 */
static unsigned int arrive(struct kunit *test, struct reasm_ctx *ctx,
			   struct tern_sack_block *sacks, unsigned int nr,
			   u32 seq, u32 len)
{
	struct sk_buff *skb = make_seg(test, seq, len, false);
	struct tern_sack_block run;

	if (!tern_ofo_insert(&ctx->root, skb, &ctx->freed)) {
		__skb_queue_tail(&ctx->held, skb);
		return nr;
	}
	tern_ofo_block(&ctx->root, skb, &run);
	return tern_sack_update(sacks, nr, &run);
}

static void sack_receiver_story(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);
	struct tern_sack_block sacks[TERN_MAX_SACK_BLOCKS] = {};
	unsigned int nr = 0;
	u32 rcv_nxt;

	nr = arrive(test, ctx, sacks, nr, 1100, 100);
	EXPECT_SACKS(test, sacks, nr, { 1100, 1200 });
	nr = arrive(test, ctx, sacks, nr, 1300, 100);
	EXPECT_SACKS(test, sacks, nr, { 1300, 1400 }, { 1100, 1200 });
	nr = arrive(test, ctx, sacks, nr, 1500, 100);
	EXPECT_SACKS(test, sacks, nr, { 1500, 1600 }, { 1300, 1400 },
		     { 1100, 1200 });
	/* Filling [1200, 1300) joins two runs. */
	nr = arrive(test, ctx, sacks, nr, 1200, 100);
	EXPECT_SACKS(test, sacks, nr, { 1100, 1400 }, { 1500, 1600 });
	/* A duplicate changes nothing. */
	nr = arrive(test, ctx, sacks, nr, 1250, 100);
	EXPECT_SACKS(test, sacks, nr, { 1100, 1400 }, { 1500, 1600 });
	/* [1000, 1100) arrives in order: the first run drains. */
	rcv_nxt = drain(test, ctx, 1100);
	KUNIT_EXPECT_EQ(test, rcv_nxt, 1400);
	nr = tern_sack_trim(sacks, nr, rcv_nxt);
	EXPECT_SACKS(test, sacks, nr, { 1500, 1600 });
	EXPECT_TREE(test, ctx, { 1500, 1600 });
	/* [1400, 1500) in order: everything delivered, no blocks. */
	rcv_nxt = drain(test, ctx, 1500);
	KUNIT_EXPECT_EQ(test, rcv_nxt, 1600);
	nr = tern_sack_trim(sacks, nr, rcv_nxt);
	KUNIT_EXPECT_EQ(test, nr, 0);
	expect_empty(test, ctx);
}

/* A run goes on across segments that overlap. */
static void ofo_block_overlap(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 10, 10));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 15, 15));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 30, 5));
	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 40, 5));
	expect_block(test, ctx, 10, 10, 35);
	expect_block(test, ctx, 15, 10, 35);
	expect_block(test, ctx, 30, 10, 35);
	expect_block(test, ctx, 40, 40, 45);
}

/* A segment whose payload sits in a page, as a GSO skb's does. */
static struct sk_buff *make_paged_seg(struct kunit *test, u32 seq, u32 len)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct sk_buff *skb = alloc_skb(0, GFP_KERNEL);
	u8 *data;
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	data = page_address(page);
	for (i = 0; i < len; i++)
		data[i] = pattern(seq + i);
	skb_add_rx_frag(skb, 0, page, 0, len, PAGE_SIZE);
	memset(TERN_SKB_CB(skb), 0, sizeof(struct tern_skb_cb));
	TERN_SKB_CB(skb)->seq = seq;
	TERN_SKB_CB(skb)->end_seq = seq + len;
	return skb;
}

/* Neither queueing nor popping a partly old paged segment copies its
 * data into the linear area (no allocation under GFP_ATOMIC).
 */
static void ofo_paged_head_kept(struct kunit *test)
{
	struct reasm_ctx *ctx = reasm_ctx(test);
	struct sk_buff *skb = make_paged_seg(test, 1500, 3000);
	unsigned char *head = skb->head;

	KUNIT_EXPECT_TRUE(test, insert(test, ctx, 1000, 1000));
	if (!tern_ofo_insert(&ctx->root, skb, &ctx->freed)) {
		__skb_queue_tail(&ctx->held, skb);
		KUNIT_FAIL(test, "overlapping segment refused");
		return;
	}
	EXPECT_TREE(test, ctx, { 1000, 2000 }, { 1500, 4500 });
	expect_pop(test, ctx, 1000, 1000, 2000);
	KUNIT_EXPECT_PTR_EQ(test, pop(test, ctx, 2000), skb);
	KUNIT_EXPECT_PTR_EQ(test, skb->head, head);
	KUNIT_EXPECT_EQ(test, skb_headlen(skb), 0);
	KUNIT_EXPECT_EQ(test, skb->len, 3000);
}

static struct kunit_case reasm_cases[] = {
	KUNIT_CASE(ofo_in_order_pop),
	KUNIT_CASE(ofo_hole),
	KUNIT_CASE(ofo_duplicates),
	KUNIT_CASE(ofo_duplicate_of_two),
	KUNIT_CASE(ofo_overlap_left),
	KUNIT_CASE(ofo_overlap_right),
	KUNIT_CASE(ofo_overlap_both),
	KUNIT_CASE(ofo_cover_several),
	KUNIT_CASE(ofo_cover_and_overlap),
	KUNIT_CASE(ofo_wrap),
	KUNIT_CASE(ofo_pop_trims),
	KUNIT_CASE(ofo_fin),
	KUNIT_CASE(ofo_fin_alone),
	KUNIT_CASE(ofo_refused_leaves_tree),
	KUNIT_CASE(ofo_fin_extends),
	KUNIT_CASE(ofo_purge),
	KUNIT_CASE(ofo_block_runs),
	KUNIT_CASE(ofo_block_wrap),
	KUNIT_CASE(ofo_block_overlap),
	KUNIT_CASE(ofo_paged_head_kept),
	KUNIT_CASE(sack_update_order),
	KUNIT_CASE(sack_update_merge),
	KUNIT_CASE(sack_trim),
	KUNIT_CASE(sack_trim_wrap),
	KUNIT_CASE(sack_receiver_story),
	{}
};

static struct kunit_suite reasm_suite = {
	.name = "tern_reasm",
	.test_cases = reasm_cases,
};

kunit_test_suite(reasm_suite);
