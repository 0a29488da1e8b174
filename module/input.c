// SPDX-License-Identifier: GPL-2.0
/*
 * The receive path. tern_v4_rcv() validates every segment before anything
 * trusts it, finds its socket and hands it on: to a TIME_WAIT entry, a
 * request socket, a listener, or (under the socket lock, or through the
 * backlog) to tern_rcv(), which checks the segment against the connection
 * as RFC 793 does, with RFC 5961's defences, and raises state table events
 * in order: RST, SYN, ACK, then data and FIN.
 */
#include <net/icmp.h>
#include <net/inet_hashtables.h>
#include <net/ip.h>
#include <net/route.h>

#include "ack.h"
#include "autotune.h"
#include "hash.h"
#include "input.h"
#include "main.h"
#include "netns.h"
#include "output.h"
#include "reasm.h"
#include "reply.h"
#include "request.h"
#include "seq.h"
#include "sock.h"
#include "state.h"
#include "timer.h"
#include "timewait.h"
#include "trace.h"

/* Check what can be checked without a socket. Returns 0 when the segment
 * is well formed, otherwise the counter that names the reason.
 */
static enum tern_stat tern_validate(struct sk_buff *skb)
{
	struct tern_options opt;
	const struct ternhdr *th;
	unsigned int hlen;

	if (!pskb_may_pull(skb, TERN_HDR_LEN))
		return TERN_STAT_DROP_SHORT;
	th = tern_hdr(skb);
	hlen = tern_hdr_len(th);
	if (hlen < TERN_HDR_LEN || hlen > TERN_MAX_HDR_LEN || hlen > skb->len)
		return TERN_STAT_DROP_BAD_OFFSET;
	if (!pskb_may_pull(skb, hlen))
		return TERN_STAT_DROP_SHORT;

	if (skb_checksum_init(skb, tern_ipproto, inet_compute_pseudo) ||
	    skb_checksum_complete(skb))
		return TERN_STAT_DROP_BAD_CSUM;

	th = tern_hdr(skb);
	if (!tern_flags_valid(th->flags))
		return TERN_STAT_DROP_BAD_FLAGS;
	if (!th->source || !th->dest)
		return TERN_STAT_DROP_BAD_PORT;
	if (tern_parse_options(th, &opt))
		return TERN_STAT_DROP_BAD_OPTION;
	return 0;
}

/* The control block from the header; SYN and FIN count in the sequence. */
static void tern_fill_cb(struct sk_buff *skb)
{
	const struct ternhdr *th = tern_hdr(skb);
	struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	u32 payload = skb->len - tern_hdr_len(th);

	cb->seq = ntohl(th->seq);
	cb->end_seq = cb->seq + payload + !!(th->flags & TERN_FLAG_SYN) +
		      !!(th->flags & TERN_FLAG_FIN);
	cb->ack_seq = ntohl(th->ack_seq);
	cb->window = ntohl(th->window);
	cb->flags = th->flags;
	cb->sacked = 0;
	cb->sent_us = 0;
}

static bool tern_has(const struct sk_buff *skb, u8 flag)
{
	return TERN_SKB_CB(skb)->flags & flag;
}

/* Is [seq, end_seq) acceptable (RFC 793 3.3, as TCP implements it): does
 * it reach rcv_nxt and start within the window we advertised?
 */
static bool tern_seq_acceptable(const struct sock *sk, u32 seq, u32 end_seq)
{
	const struct tern_sock *tp = tern_sk(sk);

	return !tern_seq_before(end_seq, tp->rcv_nxt) &&
	       !tern_seq_after(seq, tp->rcv_nxt + tern_receive_window(sk));
}

/* Memory for one more received segment, as long as the buffer holds. */
static bool tern_rmem_ok(struct sock *sk, struct sk_buff *skb)
{
	int rcvbuf = READ_ONCE(sk->sk_rcvbuf);

	if (atomic_read(&sk->sk_rmem_alloc) + skb->truesize > rcvbuf + rcvbuf / 2 ||
	    !sk_rmem_schedule(sk, skb, skb->truesize)) {
		tern_stat_inc(sock_net(sk), TERN_STAT_DROP_RCVBUF);
		return false;
	}
	return true;
}

static void tern_free_list(struct sk_buff_head *list)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(list)))
		kfree_skb(skb);
}

/* An in-order segment joins the receive queue, merged into the tail one
 * when possible so that small segments do not eat the buffer.
 */
