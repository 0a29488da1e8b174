// SPDX-License-Identifier: GPL-2.0
/*
 * Reassembly. Segments that arrive beyond rcv_nxt wait in an rbtree keyed
 * by sequence number. A duplicate is refused, a segment that covers
 * queued ones replaces them, and one overlapping the next loses its tail;
 * the head of one overlapping the segment before it stays, for the reader
 * to skip: no byte reaches the reader twice. When rcv_nxt catches up, they
 * leave the tree in order. The SACK blocks we report describe the tree's
 * contiguous runs, the most recently changed first (RFC 2018).
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
 * A segment may overlap the end of the one before it: its head is never
 * cut (pskb_pull() would copy a paged skb's data under GFP_ATOMIC), and
 * the reader skips what it already has, as with TCP's queue. Both the
 * starts and the ends of the tree's segments increase strictly.
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
	u32 prev_end = 0;

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
	first = rb_first(root);
	if (prev) {
		prev_end = TERN_SKB_CB(prev)->end_seq;
		if (!tern_seq_before(prev_end, cb->end_seq))
			return false;	/* nothing new */
		/* Starting where ours starts, it is covered by ours. */
		first = TERN_SKB_CB(prev)->seq == cb->seq ? &prev->rbnode :
			rb_next(&prev->rbnode);
	}
	/* Trim ours against the first queued segment it does not cover, before
	 * anything leaves the tree: a failure must leave the tree as it was.
	 */
	for (node = first; (next = tern_ofo_node(node)); node = rb_next(node)) {
		const struct tern_skb_cb *ncb = TERN_SKB_CB(next);

		if (!tern_seq_after(cb->end_seq, ncb->seq))
			break;
		if (!tern_seq_before(cb->end_seq, ncb->end_seq))
			continue;
		/* What would be left of ours, the one before holds. */
		if (prev && !tern_seq_after(ncb->seq, prev_end))
			return false;
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
 * Return: a segment holding @rcv_nxt, removed from the tree (it may begin
 * before: the reader skips the part it has); NULL if the next one is
 * beyond a hole.
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
		if (tern_seq_after(cb->end_seq, rcv_nxt))
			return skb;
		__skb_queue_tail(freed, skb);
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
	       !tern_seq_before(TERN_SKB_CB(other)->end_seq, block->start)) {
		block->start = TERN_SKB_CB(other)->seq;
		cur = other;
	}
	cur = skb;
	while ((other = tern_ofo_node(rb_next(&cur->rbnode))) &&
	       !tern_seq_after(TERN_SKB_CB(other)->seq, block->end)) {
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

/**
 * tern_ofo_take_last() - take the highest segment out, to make room
 * @root: the out-of-order tree
 * @above: only a segment starting after this sequence number goes
 *
 * Return: the segment, now the caller's to free, or NULL.
 */
struct sk_buff *tern_ofo_take_last(struct rb_root *root, u32 above)
{
	struct sk_buff *skb = tern_ofo_node(rb_last(root));

	if (!skb || !tern_seq_after(TERN_SKB_CB(skb)->seq, above))
		return NULL;
	rb_erase(&skb->rbnode, root);
	return skb;
}
EXPORT_SYMBOL_IF_KUNIT(tern_ofo_take_last);

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
