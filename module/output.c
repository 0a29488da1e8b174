// SPDX-License-Identifier: GPL-2.0
/*
 * Sending segments from a full socket: building the header, deciding what
 * the peer's window, the congestion window and Nagle allow, and the
 * control segments (SYN, ACK, FIN, RST, probes).
 *
 * Data segments wait on the send queues (queue.c). A transmission always
 * sends a clone, so the original stays queued for retransmission.
 */
#include <linux/skbuff.h>
#include <net/checksum.h>
#include <net/ip.h>

#include "ack.h"
#include "delack.h"
#include "fault.h"
#include "header.h"
#include "netns.h"
#include "ipv6.h"
#include "output.h"
#include "queue.h"
#include "seq.h"
#include "sock.h"
#include "timer.h"
#include "trace.h"
#include "window.h"

/**
 * tern_advmss() - the segment size we can receive, for the MSS option
 * @sk: the socket (its user's limit applies)
 * @dst: the route the SYN or SYN+ACK takes (its MTU and family); NULL
 *	for none, then the socket's family and the smallest MTU
 *
 * Return: bytes of payload.
 */
u16 tern_advmss(const struct sock *sk, const struct dst_entry *dst)
{
	bool v4 = dst ? dst->ops->family == AF_INET : tern_sk_v4(sk);
	u32 mtu = dst ? dst_mtu(dst) : v4 ? 576 : IPV6_MIN_MTU;
	u32 mss = mtu - (v4 ? sizeof(struct iphdr) : sizeof(struct ipv6hdr)) -
		  TERN_HDR_LEN;

	if (tern_sk(sk)->user_mss)
		mss = min_t(u32, mss, tern_sk(sk)->user_mss);
	return clamp_t(u32, mss, TERN_MIN_MSS, U16_MAX);
}

/**
 * tern_sync_mss() - recompute the send segment size for a path MTU
 * @sk: the socket
 * @pmtu: the path MTU
 */
void tern_sync_mss(struct sock *sk, u32 pmtu)
{
	struct tern_sock *tp = tern_sk(sk);
	struct inet_connection_sock *icsk = inet_csk(sk);
	u32 mss = pmtu - tern_sk_ip_hdr_len(sk) - icsk->icsk_ext_hdr_len -
		  TERN_HDR_LEN;

	if (tp->peer_mss)
		mss = min_t(u32, mss, tp->peer_mss);
	if (tp->user_mss)
		mss = min_t(u32, mss, tp->user_mss);
	tp->mss_cache = max_t(u32, mss, TERN_MIN_MSS);
	icsk->icsk_pmtu_cookie = pmtu;
}

static unsigned int tern_build_options(struct sock *sk, u8 flags,
				       unsigned int payload, u8 *opts)
{
	struct tern_sock *tp = tern_sk(sk);
	unsigned int room;

	if (flags & TERN_FLAG_SYN) {
		struct dst_entry *dst = __sk_dst_get(sk);

		return tern_write_syn_options(opts, tern_advmss(sk, dst), tp->sack_ok);
	}
	if (!tp->sack_ok || (!tp->num_sacks && !tp->dsack_pending))
		return 0;
	/* Never push a segment past the path MTU for the sake of SACK. */
	room = tp->mss_cache > payload ? tp->mss_cache - payload : 0;
	room = min_t(unsigned int, room, TERN_MAX_OPT_LEN);
	if (tp->dsack_pending) {
		/* RFC 2883: the duplicate goes first, once. */
		struct tern_sack_block blocks[TERN_MAX_SACK_BLOCKS];
		unsigned int n = min_t(unsigned int, tp->num_sacks,
				       TERN_MAX_SACK_BLOCKS - 1), len;

		blocks[0] = tp->dsack;
		memcpy(blocks + 1, tp->sacks, n * sizeof(*blocks));
		len = tern_write_sack_option(opts, blocks, n + 1, room);
		if (len)
			tp->dsack_pending = 0;
		return len;
	}
	return tern_write_sack_option(opts, tp->sacks, tp->num_sacks, room);
}

