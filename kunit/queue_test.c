// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the retransmit queue's multi-segment skbs. A queued skb stands
 * for several segments (tern_skb_cb.pcount); a partial ACK trims its
 * head, a SACK block covering part of it cuts it at the block's edges
 * rounded to whole segments, a retransmission cuts one segment off. The
 * payload must stay byte-exact, and the scoreboard counters (packets,
 * SACKed, lost) must follow every cut.
 *
 * Each test owns a real, unconnected Tern socket that nobody else can
 * reach, with 1000-byte segments and sequence numbers that wrap inside
 * the first skb.
 */
#include <kunit/test.h>
#include <linux/net.h>
#include <linux/sizes.h>
#include <linux/skbuff.h>
#include <net/net_namespace.h>

#include "ack.h"
#include "main.h"
#include "offload.h"
#include "output.h"
#include "queue.h"
#include "sock.h"

#define MSS	1000U
#define START	0xfffff000U	/* 4096 bytes before the wrap */

struct queue_ctx {
	struct socket *sock;
	struct sock *sk;
	struct tern_sock *tp;
};

static void queue_cleanup(void *data)
{
	struct queue_ctx *ctx = data;
	struct tern_sock *tp = ctx->tp;
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(&tp->rtx_queue)))
		tern_wmem_free_skb(ctx->sk, skb);
	tp->packets_out = 0;
	tp->sacked_out = 0;
	tp->lost_out = 0;
	tp->retrans_out = 0;
	sock_release(ctx->sock);
}

static struct queue_ctx *queue_ctx(struct kunit *test)
{
	struct queue_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	KUNIT_ASSERT_EQ(test, sock_create_kern(&init_net, PF_INET, SOCK_STREAM,
					       tern_ipproto, &ctx->sock), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, queue_cleanup, ctx), 0);
	ctx->sk = ctx->sock->sk;
	ctx->tp = tern_sk(ctx->sk);
	ctx->tp->mss_cache = MSS;
	ctx->tp->snd_una = START;
	ctx->tp->snd_nxt = START;
	return ctx;
}

/* The payload byte at sequence number @seq. */
static u8 pattern(u32 seq)
{
	return (seq * 7) ^ (seq >> 8);
}

/* Queue @len bytes from @seq as one skb, sent and unacknowledged. */
static struct sk_buff *queue_skb(struct kunit *test, struct queue_ctx *ctx,
				 u32 seq, u32 len, u8 flags)
{
	struct sk_buff *skb = alloc_skb_fclone(TERN_MAX_HEADER, GFP_KERNEL);
	struct tern_skb_cb *cb;
	u32 off = 0, i;
	int frag = 0;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, TERN_MAX_HEADER);
	while (off < len) {
		u32 size = min_t(u32, len - off, PAGE_SIZE);
		struct page *page = alloc_page(GFP_KERNEL);
		u8 *p;

		if (!page) {
			kfree_skb(skb);
			KUNIT_FAIL_AND_ABORT(test, "no page");
		}
		p = page_address(page);
		for (i = 0; i < size; i++)
			p[i] = pattern(seq + off + i);
		skb_fill_page_desc(skb, frag++, page, 0, size);
		off += size;
	}
	skb->len += len;
	skb->data_len += len;
	skb->truesize += len;
	cb = TERN_SKB_CB(skb);
	memset(cb, 0, sizeof(*cb));
	cb->seq = seq;
	cb->end_seq = seq + len + !!(flags & TERN_FLAG_FIN);
	cb->flags = flags;
	tern_charge_skb(ctx->sk, skb);
	tern_set_pcount(ctx->sk, skb, MSS);
	__skb_queue_tail(&ctx->tp->rtx_queue, skb);
	ctx->tp->packets_out += cb->pcount;
	ctx->tp->snd_nxt = cb->end_seq;
	return skb;
}

/* Queue @segs full segments from START as one skb, marked lost. */
static struct sk_buff *queue_lost_skb(struct kunit *test, struct queue_ctx *ctx,
				      u32 segs)
{
	struct sk_buff *skb = queue_skb(test, ctx, START, segs * MSS, 0);

	TERN_SKB_CB(skb)->sacked = TERN_SKB_LOST;
	ctx->tp->lost_out += TERN_SKB_CB(skb)->pcount;
	return skb;
}

/* @skb holds @len bytes from @seq, as @pcount segments, with the right
 * payload.
 */
