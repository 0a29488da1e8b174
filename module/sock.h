/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Tern socket: an inet connection socket plus Tern's own state, and
 * the control block Tern keeps in every segment's sk_buff.
 */
#ifndef _TERN_SOCK_H
#define _TERN_SOCK_H

#include <linux/math64.h>
#include <linux/rbtree.h>
#include <linux/timekeeping.h>
#include <linux/skbuff.h>
#include <net/inet_connection_sock.h>
#include <net/sock.h>

#include "autotune.h"
#include "congestion.h"
#include "options.h"
#include "rack.h"
#include "rtt.h"
#include "wire.h"

/* Headroom for the Tern header and everything below it. */
#define TERN_MAX_HEADER		L1_CACHE_ALIGN(128 + MAX_HEADER)
/* The smallest segment size we accept from a peer or a path. */
#define TERN_MIN_MSS		88
/* The segment size to assume when a SYN carries no MSS option (RFC 9293). */
#define TERN_DEFAULT_MSS	536
/* Duplicate ACKs that mean a loss until the path is seen to reorder. */
#define TERN_DUPTHRESH		3
/* The most segments of reordering the loss detection will tolerate. */
#define TERN_MAX_REORDERING	300
/* Segments acknowledged at once after the handshake or a loss. */
#define TERN_QUICKACKS		16

#define tern_jiffies32		((u32)jiffies)

/* Bits of tern_sock.deferred: timer work that found the socket owned by
 * its user and left the job to release_sock().
 */
enum tern_deferred {
	TERN_WRITE_TIMER_DEFERRED,
	TERN_DELACK_TIMER_DEFERRED,
	TERN_KEEPALIVE_TIMER_DEFERRED,
	TERN_MTU_REDUCED_DEFERRED,
	TERN_ICMP_ERROR_DEFERRED,
};

/* What tern_sock.rtx_timer is armed for. */
enum tern_rtx_timer {
	TERN_RTX_NONE,
	TERN_RTX_RETRANS,	/* retransmission timeout */
	TERN_RTX_PROBE,		/* zero-window probe */
	TERN_RTX_REORDER,	/* RACK's reordering window (RFC 8985 6.3) */
	TERN_RTX_TLP,		/* tail loss probe (RFC 8985 7) */
};

struct tern_bind_bucket;

