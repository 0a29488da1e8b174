// SPDX-License-Identifier: GPL-2.0
/*
 * The one interpreter of the state table, as SCTP's sm_sideeffect.c is
 * for sm_statetable.c: tern_sm_step() looks an event up for a full
 * socket, a request entry, a TIME_WAIT entry or no entry at all, moves
 * to the next state and carries the action out. Every state change goes
 * through it. The end of a socket's life (tern_done(), orphans) is here
 * too.
 */
#include <net/xfrm.h>

#include "listen.h"
#include "lsm.h"
#include "netns.h"
#include "output.h"
#include "port.h"
#include "queue.h"
#include "reply.h"
#include "request.h"
#include "sock.h"
#include "state.h"
#include "table.h"
#include "timer.h"
#include "timewait.h"
#include "trace.h"

static DEFINE_PER_CPU(unsigned int, tern_orphans);

static bool tern_counts_as_established(int state)
{
	return state == TCP_ESTABLISHED || state == TCP_CLOSE_WAIT;
}

static void __tern_set_state(struct sock *sk, int state, bool trace)
{
	int old = sk->sk_state;
	struct net *net = sock_net(sk);

	if (old == state)
		return;
	if (state == TCP_CLOSE) {
		if (old == TCP_SYN_SENT || old == TCP_SYN_RECV)
			tern_stat_inc(net, TERN_STAT_ATTEMPT_FAILS);
		sk->sk_prot->unhash(sk);
		if (tern_sk(sk)->bind_bucket &&
		    !(sk->sk_userlocks & SOCK_BINDPORT_LOCK))
			tern_put_port(sk);
	}
	if (tern_counts_as_established(state) && !tern_counts_as_established(old))
		tern_stat_inc(net, TERN_STAT_CURR_ESTAB);
	if (!tern_counts_as_established(state) && tern_counts_as_established(old))
		tern_stat_dec(net, TERN_STAT_CURR_ESTAB);
	if (trace)
		trace_tern_state_change(sk, old, state);
	inet_sk_set_state(sk, state);
}

/**
 * tern_set_state() - move a socket to @state, with the bookkeeping
 * @sk: the socket, locked
 * @state: the new state
 *
 * Entering CLOSED takes the socket out of the lookup tables and, unless
 * the user bound the port explicitly, gives the port back.
 */
void tern_set_state(struct sock *sk, int state)
{
	__tern_set_state(sk, state, true);
}

/**
 * tern_orphan() - the user is gone: count the socket as an orphan
 * @sk: the socket, locked
 */
void tern_orphan(struct sock *sk)
{
	sock_orphan(sk);
	this_cpu_inc(tern_orphans);
}

/**
 * tern_orphan_count() - orphans on all CPUs
 *
 * Return: their number (an estimate while they come and go).
 */
int tern_orphan_count(void)
{
	int cpu, n = 0;

	for_each_possible_cpu(cpu)
		n += per_cpu(tern_orphans, cpu);
	return max(n, 0);
}

/**
 * tern_out_of_resources() - too many orphans, or too much memory?
 * @sk: an orphan
 *
 * TCP's tcp_check_oom(): the orphan count beyond net.tern.max_orphans,
 * or the protocol's memory beyond its hard limit (net.tern.mem[2]).
 *
 * Return: true when the orphan is to be reset; counted and logged.
 */
bool tern_out_of_resources(const struct sock *sk)
{
	bool orphans = tern_orphan_count() > READ_ONCE(tern_sysctl(sock_net(sk))->max_orphans);
	bool memory = sk_memory_allocated(sk) > sk_prot_mem_limits(sk, 2);

	if (orphans)
		net_info_ratelimited("tern: too many orphaned sockets\n");
	if (memory)
		net_info_ratelimited("tern: out of memory, consider net.tern.mem\n");
	if (orphans || memory)
		tern_stat_inc(sock_net(sk), TERN_STAT_ABORT_ON_MEMORY);
	return orphans || memory;
}

/**
 * tern_destroy_orphan() - free what is left of a closed orphan
 * @sk: the socket, locked, in CLOSE, out of every table
 *
 * Drops the reference the socket had since its creation.
 */
