// SPDX-License-Identifier: GPL-2.0
/*
 * The receive path. tern_ip_rcv() validates every segment before anything
 * trusts it, finds its socket and hands it on: to a TIME_WAIT entry, a
 * request entry, a listener, or (under the socket lock, or through the
 * backlog) to tern_rcv(), which checks the segment against the connection
 * as RFC 793 does, with RFC 5961's defences, and raises state table events
 * in order: RST, SYN, ACK, then data and FIN.
 */
#include <linux/filter.h>
#include <linux/netfilter.h>
#include <net/icmp.h>
#include <net/ip6_checksum.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/xfrm.h>

#include "ack.h"
#include "autotune.h"
#include "delack.h"
#include "input.h"
#include "ipv6.h"
#include "main.h"
#include "netns.h"
#include "offload.h"
#include "output.h"
#include "reasm.h"
#include "reply.h"
#include "request.h"
#include "seq.h"
#include "sock.h"
#include "state.h"
#include "statetable.h"
#include "table.h"
#include "timer.h"
#include "timewait.h"
#include "trace.h"
#include "window.h"

/* The pseudo-header's sum for a received segment, of its IP version. */
static __wsum tern_compute_pseudo(struct sk_buff *skb, int proto)
{
	if (ip_hdr(skb)->version == 4)
		return inet_compute_pseudo(skb, proto);
	return ip6_compute_pseudo(skb, proto);
}

/* An IPv6 segment from or to a v4-mapped address: no IPv6 peer has one,
 * and the tables would take it for IPv4 (as TCP, drop it).
 */
static bool tern_ipv6_mapped(const struct sk_buff *skb)
{
	return ip_hdr(skb)->version == 6 &&
	       (ipv6_addr_v4mapped(&ipv6_hdr(skb)->saddr) ||
		ipv6_addr_v4mapped(&ipv6_hdr(skb)->daddr));
}

/* Check what can be checked without a socket. Returns 0 when the segment
 * is well formed, otherwise the counter that names the reason.
 */
static enum tern_stat tern_validate(struct sk_buff *skb)
{
	struct tern_options opt;
	const struct ternhdr *th;
	unsigned int hlen;

	if (tern_ipv6_mapped(skb))
		return TERN_STAT_DROP_MAPPED;
	if (!pskb_may_pull(skb, TERN_HDR_LEN))
		return TERN_STAT_DROP_SHORT;
	th = tern_hdr(skb);
	hlen = tern_hdr_len(th);
	if (hlen < TERN_HDR_LEN || hlen > TERN_MAX_HDR_LEN || hlen > skb->len)
		return TERN_STAT_DROP_BAD_OFFSET;
	if (!pskb_may_pull(skb, hlen))
		return TERN_STAT_DROP_SHORT;