static void tern_queue_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct sk_buff *tail = skb_peek_tail(&sk->sk_receive_queue);
	struct tern_sock *tp = tern_sk(sk);
	u32 payload = tern_skb_payload(skb);
	bool fragstolen;
	int delta;

	tp->rcv_nxt = TERN_SKB_CB(skb)->seq + payload;
	tp->bytes_received += payload;
	if (!payload) {
		kfree_skb(skb);
		return;
	}
	if (tail && skb_try_coalesce(tail, skb, &fragstolen, &delta)) {
		TERN_SKB_CB(tail)->end_seq = tp->rcv_nxt;
		atomic_add(delta, &sk->sk_rmem_alloc);
		sk_mem_charge(sk, delta);
		kfree_skb_partial(skb, fragstolen);
		return;
	}
	TERN_SKB_CB(skb)->end_seq = tp->rcv_nxt;
	skb_set_owner_r(skb, sk);
	__skb_queue_tail(&sk->sk_receive_queue, skb);
}

/* The peer's FIN arrived in order. */
static void tern_fin(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct sk_buff_head freed;

	tp->rcv_nxt++;
	WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | RCV_SHUTDOWN);
	sock_set_flag(sk, SOCK_DONE);
	__skb_queue_head_init(&freed);
	tern_ofo_purge(&tp->ooo_queue, &freed);
	tern_free_list(&freed);
	tp->ooo_segs = 0;
	tp->num_sacks = 0;
	if (!sock_flag(sk, SOCK_DEAD)) {
		sk->sk_state_change(sk);
		if (sk->sk_shutdown == SHUTDOWN_MASK || sk->sk_state == TCP_CLOSE)
			sk_wake_async(sk, SOCK_WAKE_WAITD, POLL_HUP);
		else
			sk_wake_async(sk, SOCK_WAKE_WAITD, POLL_IN);
	}
	tern_sm_step(sk, TERN_EV_RCV_FIN);
}

/* Move whatever the out-of-order queue now holds in order. Returns true
 * when a FIN came along.
 */
static bool tern_ofo_drain(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct sk_buff_head freed;
	struct sk_buff *skb;
	bool fin = false;

	__skb_queue_head_init(&freed);
	while (!fin && (skb = tern_ofo_pop(&tp->ooo_queue, tp->rcv_nxt, &freed))) {
		tp->ooo_segs--;
		fin = tern_has(skb, TERN_FLAG_FIN);
		tern_queue_rcv(sk, skb);
	}
	tp->ooo_segs -= skb_queue_len(&freed);
	tern_free_list(&freed);
	tp->num_sacks = tern_sack_trim(tp->sacks, tp->num_sacks, tp->rcv_nxt);
	return fin;
}

/* RFC 2883: tell the sender it sent [seq, end) twice; if it retransmitted
 * that, the retransmission was needless (reordering, not loss).
 */
static void tern_dsack(struct sock *sk, u32 seq, u32 end)
{
	struct tern_sock *tp = tern_sk(sk);

	if (!tp->sack_ok || !tern_seq_before(seq, end))
		return;
	tp->dsack.start = seq;
	tp->dsack.end = end;
	tp->dsack_pending = 1;
	tern_stat_inc(sock_net(sk), TERN_STAT_DSACKS_SENT);
}

static void tern_ofo_queue(struct sock *sk, struct sk_buff *skb)
{
	struct tern_sock *tp = tern_sk(sk);
	struct tern_sack_block block;
	struct sk_buff_head freed;

	__skb_queue_head_init(&freed);
	skb_set_owner_r(skb, sk);
	if (!tern_ofo_insert(&tp->ooo_queue, skb, &freed)) {
		tp->dup_segs_in++;
		tern_stat_inc(sock_net(sk), TERN_STAT_DUP_SEGS);
		tern_dsack(sk, TERN_SKB_CB(skb)->seq,
			   TERN_SKB_CB(skb)->seq + tern_skb_payload(skb));
		kfree_skb(skb);
		return;
	}
	tp->ooo_segs += 1 - skb_queue_len(&freed);
	tern_free_list(&freed);
	tern_stat_inc(sock_net(sk), TERN_STAT_OFO_SEGS);
	tern_ofo_block(&tp->ooo_queue, skb, &block);
	tp->num_sacks = tern_sack_update(tp->sacks, tp->num_sacks, &block);
}

