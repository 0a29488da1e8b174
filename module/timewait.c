// SPDX-License-Identifier: GPL-2.0
/*
 * TIME_WAIT entries. When a connection closes actively, the full socket
 * gives way to a compact inet_timewait_sock that keeps the 4-tuple in the
 * lookup table for 2 MSL (MSL is the net.tern.msl_ms sysctl). Until it
 * expires, a retransmitted FIN is acknowledged again and the timer
 * restarts (the seeds' lost-last-ACK story), stray segments are answered
 * or dropped instead of reaching a new connection, a RST does not end it
 * early (RFC 1337), and connect() cannot reuse the 4-tuple.
 */
#include <net/inet_hashtables.h>

#include "compat.h"
#include "hash.h"
#include "netns.h"
#include "reply.h"
#include "sock.h"
#include "state.h"
#include "statetable.h"
#include "timewait.h"
#include "trace.h"

struct timewait_sock_ops tern_timewait_sock_ops = {
	.twsk_obj_size	= sizeof(struct tern_timewait_sock),
};

static int tern_time_wait_len(const struct net *net)
{
	return 2 * msecs_to_jiffies(tern_sysctl(net)->msl_ms);
}

/**
 * tern_time_wait() - replace a closing socket by a TIME_WAIT entry
 * @sk: the socket, locked; it is closed (and, if orphaned, freed)
 *
 * Without memory for the entry the socket simply closes, as TCP does.
 */
void tern_time_wait(struct sock *sk)
{
	struct tern_net *tn = tern_net(sock_net(sk));
	struct tern_sock *tp = tern_sk(sk);
	struct inet_timewait_sock *tw;

	tw = inet_twsk_alloc(sk, &tn->tw_death_row, TCP_TIME_WAIT);
	if (!tw) {
		tern_stat_inc(sock_net(sk), TERN_STAT_TIME_WAIT_OVERFLOW);
		tern_done(sk);
		return;
	}
	tern_twsk(tw)->snd_nxt = tp->snd_nxt;
	tern_twsk(tw)->rcv_nxt = tp->rcv_nxt;
	tern_twsk(tw)->rcv_wnd = tp->rcv_wnd;
	tern_stat_inc(sock_net(sk), TERN_STAT_TIME_WAITS);
	trace_tern_state_change(sk, sk->sk_state, TCP_TIME_WAIT);
	tern_twsk_hashdance_schedule(tw, sk, &tern_hashinfo,
				     tern_time_wait_len(sock_net(sk)));
	tern_done_time_wait(sk);
}

/**
 * tern_tw_rcv() - a segment for a TIME_WAIT entry
 * @tw: the entry, with the lookup's reference
 * @skb: the segment, validated; consumed
 */
void tern_tw_rcv(struct inet_timewait_sock *tw, struct sk_buff *skb)
{
	const struct tern_skb_cb *cb = TERN_SKB_CB(skb);
	enum tern_event ev = tern_segment_event(cb->flags);
	struct tern_transition t = tern_sm_lookup(TCP_TIME_WAIT, ev);
	struct tern_timewait_sock *ttw = tern_twsk(tw);
	struct net *net = twsk_net(tw);

	/* The sequence check comes before the table, as in every synchronized
	 * state (RFC 793 p. 69): only the peer's bare ACK of our FIN is
	 * acceptable; old data or a stray sequence number gets our ACK, so
	 * its sender learns where we are.
	 */
	if (ev == TERN_EV_RCV_ACK &&
	    (cb->end_seq != cb->seq || cb->seq != ttw->rcv_nxt))
		t.action = TERN_ACT_SEND_ACK;

	switch (t.action) {
	case TERN_ACT_TIME_WAIT:
		/* The peer did not get our last ACK: again, and wait anew. */
		inet_twsk_reschedule(tw, tern_time_wait_len(net));
		fallthrough;
	case TERN_ACT_SEND_ACK:
	case TERN_ACT_CHALLENGE_ACK:
		tern_reply_ack(net, skb, ttw->snd_nxt, ttw->rcv_nxt, ttw->rcv_wnd);
		break;
	default:
		break;
	}
	kfree_skb(skb);
	inet_twsk_put(tw);
}