	if (skb_checksum_init(skb, tern_ipproto, tern_compute_pseudo) ||
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

/* The control block from the header; SYN and FIN count in the sequence.
 * It takes IP's place in skb->cb: the arrival device comes from the
 * caller, read from IP's before.
 */
static void tern_fill_cb(struct sk_buff *skb, int dif, int sdif)
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
	/* The rest of skb->cb is GRO's or IP's leftovers. */
	cb->tw_isn = 0;
	cb->dif = dif;
	cb->sdif = sdif;
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

/* Would @skb fit the receive buffer (with TCP's half again for its
 * overhead), and the protocol's memory?
 */
static bool tern_rmem_fits(struct sock *sk, struct sk_buff *skb)
{
	u64 rcvbuf = READ_ONCE(sk->sk_rcvbuf);

	return atomic_read(&sk->sk_rmem_alloc) + (u64)skb->truesize <=
	       rcvbuf + rcvbuf / 2 && sk_rmem_schedule(sk, skb, skb->truesize);
}

/* Memory for one more received segment: as TCP's tcp_try_rmem_schedule()
 * and tcp_prune_ofo_queue(), out-of-order segments beyond it make room,
 * the highest first, so that tiny segments flooded past a hole, or the
 * protocol's memory running short, cannot keep the hole's own segment
 * out. Their SACK blocks go too; the sender learns again.
 */
static bool tern_rmem_schedule(struct sock *sk, struct sk_buff *skb)
{
	struct tern_sock *tp = tern_sk(sk);
	bool fits = tern_rmem_fits(sk, skb);
	struct sk_buff *victim;
	bool pruned = false;

	while (!fits) {
		victim = tern_ofo_take_last(&tp->ooo_queue, TERN_SKB_CB(skb)->seq);
		if (!victim)
			break;
		tp->ooo_segs--;
		kfree_skb(victim);
		pruned = true;
		fits = tern_rmem_fits(sk, skb);
	}
	if (pruned) {
		tern_stat_inc(sock_net(sk), TERN_STAT_OFO_PRUNED);
		tp->num_sacks = 0;
	}
	if (!fits)
		tern_stat_inc(sock_net(sk), TERN_STAT_DROP_RCVBUF);
	return fits;
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
	u32 end = TERN_SKB_CB(skb)->seq + payload;
	bool fragstolen;
	int delta;

	/* A segment partly old keeps its old head: the reader skips it,
	 * as TCP's does, rather than the skb being linearised to cut it.
	 */
	tp->bytes_received += end - tp->rcv_nxt;
	tp->rcv_nxt = end;
	if (!payload) {
		kfree_skb(skb);
		return;
	}
	if (tail && TERN_SKB_CB(tail)->end_seq == TERN_SKB_CB(skb)->seq &&
	    skb_try_coalesce(tail, skb, &fragstolen, &delta)) {
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
	tern_sm_step(sk, TERN_EV_RCV_FIN, NULL);
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
			tern_sm_step(sk, TERN_EV_RCV_FIN, NULL);
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
		tern_sm_step(sk, TERN_EV_ABORT, NULL);
		goto drop;
	}
	/* A GSO skb from a software device stands for gso_size segments. */
	seg_len = tern_skb_mss(skb) ? : payload;
	if (seg_len > tp->rcv_mss)
		tp->rcv_mss = min(seg_len, payload);
	skb_dst_drop(skb);
	if (!tern_rmem_schedule(sk, skb)) {
		tern_send_ack(sk);
		goto drop;
	}
	tern_delack_data_in(sk, seg_len);
	if (tern_seq_after(cb->seq, tp->rcv_nxt)) {
		tern_ofo_queue(sk, skb);
		/* Tell the sender at once: duplicate ACKs drive its recovery. */
		tp->quickacks = max_t(u8, tp->quickacks, 2);
		tern_send_ack(sk);
		return;
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
	enum tern_event ev = tern_syn_sent_event(cb->flags,
						 cb->ack_seq == tern_sk(sk)->snd_nxt);

	if (ev == TERN_EV_RCV_RST) {
		tern_stat_inc(sock_net(sk), TERN_STAT_IN_RSTS);
		trace_tern_receive_reset(sk);
	}
	if (ev == TERN_EV_RCV_SYN || ev == TERN_EV_RCV_SYNACK)
		tern_take_peer_syn(sk, skb, opt);
	/* Our SYN is acknowledged: it leaves the retransmit queue. */
	if (ev == TERN_EV_RCV_SYNACK)
		tern_ack(sk, skb, opt);
	tern_sm_step(sk, ev, skb);
	if (ev == TERN_EV_RCV_SYNACK && sk->sk_state != TCP_CLOSE)
		tern_push_pending(sk);
}

/* A SYN+ACK that repeats the peer's: its ISN, an ACK we can take. */
static bool tern_syn_dup(const struct sock *sk, const struct sk_buff *skb)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	const struct tern_sock *tp = tern_sk(sk);

	return cb->seq == tp->irs && !tern_seq_after(cb->ack_seq, tp->snd_nxt) &&
	       !tern_seq_before(cb->ack_seq, tp->snd_una);
}

/* RFC 793's first four checks for a synchronized state. */
static enum tern_event tern_sync_check(struct sock *sk, struct sk_buff *skb)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	struct tern_sock *tp = tern_sk(sk);
	bool in_window = tern_seq_acceptable(sk, cb->seq, cb->end_seq);
	enum tern_event ev;

	ev = tern_sync_event(cb->flags, in_window, cb->seq, cb->end_seq, tp->rcv_nxt,
			     tern_syn_dup(sk, skb));
	if (ev == TERN_EV_RCV_OUT_OF_WINDOW || ev == TERN_EV_RCV_BAD_RST)
		tern_stat_inc(sock_net(sk), TERN_STAT_DROP_OUT_OF_WINDOW);
	/* Old data is a duplicate the peer should hear about (D-SACK). */
	if (ev == TERN_EV_RCV_OUT_OF_WINDOW && tern_skb_payload(skb) &&
	    tern_seq_before(cb->end_seq, tp->rcv_nxt)) {
		tp->dup_segs_in++;
		tern_stat_inc(sock_net(sk), TERN_STAT_DUP_SEGS);
		tern_dsack(sk, cb->seq, cb->seq + tern_skb_payload(skb));
	}
	if (ev == TERN_EV_RCV_RST) {
		tern_stat_inc(sock_net(sk), TERN_STAT_IN_RSTS);
		trace_tern_receive_reset(sk);
	}
	/* 793 fifth: an ACK of what we never sent; in SYN-RECEIVED, of
	 * anything but exactly our SYN.
	 */
	if (ev == TERN_EV_RCV_ACK &&
	    (tern_seq_after(cb->ack_seq, tp->snd_nxt) ||
	     (sk->sk_state == TCP_SYN_RECV && cb->ack_seq != tp->snd_nxt))) {
		tern_stat_inc(sock_net(sk), TERN_STAT_DROP_BAD_ACK);
		ev = TERN_EV_RCV_BAD_ACK;
	}
	return ev;
}

/* Every state after SYN_SENT: RFC 793 3.9's "otherwise" steps. */
static void tern_rcv_synchronized(struct sock *sk, struct sk_buff *skb,
				  const struct tern_options *opt)
{
	struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	enum tern_event ev = tern_sync_check(sk, skb);
	int flags;

	if (ev != TERN_EV_RCV_ACK) {
		/* Simultaneous open: the SYN+ACK acknowledges our SYN. */
		if (ev == TERN_EV_RCV_SYNACK && sk->sk_state == TCP_SYN_RECV)
			tern_ack(sk, skb, opt);
		tern_sm_step(sk, ev, skb);
		return;
	}
	flags = tern_ack(sk, skb, opt);
	if (flags & TERN_ACK_DROP)
		goto drop;
	if (sk->sk_state == TCP_SYN_RECV)
		tern_sm_step(sk, TERN_EV_RCV_ACK, NULL);
	if (flags & TERN_ACK_FIN_ACKED) {
		tern_sm_step(sk, TERN_EV_RCV_FIN_ACKED, NULL);
		if (sk->sk_state == TCP_CLOSE)
			goto drop;
		if (sk->sk_state == TCP_FIN_WAIT2 && sock_flag(sk, SOCK_DEAD))
			tern_reset_keepalive_timer(sk, tern_fin_timeout(sk));
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
		/* It closed while this waited in the backlog. */
		tern_sm_step(sk, tern_flags_event(TERN_SKB_CB(skb)->flags), skb);
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
 * tern_listen_rcv() - a segment for a listener
 * @sk: the listener, not locked (as TCP's listeners), not referenced
 *	(freed after a grace period)
 * @skb: the segment, validated, its header in place; consumed
 */
void tern_listen_rcv(struct sock *sk, struct sk_buff *skb)
{
	u8 flags = TERN_SKB_CB(skb)->flags;
	bool cookie = tern_flags_event(flags) == TERN_EV_RCV_ACK &&
		      tern_req_cookie_ok(sk, skb);

	tern_sm_step(sk, tern_listen_event(flags, cookie), skb);
}

/* What the kernel's other transports let decide over every segment: the
 * IPsec input policy (Tern registers with no_policy, as TCP, and checks
 * here, where the socket's own policy is known), the connection
 * tracking reference, and for a socket (or a request's listener) its
 * filter: classic or eBPF socket filters, cgroup ingress programs and
 * the LSM's security_sock_rcv_skb(). IP's control block is still in
 * place (the policy check reads it); Tern's takes its place once the
 * filter (which may trim the payload) let the segment in, with the
 * arrival device @dif and @sdif. Returns false to drop, counted.
 */
static bool tern_admit(struct sock *sk, struct sk_buff *skb, int dif, int sdif)
{
	struct net *net = dev_net(skb->dev);
	bool allowed = ip_hdr(skb)->version == 4 ?
		       xfrm4_policy_check(sk, XFRM_POLICY_IN, skb) :
		       xfrm6_policy_check(sk, XFRM_POLICY_IN, skb);

	if (!allowed) {
		tern_stat_inc(net, TERN_STAT_DROP_POLICY);
		return false;
	}
	nf_reset_ct(skb);
	if (sk && sk_filter_trim_cap(sk, skb, tern_hdr_len(tern_hdr(skb)))) {
		tern_stat_inc(net, TERN_STAT_DROP_FILTER);
		return false;
	}
	tern_fill_cb(skb, dif, sdif);
	return true;
}

/* The socket whose policy and filter apply to @sk's segments: itself,
 * or a request or TIME_WAIT entry's none (a request's listener's).
 */
static struct sock *tern_admitting_sock(struct sock *sk)
{
	if (sk->sk_state == TCP_TIME_WAIT)
		return NULL;
	if (sk->sk_state == TCP_NEW_SYN_RECV)
		return tern_req(sk)->listener;
	return sk;
}

/* Find the entry a segment is for: a connection, a request or TIME_WAIT
 * entry (referenced), else a listener (not referenced), else NULL.
 */
static struct sock *tern_lookup_skb(struct net *net, struct sk_buff *skb,
				    int dif, int sdif, bool *refcounted)
{
	const struct ternhdr *th = tern_hdr(skb);
	struct tern_addrs a;
	struct sock *sk;

	tern_skb_addrs(skb, &a);
	sk = tern_lookup_established(net, &a, th->source, ntohs(th->dest), dif,
				     sdif);
	*refcounted = sk;
	if (sk)
		return sk;
	return tern_lookup_listener(net, skb, tern_hdr_len(th), &a, th->source,
				    ntohs(th->dest), dif, sdif);
}

/**
 * tern_ip_rcv() - IP's and IPv6's entry point for every Tern segment
 * @skb: the segment, its data at the Tern header
 *
 * Return: 0; the skb is always consumed.
 */
int tern_ip_rcv(struct sk_buff *skb)
{
	struct net *net = dev_net(skb->dev);
	int dif = tern_ip_dif(skb), sdif = tern_ip_sdif(skb);
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

	sk = tern_lookup_skb(net, skb, dif, sdif, &refcounted);
	if (!sk) {
		if (!tern_admit(NULL, skb, dif, sdif))
			goto drop;
		tern_stat_inc(net, TERN_STAT_NO_SOCKET);
		tern_sm_step(NULL, tern_flags_event(TERN_SKB_CB(skb)->flags), skb);
		return 0;
	}
	if (!tern_admit(tern_admitting_sock(sk), skb, dif, sdif)) {
		if (refcounted)
			tern_entry_put(sk);
		goto drop;
	}
	if (sk->sk_state == TCP_TIME_WAIT) {
		tern_tw_rcv(tern_tw(sk), skb);
		return 0;
	}
	if (sk->sk_state == TCP_NEW_SYN_RECV) {
		tern_req_rcv(tern_req(sk), skb);
		return 0;
	}
	if (sk->sk_state == TCP_LISTEN)
		tern_listen_rcv(sk, skb);
	else
		tern_rcv_locked(sk, skb);
	if (refcounted)
		sock_put(sk);
	return 0;

bad:
	tern_stat_inc(net, TERN_STAT_IN_ERRS);
	tern_stat_inc(net, why);
drop:
	kfree_skb(skb);
	return 0;
}

/* The route's path MTU after an ICMP "fragmentation needed", on a route
 * rebuilt if it went stale; NULL without one.
 */
static struct dst_entry *tern_update_pmtu(struct sock *sk, u32 mtu)
{
	struct dst_entry *dst = __sk_dst_check(sk, tern_dst_cookie(sk));

	if (!dst && tern_rebuild_header(sk))
		return NULL;
	dst = __sk_dst_get(sk);
	dst->ops->update_pmtu(dst, sk, NULL, mtu, true);
	dst = __sk_dst_check(sk, tern_dst_cookie(sk));
	if (!dst && tern_rebuild_header(sk))
		return NULL;
	return __sk_dst_get(sk);
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
	dst = tern_update_pmtu(sk, READ_ONCE(tern_sk(sk)->mtu_info));
	if (dst && dst_mtu(dst) < inet_csk(sk)->icsk_pmtu_cookie)
		tern_sync_mss(sk, dst_mtu(dst));
}

/**
 * tern_icmp_error() - raise the ICMP_ERROR event of an ICMP message
 * @sk: the socket, locked, not owned by the user; the error waits in
 *	sk_err_soft
 */
void tern_icmp_error(struct sock *sk)
{
	tern_sm_step(sk, TERN_EV_ICMP_ERROR, NULL);
}

/* Run @handler now, or when the user releases the socket (@bit). */
static void tern_icmp_defer(struct sock *sk, enum tern_deferred bit,
			    void (*handler)(struct sock *sk))
{
	if (!sock_owned_by_user(sk))
		handler(sk);
	else if (!test_and_set_bit(bit, &tern_sk(sk)->deferred))
		sock_hold(sk);
}

/* The errno a hard ICMP error means, or 0 for one to ignore. */
static int tern_icmp_errno(int type, int code)
{
	if (type == ICMP_DEST_UNREACH)
		return code <= NR_ICMP_UNREACH && icmp_err_convert[code].fatal ?
		       icmp_err_convert[code].errno : 0;
	return type == ICMP_TIME_EXCEEDED ? EHOSTUNREACH : 0;
}

/* Errors that end a request entry: as tcp_v4_err() decides for TCP's,
 * the network or host is unreachable (not "fatal" for a connection, but
 * nobody waits on a request), the time exceeded, or a parameter problem.
 */
static bool tern_icmp_req_abort(int type, int code)
{
	if (type == ICMP_DEST_UNREACH)
		return code == ICMP_NET_UNREACH || code == ICMP_HOST_UNREACH;
	return type == ICMP_TIME_EXCEEDED || type == ICMP_PARAMETERPROB;
}

/* An ICMP error about a segment a connection sent (listeners are not in
 * the established table: they send nothing of their own).
 */
static void tern_sock_err(struct sock *sk, u32 seq, const struct tern_icmp *icmp)
{
	/* RFC 5927: only an error about data in flight is believable. */
	if (!tern_seq_between(seq, tern_sk(sk)->snd_una, tern_sk(sk)->snd_nxt))
		return;
	if (icmp->mtu) {
		WRITE_ONCE(tern_sk(sk)->mtu_info, icmp->mtu);
		tern_icmp_defer(sk, TERN_MTU_REDUCED_DEFERRED, tern_mtu_reduced);
		return;
	}
	if (!icmp->err)
		return;
	WRITE_ONCE(sk->sk_err_soft, icmp->err);
	tern_icmp_defer(sk, TERN_ICMP_ERROR_DEFERRED, tern_icmp_error);
}

/**
 * tern_icmp_rcv() - an ICMP or ICMPv6 error about a segment we sent
 * @net: the namespace it arrived in
 * @a: the quoted segment's addresses, as we would receive its answer
 *	(@a->laddr its source)
 * @th: the quoted header (its first 8 bytes: ports and sequence number)
 * @dif: the device the error arrived on
 * @sdif: the l3 master device's slave, if any
 * @icmp: what the error says
 *
 * A smaller path MTU shrinks the segment size; other hard errors are the
 * state table's ICMP_ERROR event (RFC 1122 4.2.3.9: fatal while opening,
 * soft afterwards).
 *
 * Return: 0, or -ENOENT when no entry matches.
 */
int tern_icmp_rcv(struct net *net, const struct tern_addrs *a,
		  const struct ternhdr *th, int dif, int sdif,
		  const struct tern_icmp *icmp)
{
	struct sock *sk;

	sk = tern_lookup_established(net, a, th->dest, ntohs(th->source), dif, sdif);
	if (!sk)
		return -ENOENT;
	if (sk->sk_state == TCP_NEW_SYN_RECV) {
		/* Only about its SYN+ACK, and the errors TCP gives up on. */
		if (ntohl(th->seq) == tern_req(sk)->iss && icmp->req_abort)
			tern_sm_step(sk, TERN_EV_ICMP_ERROR, NULL);
		tern_entry_put(sk);
		return 0;
	}
	if (sk->sk_state == TCP_TIME_WAIT) {
		tern_entry_put(sk);
		return 0;
	}
	bh_lock_sock(sk);
	tern_sock_err(sk, ntohl(th->seq), icmp);
	bh_unlock_sock(sk);
	sock_put(sk);
	return 0;
}

/**
 * tern_v4_err() - ICMP errors about segments we sent
 * @skb: the ICMP message, its data at the quoted IP header's payload
 * @info: ICMP information (the next-hop MTU for "fragmentation needed")
 *
 * Return: 0, or -ENOENT when no entry matches.
 */
int tern_v4_err(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	const struct ternhdr *th = (const struct ternhdr *)(skb->data + (iph->ihl << 2));
	const int type = icmp_hdr(skb)->type, code = icmp_hdr(skb)->code;
	const struct tern_icmp icmp = {
		.mtu = type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED ? info : 0,
		.err = tern_icmp_errno(type, code),
		.req_abort = tern_icmp_req_abort(type, code),
	};
	struct tern_addrs a;

	/* The quoted segment is one we sent: its source is us. */
	ipv6_addr_set_v4mapped(iph->daddr, &a.raddr);
	ipv6_addr_set_v4mapped(iph->saddr, &a.laddr);
	return tern_icmp_rcv(dev_net(skb->dev), &a, th, inet_iif(skb), 0, &icmp);
}
