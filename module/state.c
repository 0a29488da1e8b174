// SPDX-License-Identifier: GPL-2.0
/*
 * Acting on the state table for full sockets. Every state change of a
 * Tern socket goes through tern_sm_step(): the table decides, this file
 * carries the decision out. Changes the inet layer makes itself (entering
 * LISTEN) and the end of a socket's life (tern_done()) live here too.
 */
#include <net/inet_connection_sock.h>
#include <net/inet_hashtables.h>

#include "netns.h"
#include "output.h"
#include "sock.h"
#include "state.h"
#include "timer.h"
#include "timewait.h"
#include "trace.h"

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
		if (inet_csk(sk)->icsk_bind_hash &&
		    !(sk->sk_userlocks & SOCK_BINDPORT_LOCK))
			inet_put_port(sk);
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

static void __tern_done(struct sock *sk, bool trace)
{
	__tern_set_state(sk, TCP_CLOSE, trace);
	tern_clear_xmit_timers(sk);
	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_state_change(sk);
	else
		inet_csk_destroy_sock(sk);
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

/* The handshake completed. */
static void tern_established(struct sock *sk)
{
	struct tern_sock *tp = tern_sk(sk);

	tern_set_state(sk, TCP_ESTABLISHED);
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

/**
 * tern_sm_step() - apply an event to a full socket
 * @sk: the socket, locked and not owned by anyone else
 * @event: what happened
 *
 * Looks up (state, event) in the table, moves to the next state and
 * carries out the action. SEND_SYN and SEND_SYNACK on a listener are
 * finished by the caller, which has the route or the request at hand.
 *
 * Return: the action taken, or a negative errno when entering LISTEN
 * failed. The socket may be closed (and, if orphaned, freed) on return
 * from REFUSED, RESET, TIMED_OUT, SEND_RST, TIME_WAIT and CLOSE.
 */
int tern_sm_step(struct sock *sk, enum tern_event event)
{
	struct tern_transition t = tern_sm_lookup(sk->sk_state, event);
	struct net *net = sock_net(sk);

	switch (t.action) {
	case TERN_ACT_INVALID:
		tern_stat_inc(net, TERN_STAT_SM_INVALID);
		net_dbg_ratelimited("tern: %s in state %s ignored\n",
				    tern_event_name(event),
				    tern_state_name(sk->sk_state));
		break;
	case TERN_ACT_NONE:
	case TERN_ACT_DISCARD:
	case TERN_ACT_SEND_SYN:
		tern_set_state(sk, t.next);
		break;
	case TERN_ACT_SEND_SYNACK:
		tern_set_state(sk, t.next);
		if (t.next == TCP_SYN_RECV)
			tern_resend_syn_as_synack(sk);
		break;
	case TERN_ACT_CHALLENGE_ACK:
		tern_set_state(sk, t.next);
		tern_send_challenge_ack(sk);
		break;
	case TERN_ACT_SEND_ACK:
		tern_set_state(sk, t.next);
		tern_send_ack(sk);
		break;
	case TERN_ACT_SEND_FIN:
		tern_set_state(sk, t.next);
		tern_send_fin(sk);
		break;
	case TERN_ACT_SEND_RST:
		tern_send_active_reset(sk, gfp_any());
		WRITE_ONCE(sk->sk_err, ECONNRESET);
		tern_purge_write_queues(sk);
		tern_done(sk);
		break;
	case TERN_ACT_ESTABLISH_ACK:
		tern_established(sk);
		tern_send_ack(sk);
		break;
	case TERN_ACT_ESTABLISH:
		tern_established(sk);
		break;
	case TERN_ACT_START_LISTEN:
		/* Sets LISTEN itself, and CLOSE again if the port is taken. */
		return inet_csk_listen_start(sk);
	case TERN_ACT_STOP_LISTEN:
		tern_set_state(sk, TCP_CLOSE);
		inet_csk_listen_stop(sk);
		break;
	case TERN_ACT_TIME_WAIT:
		/* A FIN wants its ACK; an ACK of our FIN (from CLOSING) does not. */
		if (event == TERN_EV_RCV_FIN)
			tern_send_ack(sk);
		tern_time_wait(sk);
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
	case TERN_ACT_CLOSE:
		tern_done(sk);
		break;
	}
	return t.action;
}