/* Data (and FIN) of an acceptable segment. Consumes @skb. */
static void tern_data_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	struct tern_sock *tp = tern_sk(sk);
	u32 payload = tern_skb_payload(skb), seg_len;
	bool fin = cb->flags & TERN_FLAG_FIN;

	if (!tern_seq_after(cb->end_seq, tp->rcv_nxt)) {
		/* All old: a retransmission; the peer needs our ACK again. */
		if (fin && sock_flag(sk, SOCK_DONE)) {
			tern_sm_step(sk, TERN_EV_RCV_FIN);
		} else {
			tp->dup_segs_in++;
			tern_stat_inc(sock_net(sk), TERN_STAT_DUP_SEGS);
			tern_dsack(sk, cb->seq, cb->seq + payload);
			tern_send_ack(sk);
		}
		goto drop;
	}
	/* Nothing may follow the peer's FIN. */
	if (sock_flag(sk, SOCK_DONE))
		goto drop;
	/* Nobody will read it (closed, or shut for reading): data the
	 * sender believes delivered would be lost. RFC 1122 4.2.2.13: reset.
	 */
	if ((READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN) && payload &&
	    ((1 << sk->sk_state) & (TCPF_FIN_WAIT1 | TCPF_FIN_WAIT2))) {
		tern_stat_inc(sock_net(sk), TERN_STAT_ABORT_ON_DATA);
		tern_sm_step(sk, TERN_EV_ABORT);
		goto drop;
	}
	/* A GSO skb from a software device stands for gso_size segments. */
	seg_len = skb_shinfo(skb)->gso_size ? : payload;
	if (seg_len > tp->rcv_mss)
		tp->rcv_mss = min(seg_len, payload);
	skb_dst_drop(skb);
	if (!tern_rmem_ok(sk, skb)) {
		tern_send_ack(sk);
		goto drop;
	}
	tp->ack_pending = 1;
	if (tern_seq_after(cb->seq, tp->rcv_nxt)) {
		tern_ofo_queue(sk, skb);
		/* Tell the sender at once: duplicate ACKs drive its recovery. */
		tp->quickacks = max_t(u8, tp->quickacks, 2);
		tern_send_ack(sk);
		return;
	}
	if (tern_seq_before(cb->seq, tp->rcv_nxt)) {
		/* Partly old: keep only the new part. */
		if (!pskb_pull(skb, tp->rcv_nxt - cb->seq))
			goto drop;
		cb->seq = tp->rcv_nxt;
	}
	tern_queue_rcv(sk, skb);
	tern_rcv_rtt_measure(sk);
	if (!RB_EMPTY_ROOT(&tp->ooo_queue)) {
		fin |= tern_ofo_drain(sk);
		/* A hole just filled: acknowledge it now. */
		tp->quickacks = max_t(u8, tp->quickacks, 1);
	}
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_data_ready(sk);
	if (fin)
		tern_fin(sk);
	return;
drop:
	kfree_skb(skb);
}

/* Acknowledge now, or within the delayed-ACK time (RFC 1122 4.2.3.2: at
 * least every second full segment, never later than 500 ms).
 */
static void tern_ack_snd_check(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	u32 unacked = tp->rcv_nxt - tp->rcv_wup;

	if (!tp->ack_pending || sk->sk_state == TCP_CLOSE)
		return;
	if (tp->quickacks || unacked >= 2 * max(tp->rcv_mss, 1U) ||
	    (sk->sk_shutdown & RCV_SHUTDOWN)) {
		tern_send_ack(sk);
		return;
	}
	tern_schedule_delack(sk, msecs_to_jiffies(tern_sysctl(sock_net(sk))->delack_ms));
}

/* The peer's SYN: its sequence numbers, MSS and SACK support. */
static void tern_take_peer_syn(struct sock *sk, const struct sk_buff *skb,
			       const struct tern_options *opt)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	struct tern_sock *tp = tern_sk(sk);

	tp->irs = cb->seq;
	tp->rcv_nxt = cb->seq + 1;
	tp->copied_seq = tp->rcv_nxt;
	tp->rcv_wup = tp->rcv_nxt;
	tp->snd_wl1 = cb->seq;
	tp->snd_wnd = min_t(u32, cb->window, TERN_MAX_WINDOW);
	tp->max_window = tp->snd_wnd;
	tp->peer_mss = opt->mss ? : TERN_DEFAULT_MSS;
	tp->sack_ok = tp->sack_ok && opt->sack_perm;
	tern_sync_mss(sk, inet_csk(sk)->icsk_pmtu_cookie);
}