/* Write the header onto @skb (data at its payload) and hand it to IP. The
 * skb is consumed, and must be a private copy: see tern_transmit_skb().
 */
static int tern_xmit_one(struct sock *sk, struct sk_buff *skb)
{
	struct tern_sock *tp = tern_sk(sk);
	struct inet_sock *inet = inet_sk(sk);
	struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	unsigned int payload = skb->len, segs;
	struct net *net = sock_net(sk);
	u8 opts[TERN_MAX_OPT_LEN];
	struct ternhdr *th;
	int err;

	struct tern_header h = {
		.saddr = &sk->sk_v6_rcv_saddr, .daddr = &sk->sk_v6_daddr,
		.sport = inet->inet_sport, .dport = inet->inet_dport,
		.seq = cb->seq, .ack_seq = tp->rcv_nxt, .flags = cb->flags,
		.opts = opts,
	};

	h.opt_len = tern_build_options(sk, cb->flags, payload, opts);
	if (cb->flags & TERN_FLAG_SYN) {
		h.window = tern_space(sk);
		tp->rcv_wnd = h.window;
	} else {
		h.window = tern_select_window(sk);
	}
	th = tern_push_header(skb, &h);
	skb_set_owner_w(skb, sk);

	if (cb->flags & TERN_FLAG_ACK)
		tern_ack_sent(sk);
	if (payload) {
		tern_delack_data_out(sk);
		tp->lsndtime = tern_jiffies32;
	}
	segs = tern_skb_segs(skb);
	if (skb_is_gso(skb))
		tern_stat_inc(net, TERN_STAT_OUT_GSO);
	tp->segs_out += segs;
	tern_stat_add(net, TERN_STAT_OUT_SEGS, segs);
	trace_tern_xmit(h.saddr, h.daddr, th, payload);
	if (tern_fault_should_drop(net, th, payload)) {
		kfree_skb(skb);
		return 0;
	}
	/* net_xmit_eval() evaluates its argument more than once. */
	err = tern_queue_xmit(sk, skb);
	return net_xmit_eval(err);
}

/* Send a copy of a queued segment, keeping the original. A clone is
 * cheap; if a previous clone is still below us (in a qdisc), the data is
 * copied, since the header gets written in place.
 */
static int tern_transmit_skb(struct sock *sk, struct sk_buff *skb, gfp_t gfp)
{
	TERN_SKB_CB(skb)->sent_us = tern_clock_us();
	skb = skb_cloned(skb) ? pskb_copy(skb, gfp) : skb_clone(skb, gfp);
	if (unlikely(!skb))
		return -ENOBUFS;
	return tern_xmit_one(sk, skb);
}

/* A control segment with no payload, not queued for retransmission. */
static struct sk_buff *tern_alloc_control(u32 seq, u8 flags, gfp_t gfp)
{
	struct sk_buff *skb = tern_alloc_header_skb(gfp);

	if (!skb)
		return NULL;
	TERN_SKB_CB(skb)->seq = seq;
	TERN_SKB_CB(skb)->end_seq = seq;
	TERN_SKB_CB(skb)->flags = flags;
	TERN_SKB_CB(skb)->sacked = 0;
	TERN_SKB_CB(skb)->pcount = 1;
	return skb;
}

/**
 * tern_send_syn() - start the handshake of an active open
 * @sk: the socket, in SYN_SENT, with its route and ISN set
 *
 * The SYN waits on the retransmit queue like data until acknowledged.
 *
 * Return: 0 or -ENOBUFS.
 */
int tern_send_syn(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	struct sk_buff *skb;

	skb = alloc_skb_fclone(TERN_MAX_HEADER, sk->sk_allocation);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, TERN_MAX_HEADER);
	TERN_SKB_CB(skb)->seq = tp->iss;
	TERN_SKB_CB(skb)->end_seq = tp->iss + 1;
	TERN_SKB_CB(skb)->flags = TERN_FLAG_SYN;
	TERN_SKB_CB(skb)->sacked = 0;
	TERN_SKB_CB(skb)->pcount = 1;
	tern_charge_skb(sk, skb);
	__skb_queue_tail(&tp->rtx_queue, skb);
	tp->snd_nxt = tp->iss + 1;
	tp->packets_out = 1;
	tern_transmit_skb(sk, skb, sk->sk_allocation);
	tern_rearm_rto(sk);
	return 0;
}