/**
 * struct tern_sock - a Tern socket
 * @icsk: the inet connection socket it extends; must come first
 *
 * Lookup, listening and timers, set up once per socket:
 * @bind_bucket: the local port the socket holds (port.c), or NULL
 * @listen_lock: guards @accept_queue, @requests and @nr_requests
 * @accept_queue: a listener's connections ready for accept(), by
 *	@accept_node
 * @requests: a listener's request entries (tern_request.listen_node)
 * @nr_requests: their number, for the backlog
 * @cookie_stamp: when the listener last answered with a SYN cookie,
 *	jiffies, 0 if never
 * @accept_node: a new connection's link in its listener's @accept_queue
 * @rtx_timer: retransmission, window probe or reordering timer
 * @delack_timer: delayed acknowledgment timer
 * @keepalive_timer: keepalive, or an orphan's FIN_WAIT_2 timeout
 * @rtx_timeout: when @rtx_timer's job is due, jiffies
 * @rtx_pending: enum tern_rtx_timer: what @rtx_timer is armed for
 *
 * Connection state, reset by tern_init_conn() for every connection:
 * @iss: our initial sequence number
 * @snd_una: oldest sequence number not yet acknowledged
 * @snd_nxt: next sequence number to send
 * @write_seq: one past the last byte (or FIN) queued by the user
 * @snd_wnd: the peer's advertised receive window
 * @snd_wl1: sequence number of the segment that last updated snd_wnd
 * @snd_wl2: acknowledgment number of that segment
 * @max_window: largest window the peer ever advertised
 * @mss_cache: payload bytes per segment, for the current path
 * @peer_mss: the MSS option the peer sent, 0 if none
 * @retransmits: retransmission timeouts of the oldest segment in a row
 * @backoff: exponential backoff shift of the retransmission timeout
 * @probes_out: unanswered window or keepalive probes
 * @rtx_start: when the oldest unacknowledged segment (or the first
 *	unanswered window probe) was sent, jiffies, for @user_timeout
 * @irs: the peer's initial sequence number
 * @rcv_nxt: next sequence number expected from the peer
 * @copied_seq: next sequence number the user will read
 * @rcv_wnd: the window we last advertised
 * @rcv_wup: rcv_nxt when that window was advertised
 * @rcv_mss: largest payload the peer sent, to pace acknowledgments
 * @packets_out: segments on the retransmit queue (an skb there may
 *	stand for many: tern_skb_cb.pcount)
 * @sacked_out: of those, selectively acknowledged
 * @lost_out: of those, marked lost and not yet retransmitted
 * @retrans_out: of those, retransmitted and not yet acknowledged
 * @dupacks: duplicate acknowledgments in a row
 * @dup_sacked: without SACK, segments duplicate ACKs say have left the
 *	network (each one means the peer received something)
 * @reordering: duplicate ACKs or SACKed segments that mean a loss; grows
 *	with the reordering the path is seen to do
 * @sack_high: end of the highest range the peer ever SACKed
 * @ooo_segs: segments waiting in @ooo_queue
 * @num_sacks: how many of @sacks are valid
 * @sacks: the ranges of @ooo_queue reported back, newest first
 * @dsack: a duplicate segment to report in the next ACK (RFC 2883)
 * @undo_marker: snd_una when the window was last cut for a loss, 0 if
 *	that cut can no longer be undone
 * @undo_retrans: retransmissions since then that no D-SACK showed to be
 *	needless; when it falls to 0 the loss was reordering, and the cut
 *	is undone
 * @prior_cwnd: the congestion window before the cut
 * @prior_ssthresh: the slow start threshold before the cut
 * @tlp_high_seq: snd_nxt when the outstanding tail loss probe went
 * @sack_ok: selective acknowledgments offered (listener, SYN_SENT) or
 *	agreed by both ends (connected)
 * @tlp_out: a tail loss probe went and its outcome is not known yet
 * @tlp_retrans: that probe was a retransmission, not new data
 * @ack_pending: an acknowledgment is owed to the peer
 * @dsack_pending: @dsack is to be sent
 * @fin_queued: our FIN is queued or sent
 * @pingpong: our data answers the peer's: our ACKs ride on it (delack.c)
 * @pushed: small segments since our last ACK (enum tern_pushed)
 * @quickacks: segments still to acknowledge at once
 * @rcv_tstamp: jiffies when the last segment arrived
 * @lrcvtime: jiffies when the last data arrived
 * @lsndtime: jiffies when the last data segment was sent
 * @challenge_stamp: start (jiffies) of the current challenge ACK second
 * @challenge_count: challenge ACKs sent in it
 * @last_oow_ack: when the last answer to an unacceptable segment went,
 *	jiffies (tern_reply_limited())
 * @rtt: the round-trip time estimator
 * @rack: time-based loss detection (RFC 8985)
 * @cc: congestion control state
 * @rcv_tune: receive buffer autotuning
 * @segs_in: segments received
 * @segs_out: segments sent
 * @bytes_acked: payload bytes acknowledged by the peer
 * @bytes_received: payload bytes received in order
 * @total_retrans: segments retransmitted
 * @fast_retrans: of those, before the retransmission timer fired
 * @timeouts: retransmission timer expiries
 * @dup_segs_in: duplicate segments received
 * @zero_window_probes: window probes sent
 * @rtx_queue: segments sent and not yet acknowledged, in order
 * @ooo_queue: segments received beyond rcv_nxt, by sequence number
 * @deferred: enum tern_deferred bits; never reset while a bit holds a
 *	socket reference
 * @mtu_info: the path MTU an ICMP error reported, for deferred handling
 *
 * Settings, kept across disconnect() and inherited by accepted children:
 * @ca_ops: congestion control algorithm
 * @user_mss: TERN_MAXSEG clamp, 0 if none
 * @nodelay: TERN_NODELAY: no Nagle
 * @cork: TERN_CORK: only full segments
 * @syn_retries: TERN_SYNCNT, 0 for the sysctl's value
 * @defer_accept: a listener's TCP_DEFER_ACCEPT, in SYN+ACK timeouts
 *	(0: off)
 * @keepalive_probes: unanswered keepalive probes before giving up
 * @keepalive_time: idle time before keepalive probes, jiffies
 * @keepalive_intvl: time between keepalive probes, jiffies
 * @user_timeout: TERN_USER_TIMEOUT, ms, 0 for the retry counts alone
 */