/* RFC 793 3.9, SYN-SENT. */
static void tern_rcv_syn_sent(struct sock *sk, struct sk_buff *skb,
			      const struct tern_options *opt)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	struct tern_sock *tp = tern_sk(sk);
	bool has_ack = tern_has(skb, TERN_FLAG_ACK);

	if (has_ack && cb->ack_seq != tp->snd_nxt) {
		if (!tern_has(skb, TERN_FLAG_RST))
			tern_reply_reset(sock_net(sk), skb);
		goto drop;
	}
	if (tern_has(skb, TERN_FLAG_RST)) {
		if (has_ack) {
			tern_stat_inc(sock_net(sk), TERN_STAT_IN_RSTS);
			trace_tern_receive_reset(sk);
			tern_sm_step(sk, TERN_EV_RCV_RST);
		}
		goto drop;
	}
	if (!tern_has(skb, TERN_FLAG_SYN)) {
		/* Validation let only ACK-bearing segments this far. */
		tern_sm_step(sk, TERN_EV_RCV_ACK);
		goto drop;
	}
	tern_take_peer_syn(sk, skb, opt);
	if (has_ack) {
		/* Our SYN is acknowledged: it leaves the retransmit queue. */
		tern_ack(sk, skb, opt);
		tern_sm_step(sk, TERN_EV_RCV_SYNACK);
		tern_push_pending(sk);
	} else {
		tern_sm_step(sk, TERN_EV_RCV_SYN);
	}
drop:
	kfree_skb(skb);
}

/* RFC 5961: a RST only counts when it is exactly where we expect. */
static void tern_rcv_rst(struct sock *sk, const struct sk_buff *skb)
{
	if (TERN_SKB_CB(skb)->seq != tern_sk(sk)->rcv_nxt) {
		tern_send_challenge_ack(sk);
		return;
	}
	tern_stat_inc(sock_net(sk), TERN_STAT_IN_RSTS);
	trace_tern_receive_reset(sk);
	tern_sm_step(sk, TERN_EV_RCV_RST);
}

/* A SYN on a synchronized connection: the peer's SYN+ACK again (our ACK
 * of it was lost, or this is simultaneous open), or a suspicious SYN.
 */
static void tern_rcv_sync_syn(struct sock *sk, struct sk_buff *skb,
			      const struct tern_options *opt)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	struct tern_sock *tp = tern_sk(sk);

	if (tern_has(skb, TERN_FLAG_ACK) && cb->seq == tp->irs &&
	    !tern_seq_after(cb->ack_seq, tp->snd_nxt) &&
	    !tern_seq_before(cb->ack_seq, tp->snd_una)) {
		if (sk->sk_state == TCP_SYN_RECV)
			tern_ack(sk, skb, opt);
		tern_sm_step(sk, TERN_EV_RCV_SYNACK);
		return;
	}
	tern_sm_step(sk, TERN_EV_RCV_SYN);
}

/* The handshake's final ACK on a socket in SYN_RECV. */
static bool tern_rcv_syn_recv_ack(struct sock *sk, struct sk_buff *skb,
				  const struct tern_options *opt)
{
	if (TERN_SKB_CB(skb)->ack_seq != tern_sk(sk)->snd_nxt) {
		tern_reply_reset(sock_net(sk), skb);
		return false;
	}
	tern_ack(sk, skb, opt);
	tern_sm_step(sk, TERN_EV_RCV_ACK);
	return true;
}

