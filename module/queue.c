// SPDX-License-Identifier: GPL-2.0
/*
 * Surgery on the send queues: charging their skbs to the socket, cutting
 * a queued skb in two, trimming acknowledged bytes off its head, and the
 * segment count (and GSO fields) of a multi-segment skb.
 *
 * Data segments live on two queues: sk_write_queue holds what was never
 * sent, tern_sock.rtx_queue what was sent and is not yet acknowledged.
 */
#include <kunit/visibility.h>
#include <linux/sizes.h>
#include <linux/skbuff.h>

#include "ack.h"
#include "netns.h"
#include "offload.h"
#include "queue.h"
#include "sock.h"

/**
 * tern_charge_skb() - account a new send-side skb to the socket
 * @sk: the socket
 * @skb: an skb about to join the send queues
 */
void tern_charge_skb(struct sock *sk, struct sk_buff *skb)
{
	/* Best effort: a control segment must go out even over the limit. */
	sk_wmem_schedule(sk, skb->truesize);
	sk_wmem_queued_add(sk, skb->truesize);
	sk_mem_charge(sk, skb->truesize);
}
EXPORT_SYMBOL_IF_KUNIT(tern_charge_skb);

/**
 * tern_purge_write_queues() - drop everything waiting to be sent or acked
 * @sk: the socket
 */
void tern_purge_write_queues(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(&sk->sk_write_queue)))
		tern_wmem_free_skb(sk, skb);
	while ((skb = __skb_dequeue(&tp->rtx_queue)))
		tern_wmem_free_skb(sk, skb);
	tp->packets_out = 0;
	tp->sacked_out = 0;
	tp->lost_out = 0;
	tp->retrans_out = 0;
	sk_mem_reclaim(sk);
}

/**
 * tern_set_pcount() - how many segments of @mss @skb stands for
 * @sk: the socket
 * @skb: a send-side skb; never one whose header a clone below us shares
 * @mss: the segment size
 *
 * Sets tern_skb_cb.pcount, and the GSO fields that have IP (or Tern's
 * callback) cut the skb into those segments.
 */
void tern_set_pcount(struct sock *sk, struct sk_buff *skb, u32 mss)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);
	u32 pcount = skb->len > mss ? DIV_ROUND_UP(skb->len, mss) : 1;

	TERN_SKB_CB(skb)->pcount = pcount;
	if (pcount > 1 && sk->sk_gso_type) {
		tern_skb_set_mss(skb, mss, pcount);
	} else {
		shinfo->gso_size = 0;
		shinfo->gso_segs = 0;
		shinfo->gso_type = 0;
	}
}
EXPORT_SYMBOL_IF_KUNIT(tern_set_pcount);

/* Make @skb's header ours alone, keeping the socket's memory charge in
 * step with any change of its size.
 */
static int tern_unclone(struct sock *sk, struct sk_buff *skb, gfp_t gfp)
{
	unsigned int truesize = skb->truesize;
	int delta;

	if (skb_unclone(skb, gfp))
		return -ENOMEM;
	delta = skb->truesize - truesize;
	if (delta) {
		sk_wmem_queued_add(sk, delta);
		if (delta > 0)
			sk_mem_charge(sk, delta);
		else
			sk_mem_uncharge(sk, -delta);
	}
	return 0;
}

/**
 * tern_fragment() - split a queued segment after @len bytes of payload
 * @sk: the socket, locked
 * @queue: the queue @skb is on; the tail piece goes right after it
 * @skb: a data segment, its payload in page fragments
 * @len: payload bytes to keep, less than the segment's
 * @gfp: allocation context
 *
 * The tail piece takes the FIN and PSH flags and, on the retransmit queue,
 * the same loss and retransmission marks (the counters follow).
 *
 * A peer's SACK blocks can ask for a cut at every small segment: as TCP
 * does since CVE-2019-11478, the retransmit queue's cuts stop when the
 * send queues hold twice the send buffer and 2 MB more (but for its head
 * and tail, which progress needs), or the memory is not there.
 *
 * Return: 0, -EINVAL, or -ENOMEM.
 */
int tern_fragment(struct sock *sk, struct sk_buff_head *queue,
		  struct sk_buff *skb, u32 len, gfp_t gfp)
{
	struct tern_skb_cb *cb = TERN_SKB_CB(skb), *ncb;
	struct tern_sock *tp = tern_sk(sk);
	u32 nlen = skb->len - len;
	struct sk_buff *buff;