/**
 * tern_resend_syn_as_synack() - simultaneous open: a SYN crossed ours
 * @sk: the socket, now in SYN_RECV
 *
 * Our SYN, still unacknowledged, now also acknowledges the peer's.
 */
void tern_resend_syn_as_synack(struct sock *sk)
{
	struct sk_buff *skb = skb_peek(&tern_sk(sk)->rtx_queue);

	if (!skb || !(TERN_SKB_CB(skb)->flags & TERN_FLAG_SYN))
		return;
	TERN_SKB_CB(skb)->flags |= TERN_FLAG_ACK;
	tern_retransmit_skb(sk, skb, false);
	tern_rearm_rto(sk);
}

/* Would Nagle hold a segment shorter than the MSS back now? */
static bool tern_nagle_holds(const struct tern_sock *tp, enum tern_nagle nagle)
{
	if (nagle == TERN_NAGLE_CORK)
		return true;
	return nagle == TERN_NAGLE_ON && tp->packets_out;
}

static bool tern_nagle_allows(const struct tern_sock *tp,
			      const struct sk_buff *skb, enum tern_nagle nagle)
{
	if (skb->len >= tp->mss_cache || (TERN_SKB_CB(skb)->flags & TERN_FLAG_FIN))
		return true;
	return !tern_nagle_holds(tp, nagle);
}

/* The most segments one skb may carry on this socket's route; 1 without
 * GSO. IP's 16-bit total length bounds it like the device does.
 */
static unsigned int tern_gso_max_count(const struct sock *sk)
{
	u32 mss = tern_sk(sk)->mss_cache;

	if (!sk->sk_gso_type || !sk_can_gso(sk) ||
	    sk->sk_gso_max_size <= TERN_MAX_HEADER + mss)
		return 1;
	return clamp_t(u32, (sk->sk_gso_max_size - 1 - TERN_MAX_HEADER) / mss,
		       1, sk->sk_gso_max_segs);
}

/**
 * tern_size_goal() - how much payload a new send-queue skb may take
 * @sk: the socket
 *
 * Return: bytes: as many full segments as one GSO skb carries, one
 * segment without GSO.
 */
u32 tern_size_goal(const struct sock *sk)
{
	return tern_sk(sk)->mss_cache * tern_gso_max_count(sk);
}

/* Payload bytes of the head @skb the peer's window lets go now: all of
 * it, whole segments of it, or a part worth sending (RFC 1122 4.2.3.4:
 * at least half the largest window the peer offered). 0 when the window
 * is closed to it.
 */
static u32 tern_window_allows(const struct tern_sock *tp,
			      const struct sk_buff *skb)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	u32 edge = tp->snd_una + tp->snd_wnd;
	s32 room = edge - cb->seq;

	if (!tern_seq_after(cb->end_seq, edge))
		return max_t(u32, skb->len, 1);
	if (room <= 0)
		return 0;
	/* Only the FIN is beyond: the segments before the last one go. */
	if (room >= skb->len)
		return skb->len > tp->mss_cache ?
		       rounddown(skb->len - 1, tp->mss_cache) : 0;
	if (room >= tp->mss_cache)
		return rounddown(room, tp->mss_cache);
	return room >= tp->max_window / 2 ? room : 0;
}

/* Rather than send a GSO skb cut short by the windows while more data
 * waits in it, wait for the ACKs in flight to open more than a third of
 * them (as TCP defers TSO). With segments in flight an ACK is sure to
 * come, or the RTO.
 */