/* Every state after SYN_SENT: RFC 793 3.9's "otherwise" steps. */
static void tern_rcv_synchronized(struct sock *sk, struct sk_buff *skb,
				  const struct tern_options *opt)
{
	struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	int flags;

	if (!tern_seq_acceptable(sk, cb->seq, cb->end_seq)) {
		/* Old or beyond the window: ACK, so the peer learns where we are;
		 * old data is a duplicate the peer should hear about.
		 */
		tern_stat_inc(sock_net(sk), TERN_STAT_DROP_OUT_OF_WINDOW);
		if (tern_has(skb, TERN_FLAG_RST))
			goto drop;
		if (tern_skb_payload(skb) &&
		    tern_seq_before(cb->end_seq, tern_sk(sk)->rcv_nxt)) {
			tern_sk(sk)->dup_segs_in++;
			tern_stat_inc(sock_net(sk), TERN_STAT_DUP_SEGS);
			tern_dsack(sk, cb->seq, cb->seq + tern_skb_payload(skb));
		}
		tern_send_ack(sk);
		goto drop;
	}
	if (tern_has(skb, TERN_FLAG_RST)) {
		tern_rcv_rst(sk, skb);
		goto drop;
	}
	if (tern_has(skb, TERN_FLAG_SYN)) {
		tern_rcv_sync_syn(sk, skb, opt);
		goto drop;
	}
	if (sk->sk_state == TCP_SYN_RECV) {
		if (!tern_rcv_syn_recv_ack(sk, skb, opt))
			goto drop;
	} else {
		flags = tern_ack(sk, skb, opt);
		if (flags & TERN_ACK_DROP)
			goto drop;
		if (flags & TERN_ACK_FIN_ACKED) {
			tern_sm_step(sk, TERN_EV_RCV_FIN_ACKED);
			if (sk->sk_state == TCP_CLOSE)
				goto drop;
			if (sk->sk_state == TCP_FIN_WAIT2 && sock_flag(sk, SOCK_DEAD))
				tern_reset_keepalive_timer(sk, tern_fin_timeout(sk));
		}
	}
	if (cb->end_seq != cb->seq)
		tern_data_rcv(sk, skb);
	else
		kfree_skb(skb);
	if (sk->sk_state == TCP_CLOSE)
		return;
	tern_push_pending(sk);
	tern_ack_snd_check(sk);
	return;
drop:
	kfree_skb(skb);
}

/**
 * tern_rcv() - a segment for a full socket
 * @sk: the socket, locked by us (softirq or backlog processing)
 * @skb: the segment, validated, its control block filled in
 *
 * Return: 0; the skb is consumed.
 */
int tern_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct tern_sock *tp = tern_sk(sk);
	struct tern_options opt;

	tp->segs_in += tern_skb_segs(skb);
	tp->rcv_tstamp = tern_jiffies32;
	tern_parse_options(tern_hdr(skb), &opt);
	__skb_pull(skb, tern_hdr_len(tern_hdr(skb)));

	switch (sk->sk_state) {
	case TCP_CLOSE:
	case TCP_LISTEN:
		/* A listener that was closed while this waited in the backlog. */
		if (!tern_has(skb, TERN_FLAG_RST))
			tern_reply_reset(sock_net(sk), skb);
		kfree_skb(skb);
		break;
	case TCP_SYN_SENT:
		tern_rcv_syn_sent(sk, skb, &opt);
		break;
	default:
		tern_rcv_synchronized(sk, skb, &opt);
		break;
	}
	return 0;
}

/* Lock the socket and process @skb, or queue it for release_sock(). */
static void tern_rcv_locked(struct sock *sk, struct sk_buff *skb)
{
	bh_lock_sock_nested(sk);
	if (!sock_owned_by_user(sk)) {
		tern_rcv(sk, skb);
	} else if (sk_add_backlog(sk, skb, READ_ONCE(sk->sk_rcvbuf) +
					   READ_ONCE(sk->sk_sndbuf))) {
		tern_stat_inc(sock_net(sk), TERN_STAT_DROP_BACKLOG);
		kfree_skb(skb);
	}
	bh_unlock_sock(sk);
}

/**
 * tern_v4_rcv() - IP's entry point for every Tern segment
 * @skb: the segment, its data at the Tern header
 *
 * Return: 0; the skb is always consumed.
 */
int tern_v4_rcv(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);
	const struct ternhdr *th;
	enum tern_stat why;
	bool refcounted;
	struct sock *sk;

	if (skb->pkt_type != PACKET_HOST) {
		why = TERN_STAT_DROP_NOT_HOST;
		goto bad;
	}
	why = tern_validate(skb);
	if (why)
		goto bad;
	/* Carried whole from a sender's GSO by a software device: it
	 * counts as the segments it stands for, as TCP counts them.
	 */
	if (skb_is_gso(skb))
		tern_stat_inc(net, TERN_STAT_IN_GSO);
	tern_stat_add(net, TERN_STAT_IN_SEGS, tern_skb_segs(skb));
	tern_fill_cb(skb);
	th = tern_hdr(skb);

	sk = __inet_lookup_skb(&tern_hashinfo, skb, tern_hdr_len(th), th->source,
			       th->dest, inet_sdif(skb), &refcounted);
	if (!sk) {
		/* No socket is the CLOSED state's row of the table. */
		tern_stat_inc(net, TERN_STAT_NO_SOCKET);
		if (tern_sm_lookup(TCP_CLOSE, tern_segment_event(th->flags)).action ==
		    TERN_ACT_SEND_RST)
			tern_reply_reset(net, skb);
		kfree_skb(skb);
		return 0;
	}
	if (sk->sk_state == TCP_TIME_WAIT) {
		tern_tw_rcv(inet_twsk(sk), skb);
		return 0;
	}
	if (sk->sk_state == TCP_NEW_SYN_RECV) {
		tern_req_rcv(inet_reqsk(sk), skb);
		return 0;
	}
	if (sk->sk_state == TCP_LISTEN) {
		/* Listeners take SYNs without the socket lock, as TCP's do. */
		tern_listen_rcv(sk, skb);
	} else {
		tern_rcv_locked(sk, skb);
	}
	if (refcounted)
		sock_put(sk);
	return 0;