	if (!len || len >= skb->len || skb_headlen(skb))
		return -EINVAL;
	if (queue == &tp->rtx_queue && skb != skb_peek(queue) &&
	    skb != skb_peek_tail(queue) &&
	    ((READ_ONCE(sk->sk_wmem_queued) >> 1) > READ_ONCE(sk->sk_sndbuf) + SZ_2M ||
	     !sk_wmem_schedule(sk, SKB_TRUESIZE(0)))) {
		tern_stat_inc(sock_net(sk), TERN_STAT_QUEUE_TOO_BIG);
		return -ENOMEM;
	}
	/* A clone may still be below us: the fragment array is shared. */
	if (tern_unclone(sk, skb, gfp))
		return -ENOMEM;
	buff = alloc_skb_fclone(TERN_MAX_HEADER, gfp);
	if (!buff)
		return -ENOMEM;
	skb_reserve(buff, TERN_MAX_HEADER);
	buff->ip_summed = skb->ip_summed;
	tern_charge_skb(sk, buff);
	/* The moved fragments take their share of the memory charge along. */
	skb_split(skb, buff, len);
	buff->truesize += nlen;
	skb->truesize -= nlen;

	ncb = TERN_SKB_CB(buff);
	*ncb = *cb;
	ncb->seq = cb->seq + len;
	cb->end_seq = ncb->seq;
	cb->flags &= ~(TERN_FLAG_FIN | TERN_FLAG_PSH);
	__skb_queue_after(queue, skb, buff);

	if (queue == &tp->rtx_queue) {
		/* Cut where it was cut when sent: the pieces' segments are
		 * the ones already counted, unless the split is not on a
		 * segment boundary.
		 */
		u32 mss = tern_skb_mss(skb) ? : tp->mss_cache;
		int pcount = cb->pcount;

		tern_set_pcount(sk, skb, mss);
		tern_set_pcount(sk, buff, mss);
		tern_scoreboard_adjust(tp, cb->sacked,
				       cb->pcount + ncb->pcount - pcount);
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tern_fragment);

/**
 * tern_trim_head() - drop acknowledged payload from a queued segment
 * @sk: the socket, locked
 * @skb: a data segment on the retransmit queue, payload in fragments
 * @len: payload bytes the peer acknowledged: less than the segment's,
 *	or all of it where the FIN is not acknowledged yet
 *
 * The rest stays queued, its segment count recomputed and the
 * scoreboard settled.
 *
 * Return: how many segments fewer the skb stands for, or -EINVAL or
 * -ENOMEM (the skb is left as it was).
 */
int tern_trim_head(struct sock *sk, struct sk_buff *skb, u32 len)
{
	struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	struct skb_shared_info *shinfo;
	int i, kept = 0, pcount = cb->pcount;
	u32 eat = len;

	/* All of the payload may go only where a FIN stays behind. */
	if (!len || len > skb->len || skb_headlen(skb) ||
	    (len == skb->len && !(cb->flags & TERN_FLAG_FIN)))
		return -EINVAL;
	/* A clone may still be below us: the fragment array is shared. */
	if (tern_unclone(sk, skb, GFP_ATOMIC))
		return -ENOMEM;
	shinfo = skb_shinfo(skb);
	for (i = 0; i < shinfo->nr_frags; i++) {
		skb_frag_t *frag = &shinfo->frags[i];
		u32 size = skb_frag_size(frag);

		if (eat >= size) {
			put_page(skb_frag_page(frag));
			eat -= size;
			continue;
		}
		shinfo->frags[kept] = *frag;
		if (eat) {
			skb_frag_off_add(&shinfo->frags[kept], eat);
			skb_frag_size_sub(&shinfo->frags[kept], eat);
			eat = 0;
		}
		kept++;
	}
	shinfo->nr_frags = kept;
	skb->len -= len;
	skb->data_len -= len;
	skb->truesize -= len;
	sk_wmem_queued_add(sk, -len);
	sk_mem_uncharge(sk, len);
	cb->seq += len;
	tern_set_pcount(sk, skb, tern_skb_mss(skb) ? : tern_sk(sk)->mss_cache);
	tern_scoreboard_adjust(tern_sk(sk), cb->sacked, cb->pcount - pcount);
	return pcount - cb->pcount;
}
EXPORT_SYMBOL_IF_KUNIT(tern_trim_head);

/**
 * tern_fit_mss() - cut a queued skb down to one segment of the MSS
 * @sk: the socket, locked
 * @queue: the queue @skb is on; the rest follows it there
 * @skb: the skb: a multi-segment one, or one queued before the path MTU
 *	shrank
 *
 * Return: 0, or -ENOMEM (the skb is left whole).
 */
int tern_fit_mss(struct sock *sk, struct sk_buff_head *queue,
		 struct sk_buff *skb)
{
	u32 mss = tern_sk(sk)->mss_cache;

	if (skb->len <= mss)
		return 0;
	return tern_fragment(sk, queue, skb, mss, GFP_ATOMIC);
}
EXPORT_SYMBOL_IF_KUNIT(tern_fit_mss);