static bool tern_defer_send(struct sock *sk, const struct sk_buff *skb,
			    u32 limit, u32 max_segs)
{
	const struct tern_sock *tp = tern_sk(sk);
	u64 chunk = min_t(u64, tp->snd_wnd, (u64)tp->cc.cwnd * tp->mss_cache) / 3;

	/* In recovery, segments out now bring the SACKs that repair it. */
	if (!tern_in_flight(sk) || tp->cc.state != TERN_CA_OPEN)
		return false;
	/* A full GSO skb goes now: waiting cannot make it larger. */
	if (limit >= max_segs * tp->mss_cache)
		return false;
	return skb->len - limit >= tp->mss_cache && limit < chunk;
}

/* The sent segment moves to the retransmit queue. */
static void tern_skb_sent(struct sock *sk, struct sk_buff *skb)
{
	struct tern_sock *tp = tern_sk(sk);
	bool was_idle = !tp->packets_out;

	__skb_unlink(skb, &sk->sk_write_queue);
	__skb_queue_tail(&tp->rtx_queue, skb);
	tp->snd_nxt = TERN_SKB_CB(skb)->end_seq;
	tp->packets_out += TERN_SKB_CB(skb)->pcount;
	tern_cc_prr_sent(&tp->cc, TERN_SKB_CB(skb)->pcount);
	if (was_idle || tern_sk(sk)->rtx_pending != TERN_RTX_RETRANS)
		tern_rearm_rto(sk);
}

/**
 * tern_write_xmit() - send what the windows allow from the send queue
 * @sk: the socket, locked
 * @nagle: how to treat a segment shorter than the MSS
 *
 * Each send-queue skb goes out as one (GSO) skb of up to a size goal's
 * segments, cut first where the windows or Nagle end what may go.
 */
void tern_write_xmit(struct sock *sk, enum tern_nagle nagle)
{
	gfp_t gfp = sk_gfp_mask(sk, GFP_ATOMIC);
	struct tern_sock *tp = tern_sk(sk);
	u32 mss, max_segs, in_flight, limit;
	enum tern_nagle skb_nagle;
	struct dst_entry *dst;
	struct sk_buff *skb;

	if (sk->sk_state == TCP_SYN_SENT || sk->sk_state == TCP_CLOSE)
		return;
	/* The route's MTU can change without an ICMP error for us (a local
	 * device's MTU): follow it, as tcp_current_mss() does. IP checks a
	 * GSO skb's segments against it only roughly.
	 */
	dst = __sk_dst_get(sk);
	if (dst && dst_mtu(dst) != inet_csk(sk)->icsk_pmtu_cookie)
		tern_sync_mss(sk, dst_mtu(dst));
	mss = tp->mss_cache;
	max_segs = tern_gso_max_count(sk);
	while ((skb = skb_peek(&sk->sk_write_queue))) {
		in_flight = tern_in_flight(sk);
		if (in_flight >= tp->cc.cwnd)
			break;
		limit = tern_window_allows(tp, skb);
		if (!limit) {
			/* The peer's window is closed: probe it. */
			if (!tp->packets_out)
				tern_arm_probe_timer(sk);
			break;
		}
		/* As TCP: Nagle holds back only the end of the queue. */
		skb_nagle = skb_queue_is_last(&sk->sk_write_queue, skb) ?
			    nagle : TERN_NAGLE_PUSH;
		if (!tern_nagle_allows(tp, skb, skb_nagle))
			break;
		limit = min(limit, min(tp->cc.cwnd - in_flight, max_segs) * mss);
		/* ... and a short last segment behind full ones. */
		if (skb->len > mss && skb->len % mss &&
		    !(TERN_SKB_CB(skb)->flags & TERN_FLAG_FIN) &&
		    tern_nagle_holds(tp, skb_nagle))
			limit = min(limit, rounddown(skb->len, mss));
		if (limit < skb->len) {
			if (tern_defer_send(sk, skb, limit, max_segs))
				break;
			if (tern_fragment(sk, &sk->sk_write_queue, skb, limit, gfp))
				goto not_sent;
		}
		tern_set_pcount(sk, skb, mss);
		if (tern_transmit_skb(sk, skb, gfp))
			goto not_sent;
		tern_skb_sent(sk, skb);
	}
	return;
not_sent:
	/* No route or no memory: with nothing in flight, no ACK comes to
	 * try again; the probe timer does (TCP's tcp_check_probe_timer()).
	 */
	if (!tp->packets_out)
		tern_arm_probe_timer(sk);
}