struct tern_sock {
	struct inet_connection_sock icsk;

	/* Lookup, listening, timers */
	struct tern_bind_bucket *bind_bucket;
	spinlock_t listen_lock;		/* accept_queue, requests */
	struct list_head accept_queue;
	struct list_head requests;
	unsigned int nr_requests;
	u32 cookie_stamp;
	struct list_head accept_node;
	struct timer_list rtx_timer;
	struct timer_list delack_timer;
	struct timer_list keepalive_timer;
	unsigned long rtx_timeout;
	u8 rtx_pending;

	/* Settings */
	const struct tern_cong_ops *ca_ops;
	u16 user_mss;
	u8 nodelay:1,
	   cork:1;
	u8 syn_retries;
	u8 defer_accept;
	u8 keepalive_probes;
	u32 keepalive_time;
	u32 keepalive_intvl;
	u32 user_timeout;

	/* Connection state that is initialised, not zeroed */
	struct sk_buff_head rtx_queue;
	struct rb_root ooo_queue;
	unsigned long deferred;
	u32 mtu_info;

	/* Connection state, zeroed from here to the end */
	u32 iss;
	u8 retransmits;
	u8 backoff;
	u8 probes_out;
	u32 rtx_start;
	u32 snd_una;
	u32 snd_nxt;
	u32 write_seq;
	u32 snd_wnd;
	u32 snd_wl1;
	u32 snd_wl2;
	u32 max_window;
	u32 mss_cache;
	u32 peer_mss;
	u32 irs;
	u32 rcv_nxt;
	u32 copied_seq;
	u32 rcv_wnd;
	u32 rcv_wup;
	u32 rcv_mss;
	u32 packets_out;
	u32 sacked_out;
	u32 lost_out;
	u32 retrans_out;
	u32 dupacks;
	u32 dup_sacked;
	u32 reordering;
	u32 sack_high;
	u32 ooo_segs;
	u32 num_sacks;
	struct tern_sack_block sacks[TERN_MAX_SACK_BLOCKS];
	struct tern_sack_block dsack;
	u32 undo_marker;
	u32 undo_retrans;
	u32 prior_cwnd;
	u32 prior_ssthresh;
	u32 tlp_high_seq;
	u8 sack_ok:1,
	   ack_pending:1,
	   fin_queued:1,
	   dsack_pending:1,
	   tlp_out:1,
	   tlp_retrans:1,
	   pingpong:1,
	   pushed:2;
	u8 quickacks;
	u32 rcv_tstamp;
	u32 lrcvtime;
	u32 lsndtime;
	u32 challenge_stamp;
	u32 challenge_count;
	u32 last_oow_ack;
	struct tern_rtt rtt;
	struct tern_rack rack;
	struct tern_cc cc;
	struct tern_rcv_tune rcv_tune;
	u64 segs_in;
	u64 segs_out;
	u64 bytes_acked;
	u64 bytes_received;
	u32 total_retrans;
	u32 fast_retrans;
	u32 timeouts;
	u32 dup_segs_in;
	u32 zero_window_probes;
};