static void expect_skb(struct kunit *test, struct sk_buff *skb, u32 seq,
		       u32 len, u16 pcount)
{
	u32 i, bad = 0;
	u8 byte;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, TERN_SKB_CB(skb)->seq, seq);
	KUNIT_EXPECT_EQ(test, skb->len, len);
	KUNIT_EXPECT_EQ(test, TERN_SKB_CB(skb)->pcount, pcount);
	KUNIT_EXPECT_EQ(test, tern_skb_mss(skb), pcount > 1 ? MSS : 0);
	for (i = 0; i < skb->len; i++) {
		if (skb_copy_bits(skb, i, &byte, 1) || byte != pattern(seq + i))
			bad++;
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
}

static struct sk_buff *queue_nth(struct queue_ctx *ctx, int n)
{
	struct sk_buff *skb;

	skb_queue_walk(&ctx->tp->rtx_queue, skb) {
		if (!n--)
			return skb;
	}
	return NULL;
}

static bool sack(struct queue_ctx *ctx, u32 start, u32 end)
{
	struct tern_options opt = { .nr_sacks = 1 };

	opt.sacks[0].start = start;
	opt.sacks[0].end = end;
	return tern_sack_mark(ctx->sk, &opt, 1000000);
}

/* A partial ACK frees the bytes below it and the segments they filled. */
static void trim_frees_acked_bytes(struct kunit *test)
{
	struct queue_ctx *ctx = queue_ctx(test);
	struct sk_buff *skb = queue_skb(test, ctx, START, 5 * MSS, 0);
	int queued = ctx->sk->sk_wmem_queued;

	KUNIT_EXPECT_EQ(test, tern_trim_head(ctx->sk, skb, 1500), 1);
	expect_skb(test, skb, START + 1500, 3500, 4);
	KUNIT_EXPECT_EQ(test, ctx->tp->packets_out, 4);
	KUNIT_EXPECT_EQ(test, ctx->sk->sk_wmem_queued, queued - 1500);
	/* Less than a segment more: the bytes go, the count stays. */
	KUNIT_EXPECT_EQ(test, tern_trim_head(ctx->sk, skb, 200), 0);
	expect_skb(test, skb, START + 1700, 3300, 4);
}

/* All of the payload may go only where the FIN stays to be acked. */
static void trim_whole_payload_only_before_fin(struct kunit *test)
{
	struct queue_ctx *ctx = queue_ctx(test);
	struct sk_buff *data = queue_skb(test, ctx, START, 3 * MSS, 0);
	struct sk_buff *fin = queue_skb(test, ctx, START + 3 * MSS, 3 * MSS,
					TERN_FLAG_FIN);

	KUNIT_EXPECT_EQ(test, tern_trim_head(ctx->sk, data, 3 * MSS), -EINVAL);
	expect_skb(test, data, START, 3 * MSS, 3);
	KUNIT_EXPECT_EQ(test, tern_trim_head(ctx->sk, fin, 3 * MSS), 2);
	expect_skb(test, fin, START + 6 * MSS, 0, 1);
	KUNIT_EXPECT_EQ(test, TERN_SKB_CB(fin)->end_seq, START + 6 * MSS + 1);
	KUNIT_EXPECT_EQ(test, ctx->tp->packets_out, 4);
}

/* The lost count follows a trim of a segment marked lost. */
static void trim_settles_lost_count(struct kunit *test)
{
	struct queue_ctx *ctx = queue_ctx(test);
	struct sk_buff *skb = queue_lost_skb(test, ctx, 5);

	KUNIT_EXPECT_EQ(test, tern_trim_head(ctx->sk, skb, 2 * MSS), 2);
	KUNIT_EXPECT_EQ(test, ctx->tp->lost_out, 3);
	KUNIT_EXPECT_EQ(test, ctx->tp->packets_out, 3);
}