/**
 * tern_write_one() - send one new segment, whatever the congestion window
 * @sk: the socket, locked
 *
 * For a tail loss probe (RFC 8985 7.3): the head of the send queue, cut
 * to one segment, if the peer's window takes it whole.
 *
 * Return: true if it went.
 */
bool tern_write_one(struct sock *sk)
{
	struct sk_buff *skb = skb_peek(&sk->sk_write_queue);
	struct tern_sock *tp = tern_sk(sk);
	u32 mss = tp->mss_cache, limit;

	if (!skb)
		return false;
	/* 0: closed even to a lone FIN. */
	limit = tern_window_allows(tp, skb);
	if (!limit || limit < min(skb->len, mss))
		return false;
	if (skb->len > mss &&
	    tern_fragment(sk, &sk->sk_write_queue, skb, mss, GFP_ATOMIC))
		return false;
	tern_set_pcount(sk, skb, mss);
	if (tern_transmit_skb(sk, skb, GFP_ATOMIC))
		return false;
	tern_skb_sent(sk, skb);
	return true;
}

/**
 * tern_push_pending() - send queued data under the socket's own settings
 * @sk: the socket, locked
 */
void tern_push_pending(struct sock *sk)
{
	const struct tern_sock *tp = tern_sk(sk);

	tern_write_xmit(sk, tp->cork ? TERN_NAGLE_CORK :
			    tp->nodelay ? TERN_NAGLE_PUSH : TERN_NAGLE_ON);
}

/**
 * tern_retransmit_skb() - send a queued segment again
 * @sk: the socket, locked
 * @skb: a segment on the retransmit queue
 * @timeout: the retransmission timer, not loss recovery, asked for it
 *
 * Return: 0 or a negative errno from the transmission.
 */
int tern_retransmit_skb(struct sock *sk, struct sk_buff *skb, bool timeout)
{
	struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	struct tern_sock *tp = tern_sk(sk);
	struct net *net = sock_net(sk);
	int err;

	/* The head may still hold bytes a partial ACK covered, if they
	 * could not be freed then: never send those again.
	 */
	if (tern_seq_before(cb->seq, tp->snd_una)) {
		err = tern_trim_head(sk, skb, tp->snd_una - cb->seq);
		if (err < 0)
			return err;
	}
	err = tern_fit_mss(sk, &tp->rtx_queue, skb);
	if (err)
		return err;
	err = tern_transmit_skb(sk, skb, GFP_ATOMIC);
	if (err)
		return err;
	if (cb->sacked & TERN_SKB_LOST) {
		cb->sacked &= ~TERN_SKB_LOST;
		tp->lost_out -= cb->pcount;
	}
	if (!(cb->sacked & TERN_SKB_RETRANS)) {
		cb->sacked |= TERN_SKB_RETRANS;
		tp->retrans_out += cb->pcount;
	}
	cb->sacked |= TERN_SKB_EVER_RETRANS;
	tern_cc_prr_sent(&tp->cc, cb->pcount);
	if (tp->undo_marker)
		tp->undo_retrans++;
	tp->total_retrans++;
	if (!timeout)
		tp->fast_retrans++;
	tern_stat_inc(net, TERN_STAT_RETRANS_SEGS);
	if (cb->flags & TERN_FLAG_SYN)
		tern_stat_inc(net, TERN_STAT_SYN_RETRANS);
	trace_tern_retransmit(sk, cb->seq, tern_skb_payload(skb), cb->flags, timeout);
	return 0;
}

/**
 * tern_send_ack() - send a pure acknowledgment now
 * @sk: the socket, locked
 *
 * When memory is short, the delayed-ACK timer tries again.
 */