void tern_destroy_orphan(struct sock *sk)
{
	WARN_ON_ONCE(sk->sk_state != TCP_CLOSE);
	WARN_ON_ONCE(!sock_flag(sk, SOCK_DEAD));
	WARN_ON_ONCE(!sk_unhashed(sk));
	sk->sk_prot->destroy(sk);
	sk_stream_kill_queues(sk);
	xfrm_sk_free_policy(sk);
	this_cpu_dec(tern_orphans);
	sock_put(sk);
}

static void __tern_done(struct sock *sk, bool trace)
{
	__tern_set_state(sk, TCP_CLOSE, trace);
	tern_clear_timers(sk);
	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_state_change(sk);
	else
		tern_destroy_orphan(sk);
}

/**
 * tern_done() - the connection is over
 * @sk: the socket, locked
 *
 * A socket the user still holds is woken to see it closed; an orphan is
 * destroyed, so the caller must not touch @sk afterwards unless it holds
 * a reference.
 */
void tern_done(struct sock *sk)
{
	__tern_done(sk, true);
}

/**
 * tern_done_time_wait() - the connection lives on as a TIME_WAIT entry
 * @sk: the socket, locked
 *
 * As tern_done(), but the socket's last change was traced as the move to
 * TIME_WAIT, not to CLOSED.
 */
void tern_done_time_wait(struct sock *sk)
{
	__tern_done(sk, false);
}

/**
 * tern_child_discard() - a new child that never made it into the table
 * @child: the socket from sk_clone_lock(), still locked (bh), with both
 *	its references; unlocked and freed here
 */
void tern_child_discard(struct sock *child)
	__releases(&child->sk_lock.slock)
{
	tern_orphan(child);
	tern_done(child);
	bh_unlock_sock(child);
	sock_put(child);
}

/**
 * tern_child_forget() - a connection nobody will accept: reset it
 * @child: the socket, locked (bh), referenced by the caller
 */
void tern_child_forget(struct sock *child)
{
	tern_orphan(child);
	if (child->sk_state == TCP_CLOSE)
		tern_destroy_orphan(child);
	else
		tern_sm_step(child, TERN_EV_ABORT, NULL);
}

/* The connection failed: report @err to the user, then close. */
static void tern_fail(struct sock *sk, int err)
{
	bool dead = sock_flag(sk, SOCK_DEAD);

	WRITE_ONCE(sk->sk_err, err);
	/* Publish the error before the state change wakes anyone. */
	smp_wmb();
	tern_purge_write_queues(sk);
	tern_done(sk);
	if (!dead)
		sk_error_report(sk);
}

/* The handshake completed, @skb completing it (NULL for a passive
 * open's child, which request.c introduced to the LSM already).
 */
static void tern_established(struct sock *sk, struct sk_buff *skb)
{
	struct tern_sock *tp = tern_sk(sk);

	tern_set_state(sk, TCP_ESTABLISHED);
	if (skb)
		tern_lsm_conn_established(sk, skb);
	/* A lost SYN is not undone: data starts from one segment (RFC 5681). */
	tp->undo_marker = 0;
	tp->quickacks = TERN_QUICKACKS;
	tp->rcv_tstamp = tern_jiffies32;
	if (sock_flag(sk, SOCK_KEEPOPEN))
		tern_reset_keepalive_timer(sk, tern_keepalive_time(tp));
	if (!sock_flag(sk, SOCK_DEAD)) {
		sk->sk_state_change(sk);
		sk_wake_async(sk, SOCK_WAKE_IO, POLL_OUT);
	}
}

/* What a reset means to the user, as TCP reports it. */
static int tern_reset_errno(const struct sock *sk)
{
	switch (sk->sk_state) {
	case TCP_SYN_SENT:
	case TCP_SYN_RECV:
		return -ECONNREFUSED;
	case TCP_CLOSE_WAIT:
		return -EPIPE;
	default:
		return -ECONNRESET;
	}
}

/* Reset the peer, then fail with @err. */
static void tern_abort(struct sock *sk, int err)
{
	tern_send_active_reset(sk, gfp_any());
	tern_fail(sk, err);
}

/* Where an entry of any kind notes its last answer to an unacceptable
 * segment.
 */