/* A block in the middle of an skb: three pieces, the middle one SACKed. */
static void sack_cuts_at_block_edges(struct kunit *test)
{
	struct queue_ctx *ctx = queue_ctx(test);

	queue_skb(test, ctx, START, 10 * MSS, TERN_FLAG_PSH);
	KUNIT_EXPECT_TRUE(test, sack(ctx, START + 3 * MSS, START + 6 * MSS));
	expect_skb(test, queue_nth(ctx, 0), START, 3 * MSS, 3);
	expect_skb(test, queue_nth(ctx, 1), START + 3 * MSS, 3 * MSS, 3);
	expect_skb(test, queue_nth(ctx, 2), START + 6 * MSS, 4 * MSS, 4);
	KUNIT_EXPECT_NULL(test, queue_nth(ctx, 3));
	KUNIT_EXPECT_EQ(test, TERN_SKB_CB(queue_nth(ctx, 0))->sacked, 0);
	KUNIT_EXPECT_EQ(test, TERN_SKB_CB(queue_nth(ctx, 1))->sacked,
			TERN_SKB_SACKED);
	KUNIT_EXPECT_EQ(test, TERN_SKB_CB(queue_nth(ctx, 2))->sacked, 0);
	/* PSH stays with the last byte of the write. */
	KUNIT_EXPECT_FALSE(test, TERN_SKB_CB(queue_nth(ctx, 0))->flags & TERN_FLAG_PSH);
	KUNIT_EXPECT_TRUE(test, TERN_SKB_CB(queue_nth(ctx, 2))->flags & TERN_FLAG_PSH);
	KUNIT_EXPECT_EQ(test, ctx->tp->sacked_out, 3);
	KUNIT_EXPECT_EQ(test, ctx->tp->packets_out, 10);
}

/* Only whole segments count as held: the edges round inwards. */
static void sack_rounds_to_whole_segments(struct kunit *test)
{
	struct queue_ctx *ctx = queue_ctx(test);

	queue_skb(test, ctx, START, 10 * MSS, 0);
	KUNIT_EXPECT_TRUE(test, sack(ctx, START + 2500, START + 6500));
	expect_skb(test, queue_nth(ctx, 1), START + 3 * MSS, 3 * MSS, 3);
	KUNIT_EXPECT_EQ(test, TERN_SKB_CB(queue_nth(ctx, 1))->sacked,
			TERN_SKB_SACKED);
	KUNIT_EXPECT_EQ(test, ctx->tp->sacked_out, 3);
	/* A block inside one segment holds no whole one: nothing changes. */
	KUNIT_EXPECT_FALSE(test, sack(ctx, START + 100, START + 900));
	KUNIT_EXPECT_EQ(test, TERN_SKB_CB(queue_nth(ctx, 0))->sacked, 0);
	KUNIT_EXPECT_EQ(test, ctx->tp->sacked_out, 3);
	KUNIT_EXPECT_EQ(test, ctx->tp->packets_out, 10);
}

/* SACKing a lost segment takes it off the lost count. */
static void sack_of_lost_segments(struct kunit *test)
{
	struct queue_ctx *ctx = queue_ctx(test);

	queue_lost_skb(test, ctx, 4);
	KUNIT_EXPECT_TRUE(test, sack(ctx, START + 2 * MSS, START + 4 * MSS));
	KUNIT_EXPECT_EQ(test, ctx->tp->lost_out, 2);
	KUNIT_EXPECT_EQ(test, ctx->tp->sacked_out, 2);
	KUNIT_EXPECT_EQ(test, TERN_SKB_CB(queue_nth(ctx, 1))->sacked,
			TERN_SKB_SACKED);
}

/* A retransmission sends one segment: the head is cut to the MSS, the
 * FIN stays on the tail.
 */
static void fit_mss_cuts_one_segment(struct kunit *test)
{
	struct queue_ctx *ctx = queue_ctx(test);
	struct sk_buff *skb = queue_skb(test, ctx, START, 5 * MSS - 10,
					TERN_FLAG_FIN | TERN_FLAG_PSH);

	KUNIT_EXPECT_EQ(test, tern_fit_mss(ctx->sk, &ctx->tp->rtx_queue, skb), 0);
	expect_skb(test, queue_nth(ctx, 0), START, MSS, 1);
	expect_skb(test, queue_nth(ctx, 1), START + MSS, 4 * MSS - 10, 4);
	KUNIT_EXPECT_EQ(test, TERN_SKB_CB(skb)->end_seq, START + MSS);
	KUNIT_EXPECT_FALSE(test, TERN_SKB_CB(skb)->flags & TERN_FLAG_FIN);
	KUNIT_EXPECT_TRUE(test, TERN_SKB_CB(queue_nth(ctx, 1))->flags & TERN_FLAG_FIN);
	KUNIT_EXPECT_EQ(test, ctx->tp->packets_out, 5);
	/* One segment already: nothing to cut. */
	KUNIT_EXPECT_EQ(test, tern_fit_mss(ctx->sk, &ctx->tp->rtx_queue, skb), 0);
	KUNIT_EXPECT_PTR_EQ(test, queue_nth(ctx, 1)->prev, skb);
}

