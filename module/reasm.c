// SPDX-License-Identifier: GPL-2.0
/*
 * Reassembly. Segments that arrive beyond rcv_nxt wait in an rbtree keyed
 * by sequence number, trimmed so that no two overlap: a duplicate or an
 * overlapping retransmission never reaches the reader twice. When rcv_nxt
 * catches up, they leave the tree in order. The SACK blocks we report
 * describe the tree's contiguous runs, the most recently changed first
 * (RFC 2018).
 *
 * These functions know nothing of sockets: the caller accounts memory
 * and frees what they hand back on @freed.
 */
#include <kunit/visibility.h>
#include <linux/skbuff.h>

#include "reasm.h"
#include "seq.h"
#include "sock.h"

static struct sk_buff *tern_ofo_node(struct rb_node *node)
{
	return node ? rb_to_skb(node) : NULL;
}

/* Cut @len bytes off the front of @skb's payload. */
static bool tern_trim_head(struct sk_buff *skb, u32 len)
{
	if (!pskb_pull(skb, len))
		return false;
	TERN_SKB_CB(skb)->seq += len;
	return true;
}

/* Cut @skb's payload down to end at @end; a FIN cannot be cut off. */
static bool tern_trim_tail(struct sk_buff *skb, u32 end)
{
	struct tern_skb_cb *cb = TERN_SKB_CB(skb);

	if (cb->flags & TERN_FLAG_FIN)
		return false;
	if (pskb_trim(skb, end - cb->seq))
		return false;
	cb->end_seq = end;
	return true;
}

/**
 * tern_ofo_insert() - queue a segment that arrived beyond rcv_nxt
 * @root: the out-of-order tree
 * @skb: the segment, data at its payload, seq/end_seq in its control block
 * @freed: queued segments this one made redundant are moved here
 *
 * Return: true if @skb went into the tree; false if it brought nothing
 * new (or could not be trimmed), and the caller keeps it.
 */
bool tern_ofo_insert(struct rb_root *root, struct sk_buff *skb,
		     struct sk_buff_head *freed)
{
	struct rb_node **link = &root->rb_node, *parent = NULL, *first, *node;
	struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	struct sk_buff *prev = NULL, *next;