static u32 *tern_oow_stamp(struct sock *sk)
{
	if (sk->sk_state == TCP_TIME_WAIT)
		return &tern_tw(sk)->last_oow_ack;
	if (sk->sk_state == TCP_NEW_SYN_RECV)
		return &tern_req(sk)->last_oow_ack;
	return &tern_sk(sk)->last_oow_ack;
}

/* SEND_ACK, CHALLENGE_ACK and OOW_ACK, from whatever kind of entry @sk is; a
 * full socket moves to the next state first (a FIN's ACK comes from
 * CLOSE_WAIT or CLOSING).
 */
static void tern_sm_ack(struct sock *sk, struct tern_transition t,
			struct sk_buff *skb)
{
	if (sk->sk_state == TCP_TIME_WAIT) {
		tern_tw_send_ack(tern_tw(sk), skb);
		return;
	}
	if (sk->sk_state == TCP_NEW_SYN_RECV) {
		tern_req_send_ack(tern_req(sk), skb);
		return;
	}
	tern_set_state(sk, t.next);
	if (t.action == TERN_ACT_CHALLENGE_ACK)
		tern_send_challenge_ack(sk);
	else
		tern_send_ack(sk);
}

/* The actions of full sockets that end the connection. */
static void tern_sm_end(struct sock *sk, enum tern_action action)
{
	struct net *net = sock_net(sk);

	switch (action) {
	case TERN_ACT_ABORT:
		tern_abort(sk, ECONNRESET);
		break;
	case TERN_ACT_REFUSED:
		tern_fail(sk, ECONNREFUSED);
		break;
	case TERN_ACT_RESET:
		if (tern_counts_as_established(sk->sk_state))
			tern_stat_inc(net, TERN_STAT_ESTAB_RESETS);
		tern_fail(sk, -tern_reset_errno(sk));
		break;
	case TERN_ACT_TIMED_OUT:
		tern_fail(sk, READ_ONCE(sk->sk_err_soft) ? : ETIMEDOUT);
		break;
	case TERN_ACT_ABORT_TIMED_OUT:
		tern_abort(sk, ETIMEDOUT);
		break;
	case TERN_ACT_UNREACHABLE:
		/* The input path left the ICMP's errno as the soft error. */
		tern_fail(sk, READ_ONCE(sk->sk_err_soft));
		break;
	default:
		tern_done(sk);
		break;
	}
}

/* The actions of request and TIME_WAIT entries, and of the handshake's
 * passive side. Returns true when @skb was passed on.
 */
static bool tern_sm_entry(struct sock *sk, enum tern_action action,
			  struct sk_buff *skb)
{
	switch (action) {
	case TERN_ACT_NEW_REQUEST:
		tern_req_new(sk, skb);
		return false;
	case TERN_ACT_CREATE_CHILD:
		if (sk->sk_state == TCP_LISTEN)
			tern_req_cookie_child(sk, skb);
		else
			tern_req_create_child(tern_req(sk), skb);
		return true;
	case TERN_ACT_RESTART_TIME_WAIT:
		tern_tw_restart(tern_tw(sk), skb);
		return false;
	case TERN_ACT_REOPEN:
		tern_tw_reopen(tern_tw(sk), skb);
		return true;
	case TERN_ACT_DEFER_ACCEPT:
		WRITE_ONCE(tern_req(sk)->acked, true);
		return false;
	default:	/* TERN_ACT_REMOVE */
		if (sk->sk_state == TCP_TIME_WAIT)
			tern_tw_remove(tern_tw(sk));
		else
			tern_req_remove(tern_req(sk));
		return false;
	}
}