/*
 * Several blocks in one ACK, out of order: one walk over the queue
 * serves them all, and cuts the skb at each block's edges.
 */
static void sack_several_blocks(struct kunit *test)
{
	struct queue_ctx *ctx = queue_ctx(test);
	struct tern_options opt = { .nr_sacks = 3 };
	int i;

	queue_skb(test, ctx, START, 10 * MSS, 0);
	opt.sacks[0] = (struct tern_sack_block){ START + 7 * MSS, START + 9 * MSS };
	opt.sacks[1] = (struct tern_sack_block){ START + 1 * MSS, START + 2 * MSS };
	opt.sacks[2] = (struct tern_sack_block){ START + 4 * MSS, START + 5 * MSS };
	KUNIT_EXPECT_TRUE(test, tern_sack_mark(ctx->sk, &opt, 1000000));
	/* Held: 1, 4, 7-8; the pieces in between are not. */
	for (i = 0; i < 7; i++)
		KUNIT_EXPECT_EQ_MSG(test, TERN_SKB_CB(queue_nth(ctx, i))->sacked,
				    i % 2 ? TERN_SKB_SACKED : 0, "piece %d", i);
	expect_skb(test, queue_nth(ctx, 5), START + 7 * MSS, 2 * MSS, 2);
	KUNIT_EXPECT_EQ(test, ctx->tp->sacked_out, 4);
	KUNIT_EXPECT_EQ(test, ctx->tp->packets_out, 10);
}

/*
 * CVE-2019-11478: SACK blocks at every other small segment would cut the
 * retransmit queue into ever more skbs. Once the send queues hold twice
 * the send buffer and 2 MB more, no cut but at the queue's head or tail.
 */
static void fragment_capped_when_queue_too_big(struct kunit *test)
{
	struct queue_ctx *ctx = queue_ctx(test);
	struct sk_buff *head, *mid, *tail;
	int queued;

	head = queue_skb(test, ctx, START, 4 * MSS, 0);
	mid = queue_skb(test, ctx, START + 4 * MSS, 4 * MSS, 0);
	tail = queue_skb(test, ctx, START + 8 * MSS, 4 * MSS, 0);
	queued = ctx->sk->sk_wmem_queued;
	/* Pretend the queues hold far more than the buffer allows. */
	ctx->sk->sk_wmem_queued = 2 * (ctx->sk->sk_sndbuf + SZ_2M) + 2;
	KUNIT_EXPECT_EQ(test, tern_fragment(ctx->sk, &ctx->tp->rtx_queue, mid, MSS,
					    GFP_KERNEL), -ENOMEM);
	KUNIT_EXPECT_PTR_EQ(test, queue_nth(ctx, 2), tail);
	KUNIT_EXPECT_EQ(test, tern_fragment(ctx->sk, &ctx->tp->rtx_queue, head, MSS,
					    GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, tern_fragment(ctx->sk, &ctx->tp->rtx_queue, tail, MSS,
					    GFP_KERNEL), 0);
	ctx->sk->sk_wmem_queued += queued - (2 * (ctx->sk->sk_sndbuf + SZ_2M) + 2);
	/* Back within bounds, the middle one is cut too. */
	KUNIT_EXPECT_EQ(test, tern_fragment(ctx->sk, &ctx->tp->rtx_queue, mid, MSS,
					    GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, ctx->tp->packets_out, 12);
}

static struct kunit_case queue_cases[] = {
	KUNIT_CASE(trim_frees_acked_bytes),
	KUNIT_CASE(trim_whole_payload_only_before_fin),
	KUNIT_CASE(trim_settles_lost_count),
	KUNIT_CASE(sack_cuts_at_block_edges),
	KUNIT_CASE(sack_rounds_to_whole_segments),
	KUNIT_CASE(sack_of_lost_segments),
	KUNIT_CASE(fit_mss_cuts_one_segment),
	KUNIT_CASE(sack_several_blocks),
	KUNIT_CASE(fragment_capped_when_queue_too_big),
	{}
};

static struct kunit_suite queue_suite = {
	.name = "tern_queue",
	.test_cases = queue_cases,
};

kunit_test_suite(queue_suite);