static inline struct tern_sock *tern_sk(const struct sock *sk)
{
	return (struct tern_sock *)sk;
}

/* Bits of tern_skb_cb.sacked, for segments on the retransmit queue. */
#define TERN_SKB_SACKED		0x01	/* the peer has it (SACK) */
#define TERN_SKB_LOST		0x02	/* presumed lost, to retransmit */
#define TERN_SKB_RETRANS	0x04	/* retransmitted, still in flight */
#define TERN_SKB_EVER_RETRANS	0x08	/* retransmitted at least once */

/**
 * struct tern_skb_cb - what Tern keeps in skb->cb
 * @seq: sequence number of the first byte (or SYN)
 * @end_seq: @seq plus payload length, plus one each for SYN and FIN
 * @ack_seq: received segments: their acknowledgment number
 * @window: received segments: their advertised window
 * @sent_us: sent segments: when last transmitted, microseconds
 * @flags: TERN_FLAG_* of the segment
 * @sacked: sent segments: TERN_SKB_* bits
 * @pcount: sent segments: how many segments of at most the MSS the skb
 *	stands for (its GSO segments); the scoreboard counts in these
 * @tw_isn: received SYNs: the ISN above a TIME_WAIT entry's numbers that
 *	the new connection must use (tern_tw_reopen()), 0 if none
 * @dif: received segments: the device they arrived on (IP's control
 *	block, where the core keeps it for IPv6, is overwritten by this one)
 * @sdif: received segments: the l3 master device's slave, if any
 */
struct tern_skb_cb {
	u32 seq;
	u32 end_seq;
	u32 ack_seq;
	u32 window;
	u64 sent_us;
	u8 flags;
	u8 sacked;
	u16 pcount;
	u32 tw_isn;
	int dif;
	int sdif;
};

#define TERN_SKB_CB(skb) ((struct tern_skb_cb *)&((skb)->cb[0]))

static inline u32 tern_skb_payload(const struct sk_buff *skb)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);

	return cb->end_seq - cb->seq -
	       !!(cb->flags & TERN_FLAG_SYN) - !!(cb->flags & TERN_FLAG_FIN);
}

/* Free a segment from the send queues, returning its memory charge. */
static inline void tern_wmem_free_skb(struct sock *sk, struct sk_buff *skb)
{
	sk_wmem_queued_add(sk, -skb->truesize);
	sk_mem_uncharge(sk, skb->truesize);
	__kfree_skb(skb);
}

/* Send buffer left: sk_stream_memory_free() without the indirect call
 * that names TCP's hook (a TCP symbol current kernels need not export
 * to modules); Tern has no such hook.
 */
static inline bool tern_sndbuf_free(const struct sock *sk)
{
	return READ_ONCE(sk->sk_wmem_queued) < READ_ONCE(sk->sk_sndbuf);
}

/* Room for more writes: __sk_stream_is_writeable(), the same way. */
static inline bool tern_stream_writeable(const struct sock *sk)
{
	return sk_stream_wspace(sk) >= sk_stream_min_wspace(sk) &&
	       tern_sndbuf_free(sk);
}

/* How many segments @skb stands for: a GSO skb received whole is many. */
static inline unsigned int tern_skb_segs(const struct sk_buff *skb)
{
	return skb_is_gso(skb) ? max_t(unsigned int, skb_shinfo(skb)->gso_segs, 1) : 1;
}

static inline u64 tern_clock_us(void)
{
	return div_u64(ktime_get_ns(), NSEC_PER_USEC);
}

/* Bytes the peer still has to acknowledge, counting SYN and FIN. */
static inline u32 tern_bytes_in_flight(const struct tern_sock *tp)
{
	return tp->snd_nxt - tp->snd_una;
}

#endif /* _TERN_SOCK_H */