/* The actions that keep a full socket open, after the state change. */
static int tern_sm_open(struct sock *sk, struct tern_transition t,
			struct sk_buff *skb)
{
	switch (t.action) {
	case TERN_ACT_RESEND_SYNACK:
		if (sk->sk_state == TCP_NEW_SYN_RECV) {
			/* A SYN again, not the timer: as TCP, rate-limited. */
			if (!skb || !tern_reply_limited(sock_net(sk), skb,
							&tern_req(sk)->last_oow_ack,
							false))
				tern_req_resend_synack(tern_req(sk));
			break;
		}
		tern_set_state(sk, t.next);
		tern_resend_syn_as_synack(sk);
		break;
	case TERN_ACT_ESTABLISH:
	case TERN_ACT_ESTABLISH_ACK:
		tern_established(sk, skb);
		if (t.action == TERN_ACT_ESTABLISH_ACK)
			tern_send_ack(sk);
		break;
	case TERN_ACT_START_LISTEN:
		return tern_listen_start(sk);
	case TERN_ACT_STOP_LISTEN:
		tern_set_state(sk, TCP_CLOSE);
		tern_listen_stop(sk);
		break;
	case TERN_ACT_SEND_FIN:
		tern_set_state(sk, t.next);
		tern_send_fin(sk);
		break;
	case TERN_ACT_TIME_WAIT_ACK:
		tern_send_ack(sk);
		fallthrough;
	case TERN_ACT_TIME_WAIT:
		tern_time_wait(sk);
		break;
	default:	/* NONE, SEND_SYN, SOFT_ERROR: the state alone */
		tern_set_state(sk, t.next);
		break;
	}
	return 0;
}

static void tern_sm_invalid(struct net *net, int state, enum tern_event event)
{
	tern_stat_inc(net, TERN_STAT_SM_INVALID);
	net_dbg_ratelimited("tern: %s in state %s ignored\n",
			    tern_event_name(event), tern_state_name(state));
}

/**
 * tern_sm_step() - apply an event: the state table's interpreter
 * @sk: a full socket (locked, not owned by anyone else), a request or
 *	TIME_WAIT entry (referenced), or NULL for a segment no entry holds
 *	(the CLOSED row)
 * @event: what happened
 * @skb: the segment that raised the event, or NULL; consumed
 *
 * Looks up (state, event), moves to the next state and carries out the
 * action. SEND_SYN is finished by the caller, which has the route.
 *
 * Return: the action taken, or a negative errno when entering LISTEN
 * failed. A full socket may be closed (and, if orphaned, freed) on
 * return from ABORT, REFUSED, RESET, TIMED_OUT, ABORT_TIMED_OUT,
 * UNREACHABLE, TIME_WAIT, TIME_WAIT_ACK and CLOSE.
 */
int tern_sm_step(struct sock *sk, enum tern_event event, struct sk_buff *skb)
{
	int state = sk ? sk->sk_state : TCP_CLOSE;
	struct tern_transition t = tern_sm_lookup(state, event);
	struct net *net = sk ? sock_net(sk) : dev_net(skb->dev);
	int ret = t.action;

	switch (t.action) {
	case TERN_ACT_INVALID:
		tern_sm_invalid(net, state, event);
		break;
	case TERN_ACT_DISCARD:
		break;
	case TERN_ACT_OOW_ACK:
		if (tern_reply_limited(net, skb, tern_oow_stamp(sk),
				       sk->sk_state == TCP_TIME_WAIT))
			break;
		fallthrough;
	case TERN_ACT_SEND_ACK:
	case TERN_ACT_CHALLENGE_ACK:
		tern_sm_ack(sk, t, skb);
		break;
	case TERN_ACT_REPLY_RST:
		tern_reply_reset(net, skb);
		break;
	case TERN_ACT_NEW_REQUEST:
	case TERN_ACT_CREATE_CHILD:
	case TERN_ACT_RESTART_TIME_WAIT:
	case TERN_ACT_REOPEN:
	case TERN_ACT_REMOVE:
	case TERN_ACT_DEFER_ACCEPT:
		if (tern_sm_entry(sk, t.action, skb))
			skb = NULL;
		break;
	case TERN_ACT_ABORT:
	case TERN_ACT_REFUSED:
	case TERN_ACT_RESET:
	case TERN_ACT_TIMED_OUT:
	case TERN_ACT_ABORT_TIMED_OUT:
	case TERN_ACT_UNREACHABLE:
	case TERN_ACT_CLOSE:
		tern_sm_end(sk, t.action);
		break;
	default:
		ret = tern_sm_open(sk, t, skb) ? : ret;
		break;
	}
	kfree_skb(skb);
	return ret;
}