void tern_send_ack(struct sock *sk)
{
	struct sk_buff *skb;

	if (sk->sk_state == TCP_CLOSE)
		return;
	skb = tern_alloc_control(tern_sk(sk)->snd_nxt, TERN_FLAG_ACK,
				 sk_gfp_mask(sk, GFP_ATOMIC | __GFP_NOWARN));
	if (!skb) {
		tern_sk(sk)->ack_pending = 1;
		tern_schedule_delack(sk, TERN_DELACK_RETRY);
		return;
	}
	tern_xmit_one(sk, skb);
}

/**
 * tern_send_challenge_ack() - answer a suspicious segment (RFC 5961)
 * @sk: the socket, locked
 *
 * At most TERN_CHALLENGE_ACKS_PER_SEC a second per connection, so that
 * forged segments cannot turn us into an ACK flood (RFC 5961 section 7).
 */
void tern_send_challenge_ack(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);
	u32 now = tern_jiffies32;

	if (now - tp->challenge_stamp >= HZ) {
		tp->challenge_stamp = now;
		tp->challenge_count = 0;
	}
	if (tp->challenge_count >= TERN_CHALLENGE_ACKS_PER_SEC)
		return;
	tp->challenge_count++;
	tern_stat_inc(sock_net(sk), TERN_STAT_CHALLENGE_ACKS);
	tern_send_ack(sk);
}

/**
 * tern_send_probe() - a segment the peer must answer with an ACK
 * @sk: the socket, locked
 *
 * An empty segment one byte before snd_una is old news to the peer,
 * which then acknowledges with its current window: a zero-window probe
 * and a keepalive in one.
 */
void tern_send_probe(struct sock *sk)
{
	struct sk_buff *skb;

	skb = tern_alloc_control(tern_sk(sk)->snd_una - 1, TERN_FLAG_ACK,
				 sk_gfp_mask(sk, GFP_ATOMIC | __GFP_NOWARN));
	if (skb)
		tern_xmit_one(sk, skb);
}

/**
 * tern_send_fin() - queue our FIN behind any data and push
 * @sk: the socket, locked, in process context
 */
void tern_send_fin(struct sock *sk)
{
	struct sk_buff *skb = skb_peek_tail(&sk->sk_write_queue);
	struct tern_sock *tp = tern_sk(sk);

	if (skb) {
		TERN_SKB_CB(skb)->flags |= TERN_FLAG_FIN;
		TERN_SKB_CB(skb)->end_seq++;
	} else {
		gfp_t gfp = sk->sk_allocation;

		/* A FIN must not get lost to a failed allocation. */
		if (gfpflags_allow_blocking(gfp))
			gfp |= __GFP_NOFAIL;
		skb = alloc_skb_fclone(TERN_MAX_HEADER, gfp);
		if (!skb)
			return;
		skb_reserve(skb, TERN_MAX_HEADER);
		TERN_SKB_CB(skb)->seq = tp->write_seq;
		TERN_SKB_CB(skb)->end_seq = tp->write_seq + 1;
		TERN_SKB_CB(skb)->flags = TERN_FLAG_FIN | TERN_FLAG_ACK;
		TERN_SKB_CB(skb)->sacked = 0;
		TERN_SKB_CB(skb)->pcount = 1;
		tern_charge_skb(sk, skb);
		__skb_queue_tail(&sk->sk_write_queue, skb);
	}
	tp->write_seq++;
	tp->fin_queued = 1;
	tern_write_xmit(sk, TERN_NAGLE_PUSH);
}

/**
 * tern_send_active_reset() - tell the peer this connection is gone
 * @sk: the socket, locked
 * @gfp: allocation context
 */
void tern_send_active_reset(struct sock *sk, gfp_t gfp)
{
	struct sk_buff *skb;

	skb = tern_alloc_control(tern_sk(sk)->snd_nxt,
				 TERN_FLAG_RST | TERN_FLAG_ACK, gfp);
	if (!skb)
		return;
	tern_stat_inc(sock_net(sk), TERN_STAT_OUT_RSTS);
	trace_tern_send_reset(sk);
	tern_xmit_one(sk, skb);
}