bad:
	tern_stat_inc(net, TERN_STAT_IN_ERRS);
	tern_stat_inc(net, why);
	kfree_skb(skb);
	return 0;
}

/**
 * tern_mtu_reduced() - the path MTU shrank (ICMP "fragmentation needed")
 * @sk: the socket, locked, not owned by the user
 *
 * Segments sent from now on fit the new MTU; those in flight and lost
 * are cut to size when they are retransmitted.
 */
void tern_mtu_reduced(struct sock *sk)
{
	struct dst_entry *dst;

	if ((1 << sk->sk_state) & (TCPF_LISTEN | TCPF_CLOSE))
		return;
	dst = inet_csk_update_pmtu(sk, READ_ONCE(tern_sk(sk)->mtu_info));
	if (dst && dst_mtu(dst) < inet_csk(sk)->icsk_pmtu_cookie)
		tern_sync_mss(sk, dst_mtu(dst));
}

/**
 * tern_v4_err() - ICMP errors about segments we sent
 * @skb: the ICMP message, its data at the quoted IP header's payload
 * @info: ICMP information (the next-hop MTU for "fragmentation needed")
 *
 * A smaller path MTU shrinks the segment size; an unreachable destination
 * fails a connection that is still opening, and is remembered as a soft
 * error otherwise (RFC 1122 4.2.3.9).
 *
 * Return: 0, or -ENOENT when no socket matches.
 */
int tern_v4_err(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	const struct ternhdr *th = (const struct ternhdr *)(skb->data + (iph->ihl << 2));
	const int type = icmp_hdr(skb)->type, code = icmp_hdr(skb)->code;
	struct net *net = dev_net(skb->dev);
	struct sock *sk;
	int err;

	sk = __inet_lookup_established(net, &tern_hashinfo, iph->daddr, th->dest,
				       iph->saddr, ntohs(th->source),
				       inet_iif(skb), 0);
	if (!sk)
		return -ENOENT;
	if (sk->sk_state == TCP_TIME_WAIT) {
		inet_twsk_put(inet_twsk(sk));
		return 0;
	}
	if (sk->sk_state == TCP_NEW_SYN_RECV) {
		reqsk_put(inet_reqsk(sk));
		return 0;
	}
	bh_lock_sock(sk);
	/* RFC 5927: only an error about data in flight is believable. */
	if (sk->sk_state != TCP_LISTEN &&
	    !tern_seq_between(ntohl(th->seq), tern_sk(sk)->snd_una,
			      tern_sk(sk)->snd_nxt))
		goto out;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) {
		if (sk->sk_state == TCP_LISTEN)
			goto out;
		WRITE_ONCE(tern_sk(sk)->mtu_info, info);
		if (!sock_owned_by_user(sk))
			tern_mtu_reduced(sk);
		else if (!test_and_set_bit(TERN_MTU_REDUCED_DEFERRED,
					   &tern_sk(sk)->deferred))
			sock_hold(sk);
		goto out;
	}
	if (type == ICMP_DEST_UNREACH) {
		if (code > NR_ICMP_UNREACH || !icmp_err_convert[code].fatal)
			goto out;
		err = icmp_err_convert[code].errno;
	} else if (type == ICMP_TIME_EXCEEDED) {
		err = EHOSTUNREACH;
	} else {
		goto out;
	}
	if (sk->sk_state == TCP_SYN_SENT && !sock_owned_by_user(sk)) {
		WRITE_ONCE(sk->sk_err, err);
		sk_error_report(sk);
		tern_purge_write_queues(sk);
		tern_done(sk);
	} else {
		WRITE_ONCE(sk->sk_err_soft, err);
	}
out:
	bh_unlock_sock(sk);
	sock_put(sk);
	return 0;
}