	/* Find the last queued segment starting at or before ours. */
	while (*link) {
		struct sk_buff *cur = rb_to_skb(*link);

		parent = *link;
		if (tern_seq_before(cb->seq, TERN_SKB_CB(cur)->seq)) {
			link = &parent->rb_left;
		} else {
			prev = cur;
			link = &parent->rb_right;
		}
	}
	if (prev) {
		u32 prev_end = TERN_SKB_CB(prev)->end_seq;

		if (!tern_seq_before(prev_end, cb->end_seq))
			return false;	/* nothing new */
		if (tern_seq_after(prev_end, cb->seq) &&
		    !tern_trim_head(skb, prev_end - cb->seq))
			return false;
	}
	/* Trim ours against the first queued segment it does not cover, before
	 * anything leaves the tree: a failure must leave the tree as it was.
	 */
	first = prev ? rb_next(&prev->rbnode) : rb_first(root);
	for (node = first; (next = tern_ofo_node(node)); node = rb_next(node)) {
		const struct tern_skb_cb *ncb = TERN_SKB_CB(next);

		if (!tern_seq_after(cb->end_seq, ncb->seq))
			break;
		/* What is left of ours lies inside this one: nothing new. */
		if (!tern_seq_after(ncb->seq, cb->seq) &&
		    !tern_seq_before(ncb->end_seq, cb->end_seq))
			return false;
		if (!tern_seq_before(cb->end_seq, ncb->end_seq))
			continue;
		if (!tern_trim_tail(skb, ncb->seq))
			return false;
		break;
	}
	/* Every queued segment ours still overlaps, it now covers entirely. */
	while ((next = tern_ofo_node(first)) &&
	       tern_seq_after(cb->end_seq, TERN_SKB_CB(next)->seq)) {
		first = rb_next(first);
		rb_erase(&next->rbnode, root);
		__skb_queue_tail(freed, next);
	}
	/* The tree may have changed: find the link again. */
	link = &root->rb_node;
	parent = NULL;
	while (*link) {
		parent = *link;
		if (tern_seq_before(cb->seq, TERN_SKB_CB(rb_to_skb(parent))->seq))
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	rb_link_node(&skb->rbnode, parent, link);
	rb_insert_color(&skb->rbnode, root);
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(tern_ofo_insert);

/**
 * tern_ofo_pop() - the next queued segment that is now in order
 * @root: the out-of-order tree
 * @rcv_nxt: the next sequence number expected
 * @freed: segments found entirely below @rcv_nxt are moved here
 *
 * Return: a segment starting at @rcv_nxt (its head trimmed if it began
 * before), removed from the tree; NULL if the next one is beyond a hole.
 */
struct sk_buff *tern_ofo_pop(struct rb_root *root, u32 rcv_nxt,
			     struct sk_buff_head *freed)
{
	struct sk_buff *skb;

	while ((skb = tern_ofo_node(rb_first(root)))) {
		struct tern_skb_cb *cb = TERN_SKB_CB(skb);

		if (tern_seq_after(cb->seq, rcv_nxt))
			return NULL;
		rb_erase(&skb->rbnode, root);
		if (!tern_seq_after(cb->end_seq, rcv_nxt) ||
		    (tern_seq_before(cb->seq, rcv_nxt) &&
		     !tern_trim_head(skb, rcv_nxt - cb->seq))) {
			__skb_queue_tail(freed, skb);
			continue;
		}
		return skb;
	}
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(tern_ofo_pop);

/**
 * tern_ofo_block() - the contiguous run of queued data around @skb
 * @root: the out-of-order tree
 * @skb: a segment in it
 * @block: filled with the run's [start, end)
 */
void tern_ofo_block(struct rb_root *root, struct sk_buff *skb,
		    struct tern_sack_block *block)
{
	struct sk_buff *cur = skb, *other;

	block->start = TERN_SKB_CB(skb)->seq;
	block->end = TERN_SKB_CB(skb)->end_seq;
	while ((other = tern_ofo_node(rb_prev(&cur->rbnode))) &&
	       TERN_SKB_CB(other)->end_seq == block->start) {
		block->start = TERN_SKB_CB(other)->seq;
		cur = other;
	}
	cur = skb;
	while ((other = tern_ofo_node(rb_next(&cur->rbnode))) &&
	       TERN_SKB_CB(other)->seq == block->end) {
		block->end = TERN_SKB_CB(other)->end_seq;
		cur = other;
	}
}
EXPORT_SYMBOL_IF_KUNIT(tern_ofo_block);

/**
 * tern_ofo_purge() - empty the tree
 * @root: the out-of-order tree
 * @freed: every segment is moved here
 */
void tern_ofo_purge(struct rb_root *root, struct sk_buff_head *freed)
{
	struct sk_buff *skb;

	while ((skb = tern_ofo_node(rb_first(root)))) {
		rb_erase(&skb->rbnode, root);
		__skb_queue_tail(freed, skb);
	}
}
EXPORT_SYMBOL_IF_KUNIT(tern_ofo_purge);

static bool tern_blocks_overlap(const struct tern_sack_block *a,
				const struct tern_sack_block *b)
{
	return !tern_seq_after(a->start, b->end) && !tern_seq_after(b->start, a->end);
}

/**
 * tern_sack_update() - report @newest first, then older blocks it left
 * @sacks: the blocks, most recent first; TERN_MAX_SACK_BLOCKS entries
 * @nr: how many are valid
 * @newest: the run that just changed
 *
 * Return: the new number of valid blocks.
 */
unsigned int tern_sack_update(struct tern_sack_block *sacks, unsigned int nr,
			      const struct tern_sack_block *newest)
{
	struct tern_sack_block out[TERN_MAX_SACK_BLOCKS];
	unsigned int i, n = 0;

	out[n++] = *newest;
	for (i = 0; i < nr && n < TERN_MAX_SACK_BLOCKS; i++)
		if (!tern_blocks_overlap(&sacks[i], newest))
			out[n++] = sacks[i];
	memcpy(sacks, out, n * sizeof(*sacks));
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(tern_sack_update);

/**
 * tern_sack_trim() - forget blocks that rcv_nxt has passed
 * @sacks: the blocks
 * @nr: how many are valid
 * @rcv_nxt: the next sequence number expected
 *
 * Return: the new number of valid blocks.
 */
unsigned int tern_sack_trim(struct tern_sack_block *sacks, unsigned int nr,
			    u32 rcv_nxt)
{
	unsigned int i, n = 0;

	for (i = 0; i < nr; i++)
		if (tern_seq_after(sacks[i].end, rcv_nxt))
			sacks[n++] = sacks[i];
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(tern_sack_trim);
